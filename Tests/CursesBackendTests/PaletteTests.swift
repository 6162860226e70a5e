import Foundation
import Testing
@testable import CursesBackend
import TermUI

@Suite struct PaletteTests {
    @Test func noColorWinsOverEverything() {
        #expect(ColorDepth.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .monochrome)
        #expect(ColorDepth.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .full256)
        #expect(ColorDepth.detect(colors: 16, hasColors: true, environment: [:]) == .sixteen)
        #expect(ColorDepth.detect(colors: 8, hasColors: true, environment: [:]) == .eight)
        #expect(ColorDepth.detect(colors: 256, hasColors: false, environment: [:]) == .monochrome)
    }

    @Test func everyRoleHasALookAtEveryDepth() {
        for depth in ColorDepth.allCases {
            for role in Style.Role.allCases {
                let look = Palette.look(Style(role), depth: depth)
                #expect(look.background == -1 || role == .selection, "\(role) keeps the terminal background at \(depth)")
                switch depth {
                case .monochrome: #expect(look.foreground == -1 && look.background == -1)
                case .eight: #expect(look.foreground < 8)
                case .sixteen: #expect(look.foreground < 16)
                case .full256: #expect(look.foreground < 256)
                }
            }
        }
    }

    @Test func urgentRolesStayDistinctInMonochrome() {
        let mono = { (r: Style.Role) in Palette.look(Style(r), depth: .monochrome).attributes }
        #expect(mono(.normal) == [])
        #expect(mono(.overdue) != mono(.normal))
        #expect(mono(.priorityHigh).contains(.bold))
        #expect(mono(.dim).contains(.dim))
        #expect(mono(.selection).contains(.reverse))
        #expect(Palette.look(Style(.tag).selected(), depth: .monochrome).attributes.contains(.reverse))
    }

    @Test func selectedKeepsTheRoleColourOnTheSelectionBackground() {
        let tag = Palette.look(Style(.tag).selected(), depth: .full256)
        #expect(tag.foreground == Palette.look(Style(.tag), depth: .full256).foreground)
        #expect(tag.background == 24)
        let plain = Palette.look(Style(.normal).selected(), depth: .eight)
        #expect(plain.background == 4 && plain.foreground == 7)        // white on blue, readable
        #expect(!Palette.look(Style(.dim).selected(), depth: .full256).attributes.contains(.dim))
    }
}

@Suite struct ClipboardTests {
    @Test func osc52CarriesOnlyBase64OfSanitizedText() throws {
        let seq = try #require(Clipboard.osc52Sequence("hi\u{1B}]2;x\u{07} there"))
        let text = String(decoding: seq, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}]52;c;"))
        #expect(text.hasSuffix("\u{07}"))
        let payload = String(text.dropFirst(7).dropLast())
        #expect(payload.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=" })
        let decoded = String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
        #expect(decoded == "hi there")
        #expect(Clipboard.osc52Sequence(String(repeating: "x", count: 100_000)) == nil)
    }

    @Test func osc52IsUnlikelyOnTheConsoleAndScreen() {
        #expect(!Clipboard.osc52Likely(environment: ["TERM": "linux"]))
        #expect(!Clipboard.osc52Likely(environment: ["TERM": "screen-256color"]))
        #expect(Clipboard.osc52Likely(environment: ["TERM": "xterm-256color"]))
    }
}
