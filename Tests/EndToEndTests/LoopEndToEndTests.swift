import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// The give-and-receive loop as two people live it (issue 13): two real dashboards in tmux, each
/// with its own store and sync helper, against a real `picnic-server` on a real PostgreSQL.
/// Every wait polls a screen or a command with a deadline; nothing sleeps.
@Suite(.enabled(if: TmuxSession.isAvailable, "\(TmuxSession.skipMessage)"),
       .enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct LoopEndToEndTests {
    /// How long an arrival may take on this loaded machine (the goal is 2 s; a debug build shares
    /// two cores with other builds, so the deadline is generous and the figure is printed).
    static let arrival: TimeInterval = 30

    @Test func askedFromATaskAnsweredByATeammateArrivesOnTheTaskAndHelpedIsMarked() throws {
        let team = try LoopCommunity(users: ["ana", "ben"])
        defer { team.close() }
        let ana = try DashboardHarness(width: 120, height: 36)
        let ben = try DashboardHarness(width: 120, height: 36)

        // Ana is stuck on a task; Ben finished one like it last week.
        try #require(ana.picnic(["add", "Build times out on the arm64 runner +ci"]).status == 0)
        try #require(ben.picnic(["add", "Fix arm64 runner build timeout +ci"]).status == 0)
        try #require(ben.picnic(["done", "1"]).status == 0)
        try #require(ben.picnic(["add", "Write the release notes"]).status == 0)
        for (who, h) in [("ana", ana), ("ben", ben)] {
            let joined = try h.picnic(["community", "join", team.url, "--token-file", team.tokenFile(who, in: h.home)])
            try #require(joined.status == 0, "join as \(who): \(joined.stderr)")
        }

        // Ana asks from the task: the preview, an edit, then the confirmation.
        try ana.launch()
        try ana.tmux.waitFor("Build times out on the arm64")
        try ana.press("p", until: "Sent only with")
        try ana.press("Tab", "Tab", "Tab", until: "Body  ›")
        try ana.tmux.type("Since Monday every arm64 job stops at 60 min.")
        try ana.tmux.waitFor("every arm64 job stops")
        try ana.press("C-d", until: "your question")
        let asked = Date()

        // Ben, working, sees it in "You could help" and answers it in a few keys.
        try ben.launch()
        try ben.tmux.waitFor("Write the release notes")
        // The status bar counts it (a strong match to what Ben finished) while he works.
        try ben.tmux.waitFor("1 you could answer", timeout: Self.arrival)
        let toBen = Date().timeIntervalSince(asked)
        let seen = try ben.press("H", until: "Build times out on the arm64")
        #expect(seen.contains("You could help"))
        try ben.press("Enter", until: "Since Monday every arm64 job")
        try ben.press("r", until: "Your answer")
        try ben.tmux.type("Pin the runner image; the new one throttles.")
        try ben.press("C-d", until: "Answered")
        let answered = Date()

        // The answer arrives on Ana's task: the dashboard's status bar and the tmux status line.
        let arrived = try ana.tmux.waitFor("1 new answer", timeout: Self.arrival)
        let toAna = Date().timeIntervalSince(answered)
        // The task's row carries the mark, and the help pane says so under "your question".
        #expect(DashboardHarness.line(arrived, containing: "Build times out on the arm64 runner +ci")?.contains("◆") == true)
        #expect(arrived.contains("1 new"))
        let line = try waitForOutput(ana, ["status", "--tmux"], containing: "1 new answer", timeout: Self.arrival)
        #expect(line.contains("1 new answer"))
        try ana.press("w", until: "Pin the runner image")
        try ana.press("a", until: "Accepted ben")
        try ana.tmux.sendKeys("Escape")
        _ = try ana.tmux.waitUntil { $0.contains("Queue") }

        // Finished: "What helped?" offers the thread; one key sends the helped mark.
        try ana.press("d", until: "What helped?")
        try ana.press("1", until: "helpful")
        let ledger = try waitForOutput(ben, ["ledger", "--json"], containing: "\"helpedMarks\":1", timeout: Self.arrival)
        #expect(ledger.contains("\"acceptedAnswers\":1"))
        // Ben's dashboard counts it too (the ledger overlay).
        try ben.tmux.sendKeys("Escape")
        _ = try ben.tmux.waitUntil { $0.contains("You could help") && !$0.contains("Since Monday") }
        try ben.tmux.sendKeys("Escape")
        _ = try ben.tmux.waitUntil { $0.contains("Queue") }
        try ben.press("L", until: "people helped")
        try ben.tmux.waitFor("1 helped mark", timeout: Self.arrival)
        print("loop e2e: question reached ben's could-help in \(String(format: "%.2f", toBen)) s, answer reached ana's status bar in \(String(format: "%.2f", toAna)) s")

        // Ana quits; Ben's dashboard is ended by SIGTERM: both terminals are given back, and each
        // sync helper ends with its dashboard.
        #expect(Self.helperRunning(for: ana.db) && Self.helperRunning(for: ben.db))
        try ana.tmux.sendKeys("q")
        #expect(try ana.run?.waitForExit() == 0)
        #expect(try ana.expectShellIntact())
        try ben.run?.signal(SIGTERM)
        #expect(try ben.run?.waitForExit() == 143)
        #expect(try ben.expectShellIntact())
        for h in [ana, ben] {
            let deadline = Date().addingTimeInterval(10)
            while Self.helperRunning(for: h.db) && Date() < deadline { usleep(20_000) }
            #expect(!Self.helperRunning(for: h.db), "picnic-sync watch still runs for \(h.db.path)")
        }
    }

    /// Whether a `picnic-sync watch` of this store runs (from /proc: this test's own store path).
    static func helperRunning(for db: URL) -> Bool {
        guard let pids = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for pid in pids where Int(pid) != nil {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if words.first?.hasSuffix("picnic-sync") == true, words.contains("watch"), words.contains(db.path) { return true }
        }
        return false
    }

    /// A hung server (SIGSTOP: connections open, nothing answers) costs a key nothing: the question
    /// is asked and drawn "sending…" at once, the status bar says "offline · 1 to send" once the
    /// helper gives up, and the question goes, once, when the server answers again.
    @Test func aHungServerNeverDelaysAKeyAndTheQuestionGoesWhenItIsBack() throws {
        let team = try LoopCommunity(users: ["ana"])
        defer { team.close() }
        let ana = try DashboardHarness(width: 120, height: 36)
        try #require(ana.picnic(["add", "Flaky cache on the arm64 runner +ci"]).status == 0)
        let joined = try ana.picnic(["community", "join", team.url, "--token-file", team.tokenFile("ana", in: ana.home)])
        try #require(joined.status == 0, "join: \(joined.stderr)")
        try ana.launch()
        try ana.tmux.waitFor("Flaky cache on the arm64")

        kill(team.server.pid, SIGSTOP)
        defer { kill(team.server.pid, SIGCONT) }
        try ana.press("p", until: "Sent only with")
        let sent = try ana.press("C-d", until: "sending…")
        // Drawn before the helper could have given up on the server: the key did not wait for it.
        #expect(!sent.contains("offline"))
        try ana.press("a", until: "Add ›")
        try ana.tmux.type("Second task typed while the server hangs")
        try ana.press("Enter", until: "Second task typed")
        try ana.tmux.waitFor("offline · 1 to send", timeout: 60)

        kill(team.server.pid, SIGCONT)
        _ = try ana.tmux.waitUntil(timeout: 60) { !$0.contains("sending…") && !$0.contains("to send") }
        let out = try waitForOutput(ana, ["status", "--json"], containing: "\"to_send\":0", timeout: Self.arrival)
        #expect(out.contains("\"to_send\":0"))
        try ana.tmux.sendKeys("q")
        #expect(try ana.run?.waitForExit() == 0)
        #expect(try ana.expectShellIntact())
    }

    /// Runs `picnic ARGS` until its output contains `text` (a deadline, no sleeps between tries
    /// beyond the command's own run time); returns the last output.
    func waitForOutput(_ h: DashboardHarness, _ args: [String], containing text: String, timeout: TimeInterval) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            let out = try h.picnic(args)
            last = out.stdout + out.stderr
            if last.contains(text) { return last }
        } while Date() < deadline
        throw TmuxError("`picnic \(args.joined(separator: " "))` never said \(text)", screen: last)
    }
}

/// A community for one test: a fresh database (a copy of a template migrated once per process by
/// the real `picnic-server migrate`), users made by `user add`, and `serve` as the server's role.
final class LoopCommunity {
    let database: PostgresDatabase
    let server: PicnicServerProcess
    let tokens: [String: String]
    var url: String { server.baseURL }

    init(users: [String]) throws {
        let template = try PostgresTest.template("picnic-server-migrated-e2e") { db in
            let r = try PicnicServerProcess.run(["migrate"], db: db.url, environment: ["PICNIC_SERVER_ROLE_PASSWORD": db.password])
            guard r.status == 0 else { throw TmuxError("picnic-server migrate exited \(r.status): \(r.stderr)") }
        }
        database = try PostgresTest.database(template: template, label: "loop")
        var tokens: [String: String] = [:]
        for user in users {
            let out = try PicnicServerProcess.run(["user", "add", user], db: database.url)
            guard out.status == 0 else { throw TmuxError("user add \(user): \(out.stderr)") }
            tokens[user] = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        self.tokens = tokens
        var serving = URLComponents(string: database.url)!
        serving.user = "picnic_server"
        serving.password = database.password.isEmpty ? nil : database.password
        server = try PicnicServerProcess.serve(db: serving.string!, extraArguments: ["--community", "team"],
                                               environment: ["PICNIC_SERVER_LOG": "warning"])
    }

    /// Writes `user`'s token where `--token-file` reads it.
    func tokenFile(_ user: String, in folder: URL) throws -> String {
        let file = folder.appendingPathComponent("token.txt")
        try (tokens[user, default: ""] + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func close() {
        server.close()
        database.drop()
    }
}
