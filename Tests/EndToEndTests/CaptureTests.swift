import Foundation
import Testing
import TestSupport

/// `picnic capture` in a real pane sized like a tmux popup.
@Suite(.enabled(if: TmuxSession.isAvailable, "\(TmuxSession.skipMessage)"))
struct CaptureTests {
    private func list(_ db: URL) throws -> [[String: Any]] {
        let out = try TestSupport.picnic(["list", "--json"], db: db)
        return (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]]) ?? []
    }

    @Test func enterSavesExactlyOneTaskWithItsModifiers() throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        // Completion offers the words of the open tasks, as in the dashboard.
        #expect(try TestSupport.picnic(["add", "Old +ops project:infra"], db: db).status == 0)
        let tmux = try TmuxSession(width: 80, height: 8)
        defer { tmux.close() }
        let run = try tmux.launch([TestSupport.binary("picnic").path, "--db", db.path, "capture"],
                                  environment: ["XDG_STATE_HOME": dir.path])
        try run.waitForReady()
        try tmux.type("Fix CI +op")
        try tmux.sendKeys("Tab")
        try tmux.type("pro:inf")
        try tmux.sendKeys("Tab")
        try tmux.type("due:tomorrow pri:H")
        try tmux.waitFor("(tmrw)")
        try tmux.sendKeys("Enter")
        #expect(try run.waitForExit() == 0)
        let tasks = try list(db).filter { $0["title"] as? String != "Old" }
        #expect(tasks.count == 1)
        let t = try #require(tasks.first)
        #expect(t["title"] as? String == "Fix CI")
        #expect(t["project"] as? String == "infra")
        #expect(t["tags"] as? [String] == ["ops"])
        #expect(t["priority"] as? String == "H")
        #expect(t["due"] != nil)
        let history = try String(contentsOf: dir.appendingPathComponent("picnic/history"), encoding: .utf8)
        #expect(history == "Fix CI +ops pro:infra due:tomorrow pri:H\n")
    }

    @Test func originIsSavedWithTheTaskAsOneUndoStep() throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        let repo = dir.appendingPathComponent("checkout")
        try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
        let git = TestSupport.which("git")
        if let git {
            #expect(try TestSupport.run(URL(fileURLWithPath: git), ["-C", repo.path, "init", "-q", "-b", "trunk"]).status == 0)
        }
        let tmux = try TmuxSession(width: 80, height: 8)
        defer { tmux.close() }
        try tmux.type("cd \(TmuxSession.quote(repo.path))")
        try tmux.sendKeys("Enter")
        let run = try tmux.launch([TestSupport.binary("picnic").path, "--db", db.path, "capture", "--origin"],
                                  environment: ["XDG_STATE_HOME": dir.path])
        try run.waitForReady()
        try tmux.type("Note from the checkout +repo")
        try tmux.waitFor("Note from the checkout")
        try tmux.sendKeys("Enter")
        #expect(try run.waitForExit() == 0)
        let tasks = try list(db)
        #expect(tasks.count == 1)
        let notes = try #require(tasks.first?["annotations"] as? [[String: Any]])
        #expect(notes.count == 1)
        let text = notes.first?["description"] as? String ?? ""
        #expect(text.hasPrefix("captured in ") && text.contains("checkout"))
        if git != nil { #expect(text.contains("branch trunk")) }
        // Task and note were one change: a single undo takes both away.
        #expect(try TestSupport.picnic(["undo"], db: db).status == 0)
        #expect(try list(db).isEmpty)
    }

    @Test func escapeCancelsWithoutSaving() throws {
        let dir = TestSupport.makeTempDirectory()
        let db = dir.appendingPathComponent("p.sqlite")
        let tmux = try TmuxSession(width: 60, height: 6)
        defer { tmux.close() }
        let run = try tmux.launch([TestSupport.binary("picnic").path, "--db", db.path, "capture"],
                                  environment: ["XDG_STATE_HOME": dir.path])
        try run.waitForReady()
        try tmux.type("Never saved due:fryday")
        try tmux.waitFor("not a date")
        // ⏎ on a line that does not read keeps it open and says so.
        try tmux.sendKeys("Enter")
        try tmux.waitFor("Not saved: fix the line above")
        try tmux.sendKeys("Escape")
        #expect(try run.waitForExit() == 130)
        #expect(try list(db).isEmpty)
    }
}

/// The whole tmux flow: a dashboard open in one pane shows what a capture popup saved in another.
@Suite(.enabled(if: TmuxSession.isAvailable, "\(TmuxSession.skipMessage)"))
struct CaptureIntoOpenDashboardTests {
    @Test func aCaptureInAnotherPaneShowsInTheOpenDashboard() throws {
        let h = try DashboardHarness()
        try h.picnic(["add", "Something already here"])
        try h.launch()
        try h.tmux.waitFor("Something already here")

        let popup = try TmuxSession(width: 80, height: 8)
        defer { popup.close() }
        let capture = try popup.launch([TestSupport.binary("picnic").path, "--db", h.db.path, "capture"],
                                       environment: ["XDG_STATE_HOME": h.home.path])
        try capture.waitForReady()
        try popup.type("Rotate staging certs +ops pri:H")
        try popup.waitFor("ops")
        try popup.sendKeys("Enter")
        #expect(try capture.waitForExit() == 0)

        // The dashboard polls the store: the task shows without a key press, well within a second
        // on an idle machine (slack for a loaded one).
        let screen = try h.tmux.waitFor("Rotate staging certs", timeout: 3)
        #expect(screen.contains("+ops"))
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
    }
}
