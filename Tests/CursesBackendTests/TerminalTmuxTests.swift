import Foundation
import Glibc
import Testing
import TestSupport

/// The curses backend in a real terminal (tmux), driven through `termui-demo`.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: skipping the real-terminal tests"))
struct TerminalTmuxTests {
    let demo = TestSupport.binary("termui-demo").path

    func start(width: Int = 80, height: Int = 24, environment: [String: String] = [:],
               terminal: String = "xterm-256color") throws -> (TmuxSession, TmuxSession.Launch) {
        let session = try TmuxSession(width: width, height: height, terminal: terminal)
        var env = ["NO_COLOR": ""]
        for (k, v) in environment { env[k] = v }
        let launch = try session.launch([demo], environment: env)
        try launch.waitForReady(timeout: 30)
        return (session, launch)
    }

    @Test func drawsWidgetsWithWideTextAlignedAndNothingHostile() throws {
        let (t, _) = try start()
        defer { t.close() }
        let screen = try t.waitFor("key: none", timeout: 30)
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0].hasPrefix("┌ Queue ─") && rows[0].contains("─ 4 ┐┌ Roles"))
        // The CJK/emoji row keeps its right-hand text in the same place as the ASCII rows.
        let cjk = try #require(rows.first { $0.contains("日本語") })
        #expect(cjk.contains("due fr││"))
        #expect(cjk.hasPrefix("│○ 日本語のタスク"))
        // The hostile post is plain text: no title change, nothing left of the sequences.
        #expect(screen.contains("Pinning the arm64 runner image"))
        #expect(!screen.contains("pwned") && !screen.contains("52;c"))
        #expect(try t.paneTitle() != "pwned")
        #expect(rows[23].contains("j/k move") && rows[23].contains("full256"))
    }

    @Test func decodesKeysAndQuitsLeavingTheTerminalClean() throws {
        let (t, launch) = try start()
        defer { t.close() }
        let expected: [([String], String)] = [(["j"], "j"), (["C-d"], "ctrl-d"), (["Escape", "x"], "alt-x"),
                                             (["Up"], "up"), (["NPage"], "pgdn"), (["F5"], "f5"),
                                             (["BTab"], "backtab"), (["Enter"], "enter"), (["?"], "?"),
                                             (["é"], "é"), (["Home"], "home"), (["DC"], "delete")]
        for (keys, name) in expected {
            try t.tmux(["send-keys", "-t", t.target] + keys)
            _ = try t.waitFor("key: \(name) ·", timeout: 30)
        }
        try t.sendKeys("q")
        #expect(try launch.waitForExit(timeout: 30) == 0)
        #expect(try !t.alternateScreenOn())
        #expect(try t.display("#{cursor_flag}") == "1")
    }

    @Test func redrawsAtTheNewSizeOnResize() throws {
        let (t, _) = try start()
        defer { t.close() }
        try t.resize(width: 44, height: 8)
        let screen = try t.waitFor("key: resize", timeout: 30)
        let rows = screen.split(separator: "\n").map(String.init)
        #expect(rows[0].hasPrefix("┌ Queue") && rows[0].hasSuffix("┐"))
        #expect(rows.count <= 8)
        try t.resize(width: 12, height: 3)
        _ = try t.waitFor("Terminal to", timeout: 30)
    }

    @Test(arguments: zip([SIGTERM, SIGHUP, SIGINT], [Int32(143), 129, 130]))
    func signalsRestoreTheTerminalAndExitWithTheirCode(signal: Int32, code: Int32) throws {
        let (t, launch) = try start()
        defer { t.close() }
        #expect(try t.alternateScreenOn())
        try launch.signal(signal)
        #expect(try launch.waitForExit(timeout: 30) == code)
        #expect(try !t.alternateScreenOn())
        #expect(try t.display("#{cursor_flag}") == "1")
    }

    @Test func ctrlCFromTheKeyboardRestoresAndExits130() throws {
        let (t, launch) = try start()
        defer { t.close() }
        try t.sendKeys("C-c")
        #expect(try launch.waitForExit(timeout: 30) == 130)
        #expect(try !t.alternateScreenOn())
    }

    @Test func aCrashStillGivesTheTerminalBack() throws {
        let (t, launch) = try start(environment: ["SWIFT_BACKTRACE": "enable=no"])
        defer { t.close() }
        try t.sendKeys("!")
        let status = try launch.waitForExit(timeout: 30)
        #expect(status != 0)
        #expect(try !t.alternateScreenOn())
        #expect(try t.display("#{cursor_flag}") == "1")
    }

    @Test func noColorMeansMonochrome() throws {
        let (t, _) = try start(environment: ["NO_COLOR": "1"])
        defer { t.close() }
        _ = try t.waitFor("monochrome", timeout: 30)
    }

    @Test func unknownTermIsAOneLineError() throws {
        let session = try TmuxSession(width: 100, height: 10)
        defer { session.close() }
        let launch = try session.launch([demo], environment: ["TERM": "no-such-terminal-xyz"])
        #expect(try launch.waitForExit(timeout: 30) == 78)
        _ = try session.waitFor("unknown terminal type TERM=no-such-terminal-xyz", timeout: 30)
    }
}
