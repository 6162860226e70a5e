import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct StackExchangeTests {
    @Test func beerSiteCountsExactly() throws {
        guard let url = TestSupport.sharedFile("stackexchange/beer.stackexchange.Posts.xml") else {
            print("skipped: ../shared/data/stackexchange is absent"); return
        }
        #expect(StackExchangeImporter.siteName(for: url) == "beer")
        let batch = try StackExchangeImporter(site: "beer").read(url)
        // Counted independently: PostTypeId="1" and "2" rows in the file.
        let raw = try String(contentsOf: url, encoding: .utf8)
        let q = raw.components(separatedBy: "PostTypeId=\"1\"").count - 1
        let a = raw.components(separatedBy: "PostTypeId=\"2\"").count - 1
        #expect(q == 663 && a == 1572)
        #expect(batch.posts.filter { $0.post.kind == .question }.count == 663)
        #expect(batch.posts.filter { $0.post.kind == .answer }.count == 1572)
        #expect(batch.skipped == 58 + 58 + 3)
        #expect(batch.source == "stackexchange:beer")
        let first = try #require(batch.posts.first { $0.sourceID == "1" })
        #expect(first.post.title == "What is a citra hop, and how does it differ from other hops?")
        #expect(first.post.tags == ["hops"])
        #expect(first.post.votes == 18)
        #expect(first.post.author == "user 7")
        #expect(first.post.body.hasPrefix("I was offered a beer the other day"))
        let accepted = try #require(batch.posts.first { $0.sourceID == "4" })
        #expect(accepted.parentSourceID == "1" && accepted.post.accepted && accepted.post.kind == .answer)
        #expect(accepted.post.title == first.post.title)
        #expect(accepted.post.body.contains("Wikipedia article on the Citra brand."))
        #expect(!accepted.post.body.contains("<"))
        // Parents come first, and every answer's parent is in the batch.
        let ids = Set(batch.posts.filter { $0.post.kind == .question }.map(\.sourceID))
        #expect(batch.posts.filter { $0.post.kind == .answer }.allSatisfy { ids.contains($0.parentSourceID ?? "") })
        var seen = Set<String>()
        for p in batch.posts {
            if let parent = p.parentSourceID { #expect(seen.contains(parent)) }
            seen.insert(p.sourceID)
        }
        #expect(batch.posts[1].parentSourceID == batch.posts[0].sourceID) // thread by thread
        #expect(batch.posts.filter(\.post.accepted).count == raw.components(separatedBy: "AcceptedAnswerId=").count - 1)
    }

    @Test func fixtureCoversPipeTagsNamesAndEntities() throws {
        let batch = try StackExchangeImporter(site: "demo").read(Fixtures.url("Posts.xml"))
        #expect(batch.posts.count == 3)
        let q = batch.posts[0].post
        #expect(q.tags == ["swift", "linux"])
        #expect(q.title == "Why & how <this>?")
        #expect(q.author == "Ann")
        #expect(q.body == "Line one\n\nCode: let x = 1 < 2\n\n- a\n- b")
        #expect(batch.posts[1].post.accepted == false && batch.posts[2].post.accepted == true)
    }

    @Test func everyPostLinksToItsPageOnTheSite() throws {
        let batch = try StackExchangeImporter(site: "beer").read(Fixtures.url("Posts.xml"))
        let q = batch.posts[0]
        #expect(q.post.url == "https://beer.stackexchange.com/q/\(q.sourceID)")
        #expect(batch.posts[2].post.url == "https://beer.stackexchange.com/a/\(batch.posts[2].sourceID)")
        #expect(StackExchangeImporter.host(forSite: "stackoverflow") == "stackoverflow.com")
        #expect(StackExchangeImporter.host(forSite: "meta.stackoverflow") == "meta.stackoverflow.com")
        #expect(StackExchangeImporter.host(forSite: "meta.beer") == "beer.meta.stackexchange.com")
        #expect(StackExchangeImporter.host(forSite: "mathoverflow") == "mathoverflow.net")
        #expect(StackExchangeImporter.host(forSite: "my site!") == nil)
        #expect(try StackExchangeImporter(site: "my site!").read(Fixtures.url("Posts.xml")).posts.allSatisfy { $0.post.url == nil })
    }

    @Test func malformedDumpsFailWithLocation() throws {
        let cases: [(String, String)] = [
            ("<posts>\n<row Id=\"1\" PostTypeId=\"1\" CreationDate=\"2014-01-21T20:26:05.383\"", "t.xml:2:"),
            ("<users>\n</users>", "t.xml:1:"),
            ("<posts>\n<row PostTypeId=\"1\"/>\n</posts>", "t.xml:2:"),
            ("<posts>\n<row Id=\"9\" PostTypeId=\"1\" CreationDate=\"yesterday\"/>\n</posts>", "t.xml:2:"),
            ("<posts>\n<row Id=\"9\" PostTypeId=\"2\" CreationDate=\"2014-01-21T20:26:05\"/>\n</posts>", "t.xml:2:"),
        ]
        for (xml, prefix) in cases {
            let err = Fixtures.formatError { _ = try StackExchangeImporter(site: "t").parse(Data(xml.utf8), file: "t.xml") }
            #expect(err?.description.hasPrefix(prefix) == true, "\(xml) → \(String(describing: err))")
        }
    }
}
