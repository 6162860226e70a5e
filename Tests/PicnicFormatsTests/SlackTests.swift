import Foundation
import PicnicCore
import TestSupport
import Testing
@testable import PicnicFormats

@Suite struct SlackTests {
    @Test func readsTheTestArchive() throws {
        guard let zip = TestSupport.sharedFile("slack/testarchive.zip") else {
            print("skipped: ../shared/data/slack is absent"); return
        }
        let batch = try SlackImporter().read(zip)
        #expect(batch.source == "slack:testarchive")
        // Counted independently: 158 messages in the day files, 11 of them joins and bot adds.
        #expect(batch.posts.count == 147 && batch.skipped == 11)
        #expect(batch.posts.filter { $0.post.space == "enrique" }.count + batch.posts.filter { $0.post.space == "traveling-sailor" }.count == 147)
        #expect(batch.posts.contains { $0.post.body.contains("executor with simulated annealing rough draft") }) // bot attachment text
        #expect(Set(batch.posts.map(\.post.space)) == ["enrique", "traveling-sailor"])
        #expect(!batch.posts.isEmpty)
        // Mentions are resolved to names, never left as <@U…>.
        #expect(batch.posts.allSatisfy { !$0.post.body.contains("<@U") })
        let mention = try #require(batch.posts.first { $0.sourceID == "enrique/1454884927.000002" })
        #expect(mention.post.body.hasPrefix("@Harry Potter: https://bitbucket.org/"))
        #expect(mention.post.created.timeIntervalSince1970 == 1454884927.000002)
        // Every reply's thread root is in the batch and comes before it.
        var seen = Set<String>()
        for p in batch.posts {
            if let parent = p.parentSourceID { #expect(seen.contains(parent), "\(p.sourceID)") }
            seen.insert(p.sourceID)
        }
        #expect(Set(batch.posts.map(\.sourceID)).count == batch.posts.count)
    }

    @Test func folderExportWithThreads() throws {
        let batch = try SlackImporter().read(Fixtures.url("slack"))
        #expect(batch.source == "slack:slack")
        #expect(batch.skipped == 1)
        #expect(batch.posts.count == 3)
        let root = batch.posts[0].post
        #expect(root.kind == .question && root.author == "Ada Lovelace" && root.space == "general")
        #expect(root.body == "How do I pin the runner? cc @Bob Builder see #ops and docs (https://example.org/d) & more")
        let replies = batch.posts.filter { $0.parentSourceID == "general/1600000000.000100" }
        #expect(replies.count == 2)
        #expect(replies.allSatisfy { $0.post.kind == .answer && $0.post.title == root.title })
    }

    @Test func titlesReadAsTextAndKindsFollowWhatAMessageIs() throws {
        guard let zip = TestSupport.sharedFile("slack/testarchive.zip") else {
            print("skipped: ../shared/data/slack is absent"); return
        }
        let posts = try SlackImporter().read(zip).posts.map(\.post)
        // No title shows Slack's markup: code fences, a leading mention, emoji codes, <…> links.
        for p in posts {
            #expect(!p.title.contains("```") && !p.title.hasPrefix("@Harry Potter:") && !p.title.contains("<http"), "\(p.title)")
            #expect(!p.title.isEmpty && p.title.count <= 100)
        }
        func post(_ id: String) throws -> Post { try #require(posts.first { $0.sourceID == id }) }
        let code = try #require(posts.first { $0.body.hasPrefix("```Starting executor") })
        #expect(code.title == "Code: Starting executor")
        let mention = try post("enrique/1454884927.000002")    // "@Harry Potter: <https://bitbucket.org/…>"
        #expect(mention.kind == .link && mention.url?.hasPrefix("https://bitbucket.org/hfaran/security_a2/") == true)
        #expect(mention.title.hasPrefix("bitbucket.org/hfaran/security_a2/"))
        let asks = try #require(posts.first { $0.body.hasPrefix("what should setup.py do?") })
        #expect(asks.kind == .question)
        // A "?" inside a link asks nothing.
        let intro = try #require(posts.first { $0.body.contains("This is a pretty good intro") })
        #expect(intro.kind == .tip && intro.title == "This is a pretty good intro: youtube.com/watch?v=zwYV11a__HQ")
        let kinds = Dictionary(grouping: posts, by: \.kind).mapValues(\.count)
        #expect(kinds[.question, default: 0] >= 5 && kinds[.link, default: 0] >= 90 && kinds[.tip, default: 0] >= 30, "\(kinds)")
    }

    @Test func aMessageWithRepliesIsAQuestionWithAnswers() throws {
        let dir = TestSupport.makeTempDirectory("slackthread")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("ops"), withIntermediateDirectories: true)
        try "[{\"id\":\"C1\",\"name\":\"ops\"}]".write(to: dir.appendingPathComponent("channels.json"), atomically: true, encoding: .utf8)
        try """
        [{"type":"message","user":"U1","text":"*Deploy* is stuck at step 3 :scream:","ts":"1600000000.000100","thread_ts":"1600000000.000100"},
         {"type":"message","user":"U2","text":"clear the cache first","ts":"1600000001.000100","thread_ts":"1600000000.000100"},
         {"type":"message","user":"U2","text":"Rotated the staging certs today","ts":"1600000002.000100"}]
        """.write(to: dir.appendingPathComponent("ops/2020-09-13.json"), atomically: true, encoding: .utf8)
        let posts = try SlackImporter().read(dir).posts.map(\.post)
        #expect(posts.map(\.kind) == [.question, .answer, .tip])
        #expect(posts[0].title == "Deploy is stuck at step 3")
        #expect(posts[1].title == posts[0].title)
    }

    @Test func malformedExportsFailWithLocation() throws {
        let dir = TestSupport.makeTempDirectory("slackbad")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("general"), withIntermediateDirectories: true)
        try "[{\"id\":\"C1\",\"name\":\"general\"}]".write(to: dir.appendingPathComponent("channels.json"), atomically: true, encoding: .utf8)
        try "[\n{\"type\":\"message\",\"text\":\"hi\",\"ts\":\"1.0\"},\n{\"type\":\"message\",\"text\":\"no ts\"}\n]"
            .write(to: dir.appendingPathComponent("general/2020-01-01.json"), atomically: true, encoding: .utf8)
        let err = Fixtures.formatError { _ = try SlackImporter().read(dir) }
        #expect(err?.description.hasSuffix("general/2020-01-01.json:3: message without a \"ts\" (expected a Slack timestamp like 1454884927.000002)") == true,
                "\(String(describing: err))")
        let notZip = dir.appendingPathComponent("x.zip")
        try Data("PK garbage".utf8).write(to: notZip)
        #expect(Fixtures.formatError { _ = try SlackImporter().read(notZip) } != nil)
        let empty = TestSupport.makeTempDirectory("slackempty")
        #expect(Fixtures.formatError { _ = try SlackImporter().read(empty) }?.message.contains("channels.json") == true)
    }
}
