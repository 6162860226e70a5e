import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The real `picnic` dashboard in a real terminal (tmux, private socket per test).
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
struct DashboardEndToEndTests {
    @Test func firstRunOpensOnTheWelcomeWorkspaceWithMatchingHelp() throws {
        let h = try DashboardHarness()
        #expect(!FileManager.default.fileExists(atPath: h.db.path))
        try h.launch()
        let screen = try h.tmux.waitFor("How do I move through a long queue quickly?")
        #expect(screen.contains("Move in the queue"))
        #expect(screen.contains("2 strong"))
        #expect(screen.contains("why:"))
        #expect(FileManager.default.fileExists(atPath: h.db.path))
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
        #expect(try h.expectShellIntact())
    }

    @Test func navigateOpenAThreadAndComeBack() throws {
        let h = try DashboardHarness()
        try h.launch()
        try h.tmux.waitFor("How do I move through a long queue quickly?")
        try h.press("j", until: "Help for “Read my notes with i")
        // The welcome task's notes are its instructions: i shows them, Esc comes back.
        let notes = try h.press("i", until: "its notes (like these)")
        #expect(notes.contains("Read my notes with i"))
        try h.press("Escape", until: "Help for “Read my notes with i")
        try h.press("j", until: "Help for “Start me with s")
        try h.tmux.waitUntil { $0.contains("Help for “Start me with s") && $0.contains("›★ What does starting a task") }
        let reader = try h.press("Enter", until: "Accepted answer")
        #expect(reader.contains("Press s again to stop it"))
        try h.press("Escape", until: "Help for")
        try h.tmux.sendKeys("G")
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "○●✎ Open a thread")?.contains("›") == true }
        try h.tmux.sendKeys("g")
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "○●✎ Move in the queue")?.contains("›") == true }
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
    }

    @Test func filterAddDoneAndUndo() throws {
        let h = try DashboardHarness()
        try h.picnic(["add", "Water the plants +home"])
        try h.picnic(["add", "Renew the passport due:tomorrow"])
        try h.launch()
        try h.tmux.waitFor("Water the plants")
        // Filter narrows the queue; Esc in the prompt clears it.
        try h.tmux.sendKeys("/")
        try h.tmux.type("passport")
        let filtered = try h.tmux.waitUntil { $0.contains("1/2") }
        #expect(!filtered.contains("Water the plants"))
        try h.press("Enter", until: "/passport")
        try h.tmux.sendKeys("/", "C-u", "Enter")
        try h.tmux.waitUntil { $0.contains("Water the plants") && $0.contains("Renew the passport") }
        // Add with quick-add syntax.
        try h.tmux.sendKeys("a")
        try h.tmux.type("Call the plumber +home pri:H")
        try h.press("Enter", until: "Call the plumber")
        #expect(try h.picnic(["list"]).stdout.contains("Call the plumber"))
        // Done on the selected (new) task, then undo.
        try h.tmux.waitUntil { DashboardHarness.line($0, containing: "Call the plumber +home")?.contains("›") == true }
        try h.tmux.sendKeys("d")
        try h.tmux.waitUntil { !$0.contains("Call the plumber") }
        try h.tmux.sendKeys("u")
        try h.tmux.waitFor("Call the plumber")
        #expect(try h.picnic(["list"]).stdout.contains("Call the plumber"))
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
    }

    @Test func aTaskAddedFromOutsideAppearsWithoutAKeyPress() throws {
        let h = try DashboardHarness()
        try h.picnic(["add", "Something already here"])
        try h.launch()
        try h.tmux.waitFor("Something already here")
        try h.picnic(["add", "Captured from another pane"])
        // Polled every 250 ms: it must show well within a second (slack for a loaded machine).
        try h.tmux.waitFor("Captured from another pane", timeout: 3)
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
    }

    @Test func resizeDownToTooSmallAndBack() throws {
        let h = try DashboardHarness()
        try h.launch()
        try h.tmux.waitFor("Move in the queue")
        try h.tmux.resize(width: 20, height: 6)
        try h.tmux.waitFor("too small")
        try h.tmux.resize(width: 160, height: 50)
        // Polled until the whole 50-row frame is there: a capture can land mid-redraw.
        let big = try h.tmux.waitUntil {
            $0.contains("Move in the queue") && !$0.contains("too small") && $0.split(separator: "\n").count >= 49
        }
        #expect(!big.contains("too small"))
        try h.tmux.resize(width: 60, height: 15)
        try h.tmux.waitUntil { $0.contains("Queue") && !$0.contains("too small") }
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
        #expect(try h.expectShellIntact())
    }

    @Test(arguments: [("SIGTERM", SIGTERM), ("SIGHUP", SIGHUP), ("SIGINT", SIGINT)])
    func signalsGiveTheTerminalBack(name: String, signal: Int32) throws {
        let h = try DashboardHarness()
        let run = try h.launch()
        try h.tmux.waitFor("Queue")
        #expect(try h.tmux.alternateScreenOn())
        try run.signal(signal)
        #expect(try run.waitForExit() == 128 + signal, "\(name)")
        #expect(try h.expectShellIntact(), "\(name): alternate screen still on")
    }

    @Test func ctrlCQuits() throws {
        let h = try DashboardHarness()
        let run = try h.launch()
        try h.tmux.waitFor("Queue")
        try h.tmux.sendKeys("C-c")
        #expect(try run.waitForExit() == 130)
        #expect(try h.expectShellIntact())
    }

    @Test func demoUsesAThrowawayDatabase() throws {
        let tmp = TestSupport.makeTempDirectory("picnic-demo-tmp")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let h = try DashboardHarness(environment: ["TMPDIR": tmp.path])
        let run = try h.tmux.launch([TestSupport.binary("picnic").path, "--demo"])
        try run.waitForReady()
        try h.tmux.waitFor("How do I move through a long queue quickly?")
        let during = try FileManager.default.contentsOfDirectory(atPath: tmp.path)
        #expect(during.contains { $0.hasPrefix("picnic-demo-") })
        try h.tmux.sendKeys("q")
        #expect(try run.waitForExit() == 0)
        // The throwaway database is gone, and nothing was written to the real data folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).allSatisfy { !$0.hasPrefix("picnic-demo-") })
        #expect(!FileManager.default.fileExists(atPath: h.db.path))
    }

    @Test func untrustedPostsCannotRetitleThePaneOrTouchTheClipboard() throws {
        let h = try DashboardHarness()
        try h.picnic(["add", "Rotate staging certificates"])
        let evilTitle = "Rotate staging certificates \u{1B}]2;pwned-title\u{07} fast"
        let evilBody = "Use this \u{1B}]52;c;cHduZWQ=\u{07} and \u{1B}]0;pwned-zero\u{1B}\\ then \u{9D}2;c1-title\u{9C} done \u{202E}reversed"
        try h.picnic(["post", "--title", evilTitle, "--body", evilBody, "--tags", "certificates,staging"])
        let before = try h.tmux.paneTitle()
        let run = try h.launch()
        try h.tmux.waitFor("Rotate staging certificates")
        try h.tmux.waitFor("fast")
        try h.press("Tab", "Enter", until: "then")
        #expect(try h.tmux.paneTitle() == before)
        #expect(try !h.tmux.paneTitle().contains("pwned"))
        #expect(try h.tmux.bufferNames().isEmpty)
        try h.tmux.sendKeys("q", "q")
        #expect(try run.waitForExit() == 0)
        #expect(try h.tmux.paneTitle() == before)
        #expect(try h.tmux.bufferNames().isEmpty)
    }

    @Test func unknownTermGetsOneClearLine() throws {
        let h = try DashboardHarness()
        try h.picnic(["add", "x"])
        let run = try h.tmux.launch([TestSupport.binary("picnic").path, "--db", h.db.path], environment: ["TERM": "no-such-terminal"])
        let status = try run.waitForExit()
        #expect(status == 78)
        let screen = try h.tmux.capturePane()
        #expect(screen.contains("unknown terminal type TERM=no-such-terminal"))
        #expect(try h.expectShellIntact())
    }
}
