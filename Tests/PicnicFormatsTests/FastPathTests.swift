import Foundation
import Testing
@testable import PicnicFormats

/// The byte-level fast paths of the parsers agree with the general (Character-level) code.
@Suite struct FastPathTests {
    /// Random ASCII with plenty of spaces, controls, separators and entities.
    static func samples(_ n: Int) -> [String] {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("ab <>|&;#x\t\n\r\u{0B}\u{0C}\u{01}\u{1B}\u{7F} ,".unicodeScalars)
        return (0..<n).map { _ in
            String(String.UnicodeScalarView((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }))
        } + ["", " ", "\r\n", " a\n\tb  ", "a\u{0B}b", "a \u{1} b", "\u{7F}x\u{7F}", "<a><b>", "|a|b|", "|| |", "<>< >"]
    }

    @Test func lineAgreesWithTheCharacterPath() {
        for s in Self.samples(3000) {
            let general = SafeText.clean(s).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            #expect(SafeText.line(s) == general, "\(Array(s.utf8))")
        }
        // Non-ASCII text takes the general path.
        #expect(SafeText.line("  caf\u{E9}\u{2003}ok\u{202E} ") == "caf\u{E9} ok")
    }

    @Test func cleanAgreesWithTheScalarPath() {
        for s in Self.samples(3000) + ["caf\u{E9}\u{85}x", "a\u{202E}b\u{FEFF}"] {
            var out = String.UnicodeScalarView()
            var lastCR = false
            for u in s.unicodeScalars {
                if u == "\r" { out.append("\n"); lastCR = true; continue }
                if u == "\n", lastCR { lastCR = false; continue }
                lastCR = false
                if !SafeText.isUnsafe(u) { out.append(u) }
            }
            #expect(SafeText.clean(s) == String(out), "\(Array(s.utf8))")
        }
    }

    @Test func tagsAgreeWithTheCharacterPath() {
        for s in Self.samples(3000) where !s.isEmpty {
            let separators: Set<Character> = s.first == "|" ? ["|"] : ["<", ">"]
            let general = s.split(whereSeparator: { separators.contains($0) }).map { SafeText.line(String($0)) }.filter { !$0.isEmpty }
            #expect(StackExchangeImporter.tags(s) == general, "\(Array(s.utf8))")
        }
        #expect(StackExchangeImporter.tags("<c++><caf\u{E9}>") == ["c++", "caf\u{E9}"])
    }

    @Test func attributeDecodingCopiesRunsAndReplacesTheRest() throws {
        let xml = "<r a=\"x&amp;y&lt;&#233;&#x1F600;&unknown;&#xA;\r\n\tz &amp\" b='&quot;&apos;&gt;'>t&amp;\r\nu\r</r>"
        let t = try XMLTokenizer(data: Data(xml.utf8), file: "x")
        guard case .start(_, let attrs) = try t.next() else { Issue.record("no start"); return }
        #expect(attrs.map(\.value) == ["x&y<\u{E9}\u{1F600}&unknown;\n  z &amp", "\"'>"])
        #expect(try t.next() == .text("t&\nu\n"))
    }
}
