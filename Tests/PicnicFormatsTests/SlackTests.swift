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
