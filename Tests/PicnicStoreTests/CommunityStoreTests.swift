import Foundation
import GRDB
import PicnicCore
@testable import PicnicStore
import Testing

/// A community joined by "ana", and helpers to build what its server would send.
struct CommunityFixture {
    let db: AppDatabase
    let community: Community
    var position: Int64 = 0

    init(_ label: String = "community", user: String = "ana") throws {
        db = try makeDatabase(label)
        community = try db.joinCommunity(url: "http://127.0.0.1:9", name: "team", server: "picnic-server 1.0", userName: user,
                                         displayName: user.capitalized,
                                         spaces: [CommunitySpace(name: "general", general: true), CommunitySpace(name: "ops", visibility: "private", role: "member")],
                                         head: 0, tokenID: "t-\(label)", caFile: nil)
    }

    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    mutating func post(_ uuid: UUID, _ title: String, body: String = "", kind: PostKind = .question, author: String = "bo",
                       parent: UUID? = nil, tags: [String] = [], space: String = "general", votes: Int = 0,
                       removed: Bool = false, version: Int = 1, accepted: Bool = false) -> SyncedChange {
        position += 1
        return .post(SyncedPost(uuid: uuid, space: space, kind: parent == nil ? kind : .answer, author: author, parent: parent,
                                title: removed ? "" : title, body: removed ? "" : body, tags: removed ? [] : tags,
                                created: Self.t0.addingTimeInterval(Double(position)), version: version, votes: votes,
                                accepted: accepted, removed: removed, position: position))
    }

    @discardableResult
    mutating func apply(_ changes: [SyncedChange], more: Bool = false) throws -> SyncPageResult {
        try db.applySyncPage(community: community.id, SyncPage(changes: changes, next: position, head: position, more: more))
    }

    func localID(_ uuid: UUID) throws -> Int64? {
        try db.postIDs(source: community.source)[uuid.apiKey]
    }

    func titles() throws -> [String] { try db.posts().filter { $0.source == community.source }.map(\.title).sorted() }

    func matchTitles(_ text: String) throws -> [String] { try db.match(draft: text, limit: 10).map(\.post.title) }
}

@Suite("Community store: pulls")
struct CommunityPullTests {
    @Test func aPageLandsInPostsIndexedAndMatchable() throws {
        var f = try CommunityFixture("pull")
        let q = UUID(), a1 = UUID(), a2 = UUID(), tip = UUID()
        // The answer comes before its question in the page (the question was edited later).
        let result = try f.apply([
            f.post(a1, "", body: "Pin the arm64 runner image to the previous tag", author: "bo", parent: q),
            f.post(tip, "Rotate staging certificates with certbot", kind: .tip, tags: ["ops"]),
            f.post(q, "Timeouts on arm64 builds", body: "The CI runner times out", author: "ana", tags: ["ci", "arm64"]),
            f.post(a2, "", body: "Me too, no idea", author: "ana", parent: q),
        ])
        #expect(result.added == 4)
        #expect(result.newAnswers == 1, "bo's answer to ana's question is new to ana; her own is not")
        try checkIndex(f.db)
        #expect(try f.matchTitles("arm64 runner timeouts").first == "Timeouts on arm64 builds")
        let community = try #require(try f.db.community(id: f.community.id))
        #expect(community.position == 4)
        #expect(community.lastSync != nil)
        let qid = try #require(try f.localID(q))
        let thread = try #require(try f.db.thread(id: qid))
        #expect(thread.answers.count == 2)
        #expect(thread.root.author == "ana")
        #expect(thread.root.tags == ["ci", "arm64"])
        let info = try #require(try f.db.communityInfo(post: qid))
        #expect(info.mine && info.state == .synced && info.version == 1 && info.uuid == q)
        #expect(try f.db.communitySummary().newAnswers == 1)
        #expect(try f.db.markSeen(thread: qid) == 1)
        #expect(try f.db.communitySummary().newAnswers == 0)
    }

    @Test func anEditReindexesAndAVoteTouchesNoIndex() throws {
        var f = try CommunityFixture("edit")
        let q = UUID()
        try f.apply([f.post(q, "Flaky database migrations", body: "postgres locks")])
        try f.apply([f.post(q, "Slow nightly backups", body: "pg_dump takes hours", version: 2)])
        try checkIndex(f.db)
        #expect(try f.matchTitles("flaky migrations").isEmpty)
        #expect(try f.matchTitles("nightly backups pg_dump").first == "Slow nightly backups")
        #expect(try f.titles() == ["Slow nightly backups"], "an edit updates the post, never a second one")

        let structure = { try f.db.pool.read { try Data.fetchOne($0, sql: "SELECT block FROM posts_fts_data WHERE id = 10") } }
        let before = try structure()
        try f.apply([f.post(q, "Slow nightly backups", body: "pg_dump takes hours", votes: 5, version: 2)])
        #expect(try structure() == before, "a vote must not rewrite the index")
        #expect(try f.db.posts().first?.votes == 5)
    }

    @Test func deletionsAndHidesLeaveTheStoreAndTheIndex() throws {
        var f = try CommunityFixture("remove")
        let q = UUID(), a = UUID(), b = UUID(), other = UUID()
        try f.apply([f.post(q, "Kubernetes ingress returns 502"), f.post(a, "", body: "check the readiness probe", parent: q),
                     f.post(b, "", body: "spam spam spam", parent: q), f.post(other, "Terraform state lock stuck")])
        // A moderator hid one answer; the other question was deleted.
        let result = try f.apply([f.post(b, "", parent: q, removed: true), f.post(other, "", removed: true)])
        #expect(result.removed == 2)
        try checkIndex(f.db)
        #expect(try f.matchTitles("spam").isEmpty)
        #expect(try f.matchTitles("terraform lock").isEmpty)
        let qid = try #require(try f.localID(q))
        #expect(try f.db.thread(id: qid)?.answers.count == 1)
        // Deleting the question takes its answers.
        try f.apply([f.post(q, "", removed: true)])
        #expect(try f.titles().isEmpty)
        #expect(try f.db.postCount() == 0)
        try checkIndex(f.db)
        #expect(try f.db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM community_posts") } == 0)
    }

    @Test func losingASpaceDropsItsPosts() throws {
        var f = try CommunityFixture("space")
        try f.apply([f.post(UUID(), "Pager rotation for the ops team", space: "ops"), f.post(UUID(), "Office plants")])
        try f.apply([.space(CommunitySpace(name: "ops", visibility: "private"), readable: false)])
        #expect(try f.titles() == ["Office plants"])
        #expect(try f.db.community(id: f.community.id)?.spaces.map(\.name) == ["general"])
        try checkIndex(f.db)
    }

    @Test func anAnswerWithoutAVisibleQuestionIsSkippedNotFatal() throws {
        var f = try CommunityFixture("orphan")
        let result = try f.apply([f.post(UUID(), "", body: "an answer to a question we cannot see", parent: UUID()),
                                  f.post(UUID(), "A question we can see")])
        #expect(result.skipped == 1 && result.added == 1)
        #expect(try f.db.community(id: f.community.id)?.position == 2, "the position still moves on")
    }

    @Test func aPageAndItsPositionCommitTogether() throws {
        var f = try CommunityFixture("atomic")
        try f.apply([f.post(UUID(), "First question")])
        // Leaving in between makes the next page refused as a whole: nothing of it is stored.
        try f.db.leaveCommunity(id: f.community.id, forget: false)
        #expect(throws: PicnicError.self) { try f.apply([f.post(UUID(), "Second question")]) }
        #expect(try f.titles() == ["First question"])
        #expect(try f.db.community(id: f.community.id)?.position == 1)
    }

    @Test func leavingKeepsHistoryAndForgettingRemovesIt() throws {
        var f = try CommunityFixture("leave")
        try f.apply([f.post(UUID(), "Release checklist for mobile apps"), f.post(UUID(), "Who owns the DNS zone?")])
        try f.db.leaveCommunity(id: f.community.id, forget: false)
        #expect(try f.db.communities().isEmpty)
        #expect(try f.db.communities(includeLeft: true).count == 1)
        #expect(try f.matchTitles("mobile release checklist").first == "Release checklist for mobile apps",
                "left communities stay searchable history")
        #expect(throws: PicnicError.self) { try f.db.shareToCommunity(CommunityDraft(kind: .question, title: "x"), community: f.community.id) }
        #expect(try f.db.leaveCommunity(id: f.community.id, forget: true) == 2)
        #expect(try f.db.postCount() == 0)
        #expect(try f.db.communities(includeLeft: true).isEmpty)
        try checkIndex(f.db)
    }
}
