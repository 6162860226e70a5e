import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct FeedTests {
    static let counts: [(String, Int)] = [
        ("reddit.responseSubreddit.xml", 5), ("rss.responseCNN.xml", 2), ("rss.responseFP.xml", 2),
        ("rss.responseHV.xml", 1), ("rss.responseNTV.xml", 2), ("rss.responseNYT.xml", 2),
        ("rss.responseTagesschauAtom.xml", 2), ("rss.responseTagesschauRDF.xml", 2),
        ("rss.responseTagesschauWebsiteRSS.xml", 3), ("stackoverflow.responseTag.xml", 2),
    ]

    @Test func readsEveryRealFeed() throws {
        guard TestSupport.sharedFile("feeds") != nil else { print("skipped: ../shared/data/feeds is absent"); return }
        for (name, count) in Self.counts {
            let url = try #require(TestSupport.sharedFile("feeds/" + name))
            let batch = try FeedImporter().read(url)
            #expect(batch.posts.count == count, "\(name)")
            for p in batch.posts {
                #expect(!p.post.title.isEmpty && p.post.sourceID != nil && p.post.kind == .link, "\(name)")
                #expect(!p.post.body.contains("<p>") && !p.post.title.contains("\u{1B}"), "\(name)")
                #expect(p.post.created.timeIntervalSince1970 > 1_600_000_000, "\(name): \(p.post.created)")
            }
        }
    }

    @Test func rssAtomAndRDFFields() throws {
        guard let so = TestSupport.sharedFile("feeds/stackoverflow.responseTag.xml"),
              let rdf = TestSupport.sharedFile("feeds/rss.responseTagesschauRDF.xml"),
              let nyt = TestSupport.sharedFile("feeds/rss.responseNYT.xml") else {
            print("skipped: ../shared/data/feeds is absent"); return
        }
        let atom = try FeedImporter().read(so)
        #expect(atom.posts[0].post.space == "Newest questions tagged kubernetes - Stack Overflow")
        #expect(atom.posts[0].post.tags.contains("kubernetes"))
        #expect(atom.posts[0].post.url?.hasPrefix("https://stackoverflow.com/questions/") == true)
        #expect(!atom.posts[0].post.author.isEmpty)
        let r = try FeedImporter().read(rdf)
        #expect(r.posts.allSatisfy { $0.post.url?.hasPrefix("https://www.tagesschau.de/") == true })
        let n = try FeedImporter().read(nyt)
        #expect(n.posts[0].post.space == "NYT >World News")
    }

    @Test func fixtureFeedsDecodeAndStayIdempotent() throws {
        let rss = try FeedImporter().read(Fixtures.url("feed.rss"))
        #expect(rss.posts.map(\.post.title) == ["First & best", "Second"])
        #expect(rss.posts[0].post.body == "Hello world")
        #expect(rss.posts[0].sourceID == "guid-1" && rss.posts[1].sourceID == "https://example.org/2")
        #expect(rss.skipped == 1) // the duplicated guid
        #expect(Timestamps.dayString(rss.posts[0].post.created) == "2023-12-12")
        #expect(try FeedImporter().read(Fixtures.url("feed.rss")) == rss)
        let atom = try FeedImporter().read(Fixtures.url("feed03.atom"))
        #expect(atom.posts.count == 1 && atom.posts[0].post.title == "Old style" && atom.posts[0].post.body == "plain <text>")
    }

    @Test func badFeedsFailWithLocation() {
        let cases = ["<html><body/></html>", "<rss version=\"2.0\"><channel><item><title>x</title></channel></rss>", "<rss/>"]
        for xml in cases {
            let err = Fixtures.formatError { _ = try FeedImporter().parse(Data(xml.utf8), file: "f.xml", address: "f", fallbackDate: Date()) }
            #expect(err?.description.hasPrefix("f.xml") == true, "\(xml)")
        }
    }
}
