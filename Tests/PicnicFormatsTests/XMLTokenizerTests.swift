import Foundation
import Testing
@testable import PicnicFormats

@Suite struct XMLTokenizerTests {
    func events(_ xml: String) throws -> [XMLEvent] {
        let t = try XMLTokenizer(data: Data(xml.utf8), file: "t.xml")
        var out: [XMLEvent] = []
        while let e = try t.next() { out.append(e) }
        return out
    }

    func failure(_ xml: String) -> FormatError? {
        Fixtures.formatError { _ = try events(xml) }
    }

    @Test func elementsAttributesAndText() throws {
        let e = try events("<?xml version=\"1.0\"?>\n<!-- hi --><a x='1' y=\"&lt;b&gt; &amp; &#xE9;&#233;\"><b/>t&quot;<![CDATA[<raw>&amp;]]></a>")
        #expect(e == [
            .start(name: "a", attributes: [XMLAttribute(name: "x", value: "1"), XMLAttribute(name: "y", value: "<b> & éé")]),
            .start(name: "b", attributes: []), .end(name: "b"),
            .text("t\""), .text("<raw>&amp;"), .end(name: "a"),
        ])
    }

    @Test func attributeNewlinesNormaliseButCharacterReferencesStay() throws {
        let e = try events("<a v=\"x\ny&#xA;z\"/>")
        #expect(e.first == .start(name: "a", attributes: [XMLAttribute(name: "v", value: "x y\nz")]))
    }

    @Test func unknownNamedEntitiesStayUnexpanded() throws {
        #expect(try events("<a>&nbsp;&lol;</a>")[1] == .text("&nbsp;&lol;"))
    }

    @Test func billionLaughsIsRefusedAtOnce() throws {
        var doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for i in 1...9 { doc += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        doc += "]>\n<lolz>&lol9;</lolz>"
        let err = try #require(failure(doc))
        #expect(err.message.contains("entities"))
        #expect(err.location.line == 3)
    }

    @Test func externalEntityIsNeverFetched() throws {
        let doc = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"http://127.0.0.1:1/evil\">]><x>&xxe;</x>"
        #expect(failure(doc) != nil)
        // A DOCTYPE without entity declarations is skipped; the reference stays text.
        #expect(try events("<!DOCTYPE x SYSTEM \"http://127.0.0.1:1/x.dtd\"><x>&xxe;</x>")[1] == .text("&xxe;"))
    }

    @Test func truncatedInputIsALocatedError() throws {
        let err = try #require(failure("<posts>\n  <row Id=\"1\" />\n  <row Id=\"2"))
        #expect(err.location.line == 3)
        #expect(err.description.hasPrefix("t.xml:3:"))
        let err2 = try #require(failure("<posts>\n<row/>\n"))
        #expect(err2.message.contains("expected </posts>"))
    }

    @Test func mismatchedAndStrayTags() throws {
        #expect(try #require(failure("<a><b></a>")).message.contains("expected </b>"))
        #expect(failure("<a></a><b/>") != nil)
        #expect(failure("text") != nil)
        #expect(failure("") != nil)
        #expect(failure("<a x=1/>") != nil)
        #expect(failure("<a>&#0;</a>") != nil)
        #expect(failure("<a>&#x110000;</a>") != nil)
    }

    @Test func deepNestingIsRefused() throws {
        let doc = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(try #require(failure(doc)).message.contains("deeper"))
    }

    @Test func invalidUTF8IsLocated() throws {
        var bytes = Array("<a>\nok\n".utf8)
        bytes += [0xC3, 0x28]
        bytes += Array("</a>".utf8)
        let err = Fixtures.formatError { _ = try XMLTokenizer(data: Data(bytes), file: "bad.xml") }
        #expect(err?.location.line == 3)
    }

    @Test func latin1DeclaredIsConverted() throws {
        var bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>".utf8)
        bytes += [0xE9]
        bytes += Array("</a>".utf8)
        let t = try XMLTokenizer(data: Data(bytes), file: "l.xml")
        _ = try t.next()
        #expect(try t.next() == .text("é"))
    }

    @Test func hugeFieldsAreFine() throws {
        let big = String(repeating: "x", count: 5_000_000)
        let e = try events("<a v=\"\(big)\">\(big)</a>")
        #expect(e.count == 3)
    }
}
