import Foundation
import GRDB
import PicnicCore
@testable import PicnicStore
import Testing

@Suite("Community store: writes and the outbox")
struct CommunityOutboxTests {
    @Test func aQuestionShowsAtOnceAndWaitsInTheOutboxAcrossReopens() throws {
        let f = try CommunityFixture("ask")
        let task = UUID(), uuid = UUID()
        let saved = try f.db.shareToCommunity(CommunityDraft(kind: .question, title: "Gradle cache misses on CI", tags: ["ci"]),
                                              community: f.community.id, uuid: uuid, askedFrom: task)
        #expect(saved.author == "ana" && saved.space == "general" && saved.sourceID == uuid.apiKey)
        #expect(try f.db.communityInfo(post: saved.id)?.state == .sending)
        #expect(try f.matchTitles("gradle cache").first == "Gradle cache misses on CI")
        try checkIndex(f.db)

        // Another process (after kill -9, days later) finds the same entry, once.
        let again = try AppDatabase(path: f.db.path)
        let due = try again.dueOutbox(community: f.community.id)
        #expect(due.map(\.op) == [.post] && due.first?.target == uuid.apiKey)
        #expect(try again.communitySummary().toSend == 1)
        let sending = try #require(try again.postForSending(community: f.community.id, uuid: uuid.apiKey))
        #expect(sending.post.title == "Gradle cache misses on CI" && sending.parent == nil)

        let asked = try again.askedQuestions(task: task)
        #expect(asked.map(\.post.id) == [saved.id] && asked.first?.state == .sending)

        // The server's answer: stored as it has it, the entry gone, no second post.
        try again.outboxDelivered(due[0], post: SyncedPost(uuid: uuid, space: "general", kind: .question, author: "ana",
                                                           title: "Gradle cache misses on CI", tags: ["ci"],
                                                           created: Date(), position: 7))
        #expect(try again.communitySummary().toSend == 0)
        #expect(try again.communityInfo(post: saved.id)?.state == .synced)
        #expect(try again.communityInfo(post: saved.id)?.version == 1)
        var g = f
        g.position = 7
        try g.apply([g.post(uuid, "Gradle cache misses on CI", author: "ana", tags: ["ci"])])
        #expect(try g.titles() == ["Gradle cache misses on CI"])
    }

    @Test func anAnswerGoesToItsQuestionsSpaceAfterIt() throws {
        var f = try CommunityFixture("answer")
        let q = UUID()
        try f.apply([f.post(q, "Pager rotation tool?", space: "ops")])
        let qid = try #require(try f.localID(q))
        let answer = try f.db.shareToCommunity(CommunityDraft(kind: .answer, title: "", body: "We use a shared calendar", parent: qid),
                                               community: f.community.id)
        #expect(answer.space == "ops" && answer.parent == qid && answer.kind == .answer)
        let sending = try #require(try f.db.postForSending(community: f.community.id, uuid: answer.sourceID!))
        #expect(sending.parent == q.apiKey)
        #expect(throws: PicnicError.usage("no space nowhere in team (spaces: general, ops)")) {
            try f.db.shareToCommunity(CommunityDraft(kind: .tip, title: "x", space: "nowhere"), community: f.community.id)
        }
        let local = try f.db.savePost(Post(title: "A local note"))
        #expect(throws: PicnicError.self) {
            try f.db.shareToCommunity(CommunityDraft(kind: .answer, title: "", body: "y", parent: local.id), community: f.community.id)
        }
    }

    @Test func votesHelpedAndAcceptsAreLocalFirstAndCoalesce() throws {
        var f = try CommunityFixture("actions")
        let mine = UUID(), theirs = UUID(), answer = UUID()
        try f.apply([f.post(mine, "How do I rotate the VPN keys?", author: "ana"),
                     f.post(answer, "", body: "Run the rotate script", author: "bo", parent: mine),
                     f.post(theirs, "Bo's question about DNS", author: "bo", votes: 3)])
        let theirsID = try #require(try f.localID(theirs)), mineID = try #require(try f.localID(mine))
        let answerID = try #require(try f.localID(answer))
        try f.db.vote(post: theirsID, 1)
        try f.db.vote(post: theirsID, -1)
        #expect(try f.db.post(id: theirsID)?.votes == 2)
        #expect(throws: PicnicError.self) { try f.db.vote(post: mineID, 1) }
        try f.db.markHelped(post: answerID)
        try f.db.markHelped(post: answerID)
        #expect(try f.db.communityInfo(post: answerID)?.helped == 1)
        try f.db.accept(question: mineID, answer: answerID)
        #expect(try f.db.post(id: answerID)?.accepted == true)
        #expect(try f.db.communityInfo(post: mineID)?.acceptedAnswer == answerID)
        #expect(throws: PicnicError.self) { try f.db.accept(question: theirsID, answer: nil) }
        let due = try f.db.dueOutbox(community: f.community.id)
        #expect(due.map(\.op) == [.vote, .helped, .accept])
        #expect(due[0].body == "-1", "the newer vote replaced the older one in line")
        #expect(due[2].body == answer.apiKey)
    }

    @Test func aPendingEditKeepsItsTextAgainstAnOlderPull() throws {
        var f = try CommunityFixture("pending")
        let uuid = UUID()
        let saved = try f.db.shareToCommunity(CommunityDraft(kind: .tip, title: "Use ssh-agent forwarding carefully"),
                                              community: f.community.id, uuid: uuid)
        // Another device's copy of an older version arrives before our write is sent.
        try f.apply([f.post(uuid, "Old title from elsewhere", kind: .tip, author: "ana")])
        #expect(try f.db.post(id: saved.id)?.title == "Use ssh-agent forwarding carefully")
        #expect(try f.db.communityInfo(post: saved.id)?.state == .sending)
    }

    @Test func refusalsAreKeptAndToldOnce() throws {
        let f = try CommunityFixture("refused")
        let saved = try f.db.shareToCommunity(CommunityDraft(kind: .question, title: "A question the server refuses"),
                                              community: f.community.id)
        let entry = try #require(try f.db.dueOutbox(community: f.community.id).first)
        try f.db.outboxDeferred(entry, error: "unreachable", retryAt: Date().addingTimeInterval(60))
        #expect(try f.db.dueOutbox(community: f.community.id).isEmpty, "backed off")
        #expect(try f.db.dueOutbox(community: f.community.id, now: Date().addingTimeInterval(61)).count == 1)
        try f.db.outboxRefused(entry, error: "deleted: the question was deleted")
        #expect(try f.db.communityInfo(post: saved.id)?.state == .refused)
        #expect(try f.db.post(id: saved.id)?.title == "A question the server refuses", "kept for the person to copy")
        #expect(try f.db.communitySummary().toSend == 0)
        #expect(try f.db.takeRefusals().map(\.lastError) == ["deleted: the question was deleted"])
        #expect(try f.db.takeRefusals().isEmpty, "told once")
    }

    @Test func ownQuestionsAreNotHelpForTheirTask() throws {
        var f = try CommunityFixture("own")
        let task = UUID()
        let asked = try f.db.shareToCommunity(CommunityDraft(kind: .question, title: "Nginx 502 after deploy"),
                                              community: f.community.id, askedFrom: task)
        let other = UUID(), answered = UUID()
        try f.apply([f.post(other, "Nginx 502 during rolling deploys", author: "bo"),
                     f.post(answered, "My older nginx question", author: "ana"),
                     f.post(UUID(), "", body: "bo answered it", author: "bo", parent: answered)])
        let ids = try f.db.match(draft: "nginx 502 deploy", limit: 10).map(\.post.id)
        let own = try f.db.ownQuestions(among: ids, task: task)
        #expect(own == [asked.id], "the question asked from the task; an answered own question still helps")
        #expect(try f.db.ownQuestions(among: ids, task: UUID()) == [asked.id], "unanswered, it helps no task of mine")
    }
}
