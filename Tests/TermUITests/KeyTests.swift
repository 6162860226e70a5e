import Testing
@testable import TermUI

@Suite struct KeyTests {
    @Test func namesRoundTrip() {
        let keys: [Key] = [.char("a"), .char("A"), .char("?"), .char("-"), .char("+"), .char("/"), .char(" "),
                           .char("é"), .ctrl("d"), .ctrl("u"), .ctrl(" "), .alt("x"), .up, .down, .left, .right,
                           .home, .end, .pageUp, .pageDown, .insert, .delete, .backspace, .enter, .escape,
                           .tab, .backTab, .function(1), .function(12), .resize]
        for key in keys {
            #expect(Key(name: key.name) == key, "\(key.name)")
        }
        #expect(Set(keys.map(\.name)).count == keys.count)
    }

    @Test func canonicalNames() {
        #expect(Key.ctrl("d").name == "ctrl-d")
        #expect(Key.enter.name == "enter")
        #expect(Key.escape.name == "esc")
        #expect(Key.up.name == "up")
        #expect(Key.char("?").name == "?")
        #expect(Key.char(" ").name == "space")
        #expect(Key.pageDown.name == "pgdn")
        #expect(Key.function(5).description == "f5")
    }

    @Test func parsesAliasesAndModifierSpellings() {
        #expect(Key(name: "C-d") == .ctrl("d"))
        #expect(Key(name: "Ctrl+D") == .ctrl("d"))
        #expect(Key(name: "^u") == .ctrl("u"))
        #expect(Key(name: "M-x") == .alt("x"))
        #expect(Key(name: "Return") == .enter)
        #expect(Key(name: "Escape") == .escape)
        #expect(Key(name: "PageUp") == .pageUp)
        #expect(Key(name: "shift-tab") == .backTab)
        #expect(Key(name: "F10") == .function(10))
        #expect(Key(name: "G") == .char("G"))
    }

    @Test func rejectsUnknownNames() {
        #expect(Key(name: "") == nil)
        #expect(Key(name: "hyper-x") == nil)
        #expect(Key(name: "ctrl-") == nil)
        #expect(Key(name: "ctrl-i") == nil)       // same byte as tab
        #expect(Key(name: "f99") == nil)
        #expect(Key(name: "\u{1B}") == nil)
        #expect(Key(name: "enterr") == nil)
    }

    @Test func controlBytesDecode() {
        #expect(Key(controlByte: 0x0D) == .enter)
        #expect(Key(controlByte: 0x09) == .tab)
        #expect(Key(controlByte: 0x1B) == .escape)
        #expect(Key(controlByte: 0x7F) == .backspace)
        #expect(Key(controlByte: 0x04) == .ctrl("d"))
        #expect(Key(controlByte: 0x1F) == .ctrl("_"))
        #expect(Key(controlByte: 0x41) == nil)
    }

    @Test func labelsForHints() {
        #expect(Key.enter.label == "⏎")
        #expect(Key.ctrl("d").label == "Ctrl-d")
        #expect(Key.char("a").label == "a")
    }
}
