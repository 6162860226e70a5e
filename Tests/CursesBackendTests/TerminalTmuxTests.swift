import Foundation
import Testing
import TestSupport

/// The curses backend in a real terminal (tmux), driven through `termui-demo`.
@Suite(.enabled(if: TmuxHarness.tmux != nil, "tmux is not installed: skipping the real-terminal tests"))
struct TerminalTmuxTests {
    @Test func drawsWidgetsWithWideTextAlignedAndNothingHostile() throws {
        let t = try TmuxHarness(width: 80, height: 24)
        let frame = try #require(t.nextFrame(), "no first frame")
        #expect(frame.field("depth") == "full256")
        let screen = try t.capture()
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0].hasPrefix("┌ Queue ─") && rows[0].contains("─ 4 ┐┌ Roles"))
        // CJK and emoji rows keep the right border in the same column as ASCII rows.
        let cjk = try #require(rows.first { $0.contains("日本語") })
        let ascii = try #require(rows.first { $0.contains("Review payments PR") })
        #expect(cjk.displayWidthUsingTmuxCells == ascii.displayWidthUsingTmuxCells)
        #expect(cjk.contains("due fr││"))
        // The hostile post is drawn as plain text: no title change, nothing left of the sequences.
        #expect(screen.contains("Pinning the arm64 runner image"))
        #expect(!screen.contains("pwned") && !screen.contains("52;c"))
        #expect(try t.display("#{pane_title}") != "pwned")
        #expect(rows[23].contains("j/k move") && rows[23].contains("key: none"))
    }

    @Test func decodesKeysAndQuitsLeavingTheTerminalClean() throws {
        let t = try TmuxHarness()
        _ = try #require(t.nextFrame())
        let expected: [([String], String)] = [(["j"], "j"), (["C-d"], "ctrl-d"), (["Escape", "x"], "alt-x"),
                                             (["Up"], "up"), (["PageDown"], "pgdn"), (["F5"], "f5"),
                                             (["BTab"], "backtab"), (["Enter"], "enter"), (["?"], "?")]
        for (keys, name) in expected {
            try t.send(keys)
            let frame = try #require(t.nextFrame(), "no frame after \(keys)")
            #expect(frame.field("key") == name, "\(keys)")
        }
        try t.send("q")
        #expect(try t.waitForExit() == 0)
        #expect(try t.display("#{alternate_on}") == "0")
        #expect(try t.display("#{cursor_flag}") == "1")
    }

    @Test func redrawsAtTheNewSizeOnResize() throws {
        let t = try TmuxHarness(width: 80, height: 24)
        _ = try #require(t.nextFrame())
        try t.resize(width: 44, height: 8)
        let frame = try #require(t.nextFrame())
        #expect(frame.hasPrefix("frame 2 44x8 key=resize"))
        let rows = try t.capture().split(separator: "\n").map(String.init)
        #expect(rows[0].hasPrefix("┌ Queue") && rows[0].hasSuffix("┐"))
        #expect(rows[7].contains("key: resize"))
        try t.resize(width: 10, height: 3)
        _ = try #require(t.nextFrame())
        #expect(try t.capture().hasPrefix("Terminal t"))
    }

    @Test(arguments: [("TERM", Int32(143)), ("HUP", 129), ("INT", 130)])
    func signalsRestoreTheTerminalAndExitWithTheirCode(signal: String, code: Int32) throws {
        let t = try TmuxHarness()
        let frame = try #require(t.nextFrame())
        let pid = try #require(frame.field("pid").flatMap { Int32($0) })
        #expect(try t.display("#{alternate_on}") == "1")
        let number: Int32 = signal == "TERM" ? SIGTERM : signal == "HUP" ? SIGHUP : SIGINT
        kill(pid, number)
        #expect(try t.waitForExit() == code)
        #expect(try t.display("#{alternate_on}") == "0")
        #expect(try t.display("#{cursor_flag}") == "1")
    }

    @Test func aCrashStillGivesTheTerminalBack() throws {
        let t = try TmuxHarness(environment: ["SWIFT_BACKTRACE": "enable=no"])
        _ = try #require(t.nextFrame())
        try t.send("!")
        let status = try #require(try t.waitForExit())
        #expect(status != 0)
        #expect(try t.display("#{alternate_on}") == "0")
        #expect(try t.display("#{cursor_flag}") == "1")
    }

    @Test func noColorAndUnknownTerm() throws {
        let mono = try TmuxHarness(environment: ["NO_COLOR": "1"])
        let frame = try #require(mono.nextFrame())
        #expect(frame.field("depth") == "monochrome")
        let bad = try TmuxHarness(environment: ["TERM": "no-such-terminal-xyz"])
        #expect(try bad.waitForExit() == 78)
        #expect(try bad.capture().contains("unknown terminal type TERM=no-such-terminal-xyz"))
    }
}

extension String {
    /// Columns as tmux drew them: wide clusters count two.
    var displayWidthUsingTmuxCells: Int {
        unicodeScalars.reduce(0) { n, s in
            let v = s.value
            if v == 0xFE0F || v == 0x200D || (v >= 0x300 && v < 0x370) { return n }
            if (v >= 0x1100 && v <= 0x115F) || (v >= 0x2E80 && v <= 0xA4CF) || (v >= 0xAC00 && v <= 0xD7A3)
                || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0xFF00 && v <= 0xFF60) || (v >= 0x1F300 && v <= 0x1FAFF) { return n + 2 }
            return n + 1
        }
    }
}
