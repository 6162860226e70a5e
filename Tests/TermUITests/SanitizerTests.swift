import Foundation
import Testing
@testable import TermUI

@Suite struct SanitizerTests {
    /// True when no scalar could drive a terminal.
    func isInert(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { v in
            let x = v.value
            if x == 0x0A { return true }
            return !(x < 0x20 || (x >= 0x7F && x < 0xA0) || Sanitizer.isBidiControl(x))
        }
    }

    @Test func osc52ClipboardWriteIsRemoved() {
        let payload = "before\u{1B}]52;c;Y3VybCBldmlsLnNoIHwgc2g=\u{07}after"
        #expect(Sanitizer.clean(payload) == "beforeafter")
        let st = "x\u{1B}]52;c;ZWNobyBoaQ==\u{1B}\\y"                 // terminated by ST
        #expect(Sanitizer.clean(st) == "xy")
    }

    @Test func osc2TitleChangeIsRemoved() {
        #expect(Sanitizer.clean("\u{1B}]2;pwned\u{07}Title") == "Title")
        #expect(Sanitizer.clean("\u{9D}0;pwned\u{9C}ok") == "ok")    // 8-bit OSC … ST
    }

    @Test func csiAndOtherEscapesAreRemoved() {
        #expect(Sanitizer.clean("\u{1B}[31mred\u{1B}[0m \u{1B}[2J\u{1B}[?1049h") == "red ")
        #expect(Sanitizer.clean("a\u{9B}6nb") == "ab")                // 8-bit CSI (device status)
        #expect(Sanitizer.clean("\u{1B}cReset\u{1B}7\u{1B}(0q") == "Resetq")
        #expect(Sanitizer.clean("\u{1B}P1$qm\u{1B}\\dcs") == "dcs")   // DCS
        #expect(Sanitizer.clean("\u{1B}_apc\u{1B}\\z") == "z")
    }

    @Test func c0AndC1ControlsAreRemoved() {
        let s = Sanitizer.clean("a\u{07}b\u{08}c\u{00}d\u{7F}e\u{85}f\u{8D}g")
        #expect(s == "abcdefg")
    }

    @Test func bidiOverridesAndIsolatesAreRemoved() {
        let trojan = "access\u{202E}level\u{2066}x\u{2069}\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}"
        #expect(Sanitizer.clean(trojan) == "accesslevelx")
        #expect(Sanitizer.line("a\u{200F}b\u{200E}") == "ab")
    }

    @Test func unterminatedStringEndsAtNewline() {
        #expect(Sanitizer.clean("a\u{1B}]2;title\nrest of post") == "a\nrest of post")
    }

    @Test func invalidUTF8BecomesReplacementCharacter() {
        let data = Data([0x61, 0xFF, 0x62, 0xC3, 0x28, 0xE2, 0x82])
        let s = Sanitizer.decode(data)
        #expect(s.hasPrefix("a\u{FFFD}b\u{FFFD}("))
        #expect(s.hasSuffix("\u{FFFD}"))
        #expect(isInert(s))
    }

    @Test func tabsExpandAndLineBreaksNormalise() {
        #expect(Sanitizer.clean("a\tb", tabWidth: 4) == "a   b")
        #expect(Sanitizer.clean("ab\tc\n\td", tabWidth: 4) == "ab  c\n    d")
        #expect(Sanitizer.clean("one\r\ntwo\rthree\u{2028}four") == "one\ntwo\nthree\nfour")
        #expect(Sanitizer.line("one\ntwo\tthree") == "one two three")
    }

    @Test func longLinesAreCutWhenAsked() {
        let long = String(repeating: "x", count: 10_000) + "\nshort"
        let s = Sanitizer.clean(long, maxLineWidth: 80)
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2)
        #expect(lines[0].displayWidth == 80)
        #expect(lines[0].hasSuffix("…"))
        #expect(lines[1] == "short")
    }

    @Test func cleanTextIsReturnedUnchanged() {
        let text = "Pinning the arm64 runner image — 日本語 👨‍👩‍👧‍👦 e\u{301}\nsecond line"
        #expect(Sanitizer.clean(text) == text)
    }

    @Test func nothingReturnedCanDriveATerminal() {
        // Every byte value, alone and after ESC and CSI introducers.
        var s = ""
        for b in 0..<256 {
            let u = Unicode.Scalar(UInt8(b))
            s.unicodeScalars.append(u)
            s += "\u{1B}"; s.unicodeScalars.append(u)
            s += "\u{1B}["; s.unicodeScalars.append(u)
        }
        #expect(isInert(Sanitizer.clean(s)))
        #expect(isInert(Sanitizer.line(s)))
        #expect(!Sanitizer.line(s).contains("\n"))
    }
}
