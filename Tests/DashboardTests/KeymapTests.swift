import Foundation
import Testing
import PicnicCore
import TermUI
import TestSupport
@testable import Dashboard

@Suite struct KeymapTests {
    @Test func defaultsFollowTheDesign() {
        let k = Keymap.defaults
        let expected: [(String, Action)] = [
            ("j", .moveDown), ("down", .moveDown), ("k", .moveUp), ("up", .moveUp), ("g", .moveTop),
            ("G", .moveBottom), ("ctrl-d", .halfPageDown), ("ctrl-u", .halfPageUp), ("tab", .nextPane),
            ("h", .focusQueue), ("l", .focusHelp), ("enter", .open), ("esc", .back), ("/", .filter),
            ("n", .nextHelped), ("N", .previousHelped), ("a", .add), ("A", .annotate), ("e", .editNotes),
            ("m", .modify), ("d", .done), ("x", .delete), ("u", .undo), ("s", .startStop),
            ("o", .openLink), ("y", .copy), ("+", .helpful), ("-", .notForThis), ("?", .keys), ("q", .quit),
        ]
        for (name, action) in expected {
            #expect(k.lookup([Key(name: name)!], in: .normal) == .action(action), "\(name)")
        }
        #expect(k.lookup([.char("z")], in: .normal) == .unbound)
        #expect(k.lookup([.char("y")], in: .confirmDelete) == .action(.confirm))
        #expect(k.lookup([.enter], in: .add) == .action(.submit))
    }

    @Test func everyActionIsKebabCaseAndDescribed() {
        for a in Action.allCases {
            #expect(a.name.allSatisfy { $0.isLowercase || $0 == "-" }, "\(a.name)")
            #expect(!a.summary.isEmpty && !a.summary.contains("\n"))
        }
    }

    @Test func overridesAddAndRemoveBindings() throws {
        let text = """
        # my keys
        [keys.normal]
        "ctrl-n" = "move-down"
        x = "none"
        "g g" = "move-top"
        g = "none"

        [other]
        whatever = 1
        """
        let k = try Keymap.parse(configText: text, file: "c.toml")
        #expect(k.lookup([.ctrl("n")], in: .normal) == .action(.moveDown))
        #expect(k.lookup([.char("j")], in: .normal) == .action(.moveDown))
        #expect(k.lookup([.char("x")], in: .normal) == .unbound)
        #expect(k.lookup([.char("g")], in: .normal) == .pending)
        #expect(k.lookup([.char("g"), .char("g")], in: .normal) == .action(.moveTop))
        #expect(k.sequences(for: .moveDown, in: .normal).map(\.name) == ["j", "ctrl-n", "down"])
    }

    @Test func unknownActionNamesTheFileAndLine() {
        let text = "[keys.normal]\n\"j\" = \"move-down\"\n\"k\" = \"move-upp\"\n"
        let e = #expect(throws: PicnicError.self) { try Keymap.parse(configText: text, file: "/x/config.toml") }
        #expect(e?.kind == .config)
        #expect(e?.message == "/x/config.toml:3: unknown action “move-upp” for “k” in [keys.normal] (did you mean “move-up”?)")
    }

    @Test func unknownKeyNameNamesTheLine() {
        let text = "\n\n[keys.reader]\nctl-x = \"quit\"\n"
        let e = #expect(throws: PicnicError.self) { try Keymap.parse(configText: text, file: "c.toml") }
        #expect(e?.message.hasPrefix("c.toml:4: unknown key name “ctl-x” in [keys.reader]") == true)
    }

    @Test func twoSpellingsOfOneKeyConflict() {
        let text = "[keys.normal]\n\"ctrl-n\" = \"move-down\"\n# comment\n\"C-n\" = \"move-up\"\n"
        let e = #expect(throws: PicnicError.self) { try Keymap.parse(configText: text, file: "c.toml") }
        #expect(e?.message == "c.toml:4: “C-n” conflicts with “ctrl-n” on line 2: both are Ctrl-n in [keys.normal]")
    }

    @Test func aSequenceThatIsAPrefixOfAnotherConflicts() {
        let text = "[keys.normal]\n\"g g\" = \"move-top\"\n"
        let e = #expect(throws: PicnicError.self) { try Keymap.parse(configText: text, file: "c.toml") }
        #expect(e?.message.hasPrefix("c.toml:2: “g g” conflicts with “g” (move-top) in [keys.normal]") == true)
    }

    @Test func unknownModeAndBadTomlAreRefusedWithLines() {
        let mode = #expect(throws: PicnicError.self) {
            try Keymap.parse(configText: "title = 1\n[keys.nromal]\nj = \"move-down\"\n", file: "c.toml")
        }
        #expect(mode?.message.hasPrefix("c.toml:2: unknown mode “nromal” in [keys]") == true)
        let syntax = #expect(throws: PicnicError.self) {
            try Keymap.parse(configText: "[keys.normal]\nj = move-down\n", file: "c.toml")
        }
        #expect(syntax?.message.hasPrefix("c.toml:2: ") == true)
        #expect(syntax?.kind == .config)
        let notString = #expect(throws: PicnicError.self) {
            try Keymap.parse(configText: "[keys.normal]\nj = 3\n", file: "c.toml")
        }
        #expect(notString?.message == "c.toml:2: the action for “j” must be a string, e.g. \"move-down\"")
    }
}
