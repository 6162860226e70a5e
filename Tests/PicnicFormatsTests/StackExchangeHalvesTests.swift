import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

/// Reading a dump in two halves at once must give exactly what one pass gives: the same posts in
/// the same order, the same errors at the same places.
@Suite struct StackExchangeHalvesTests {
    /// A dump whose answers and accepted ids cross the middle; `middle` is put between two rows
    /// near the middle of the file.
    static func dump(rows: Int = 400, middle: String = "", late: String = "") -> Data {
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n"
        for id in 1...rows {
            if id == rows / 2 { out += middle }
            let date = "2020-03-1\(id % 10)T12:\(10 + id % 50):00.000"
            let body = "&lt;p&gt;Body \(id) &amp;amp; caf&#xE9;&lt;/p&gt;&#xA;&lt;pre&gt;x\ty&lt;/pre&gt;"
            if id % 3 == 1 {
                out += "  <row Id=\"\(id)\" PostTypeId=\"1\" AcceptedAnswerId=\"\(id + 2)\" CreationDate=\"\(date)\" Score=\"\(id % 7)\" "
                    + "Body=\"\(body)\" OwnerUserId=\"\(id)\" Title=\"Q\(id)  with\tspace &amp; more\" Tags=\"&lt;t\(id % 4)&gt;&lt;both&gt;\" />\n"
            } else {
                // Some answers name a question from the other half.
                let parent = id % 3 == 2 ? id - 1 : (id * 7) % rows / 3 * 3 + 1
                out += "  <row Id=\"\(id)\" PostTypeId=\"2\" ParentId=\"\(parent)\" CreationDate=\"\(date)\" Body=\"\(body)\" OwnerDisplayName=\"u\(id)\" />\n"
            }
        }
        out += late + "</posts>\n"
        return Data(out.utf8)
    }

    static func both(_ data: Data) -> (Result<ImportBatch, Error>, Result<ImportBatch, Error>) {
        let se = StackExchangeImporter(site: "t")
        return (Result { try se.parse(data, file: "t.xml", splitAbove: .max, progress: nil) },
                Result { try se.parse(data, file: "t.xml", splitAbove: 0, progress: nil) })
    }

    @Test func halvesGiveExactlyTheOnePassBatch() throws {
        let (one, two) = Self.both(Self.dump())
        let a = try one.get(), b = try two.get()
        #expect(a.posts.count == 400)
        #expect(a == b)
        #expect(a.posts.filter(\.post.accepted).count > 100)
    }

    @Test func aSplitInsideACommentFallsBackToOnePass() throws {
        // The first `<row` after the middle is inside a comment (and a CDATA section): the first
        // reader passes the split inside it and reads on; the bogus row is never imported.
        let trap = "<!-- <row Id=\"999\" PostTypeId=\"1\" CreationDate=\"bad\"/> --><![CDATA[ <row ]]>\n"
        let data = Self.dump(rows: 40, middle: String(repeating: " ", count: 4000) + trap)
        let (one, two) = Self.both(data)
        let a = try one.get(), b = try two.get()
        #expect(a == b)
        #expect(!a.posts.contains { $0.sourceID == "999" })
    }

    @Test func errorsAreTheOnePassErrors() throws {
        let bad = "  <row Id=\"77\" PostTypeId=\"1\" CreationDate=\"soon\" />\n"
        let cases = [
            Self.dump(late: bad), // second half
            Self.dump(middle: bad), // near the split
            Self.dump(rows: 400, middle: "", late: "<row"), // truncated at the end
            Data(String(decoding: Self.dump(), as: UTF8.self).replacingOccurrences(of: "Id=\"5\" ", with: "").utf8), // first half
        ]
        for data in cases {
            let (one, two) = Self.both(data)
            let e1 = Fixtures.formatError { _ = try one.get() }, e2 = Fixtures.formatError { _ = try two.get() }
            #expect(e1 != nil)
            #expect(e1?.description == e2?.description)
        }
        // Both halves bad: the first error in the file is the one reported.
        let twice = Self.dump(middle: "", late: bad).replacingFirst("Id=\"5\" ", with: "")
        let e = Fixtures.formatError { _ = try StackExchangeImporter(site: "t").parse(twice, file: "t.xml", splitAbove: 0, progress: nil) }
        #expect(e?.message.contains("without an Id") == true)
    }

    @Test func theBeerSiteReadsTheSameEitherWay() throws {
        guard let url = TestSupport.sharedFile("stackexchange/beer.stackexchange.Posts.xml") else {
            print("skipped: ../shared/data/stackexchange is absent"); return
        }
        let (one, two) = Self.both(try Data(contentsOf: url))
        #expect(try one.get() == two.get())
    }

    @Test func progressOnlyGrows() throws {
        let data = Self.dump(rows: 20_000)
        var seen: [Int] = []
        _ = try StackExchangeImporter(site: "t").parse(data, file: "t.xml", splitAbove: 0) { done, total in
            #expect(total == data.count)
            seen.append(done)
        }
        #expect(!seen.isEmpty)
        #expect(seen == seen.sorted())
        #expect(seen.allSatisfy { $0 > 0 && $0 <= data.count })
    }
}

private extension Data {
    func replacingFirst(_ s: String, with r: String) -> Data {
        let text = String(decoding: self, as: UTF8.self)
        guard let range = text.range(of: s) else { return self }
        return Data(text.replacingCharacters(in: range, with: r).utf8)
    }
}
