import Foundation
import Testing
import TestSupport

/// `o` in a real terminal where nothing opens links: the dashboard says what to install and
/// copies the link instead of showing a raw spawn error.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
struct LinksEndToEndTests {
    @Test func withoutXdgOpenOCopiesTheLinkAndSaysWhatToInstall() throws {
        let h = try DashboardHarness(width: 120, height: 30)
        // A PATH holding tmux alone (for the clipboard), so no xdg-open, whatever the machine has.
        let bin = h.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin.appendingPathComponent("tmux").path,
                                                   withDestinationPath: try #require(TestSupport.which("tmux")))
        try h.tmux.tmux(["set", "-g", "set-clipboard", "on"])   // OSC 52 then lands in a tmux buffer
        try h.picnic(["add", "Read the WAL notes"])
        try h.picnic(["annotate", "1", "see https://sqlite.org/wal.html"])
        try h.launch(environment: ["PATH": bin.path, "BROWSER": ""])
        try h.tmux.waitFor("Read the WAL notes")
        let screen = try h.press("o", until: "copied the link instead")
        #expect(screen.contains("Nothing here opens links (install xdg-utils, or set $BROWSER); copied the link instead."))
        #expect(!screen.contains("No such file"))
        try h.tmux.waitUntil { _ in try h.tmux.bufferNames().count == 1 }
        #expect(try h.tmux.tmux(["show-buffer"]) == "https://sqlite.org/wal.html")
        try h.tmux.sendKeys("q")
        #expect(try h.run!.waitForExit() == 0)
    }
}
