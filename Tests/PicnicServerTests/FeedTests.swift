import AsyncHTTPClient
import CommunityAPI
import Foundation
import NIOCore
import PicnicCore
import PicnicServer
import PostgresNIO
import Testing
import TestSupport

/// The change feed: compaction, paging, access changes, the never-skip cure, live delivery.
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct FeedTests {
    @Test func eachPostOnceInItsCurrentStateAtItsLatestPosition() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben")
        try server.start()
        let api = API(server.baseURL)
        let a = UUID(), b = UUID()
        var w = APIPostWrite(kind: .question, title: "First", body: "v1")
        try await api.post(a, w, token: ana)
        try await api.post(b, APIPostWrite(kind: .tip, title: "Second"), token: ana)
        for body in ["v2", "v3", "v4"] { w.body = body; try await api.post(a, w, token: ana) }
        let voted = try await api.put(CommunityAPI.Path.post(b, .vote), APIVote(value: 1), token: ben).decode(APIPost.self)
        let feed = try await api.pull(through: voted.position, token: ben)
        try #require(feed.changes.count == 2)
        #expect(feed.changes.map { $0.post?.id } == [a, b])
        #expect(feed.changes[0].post?.body == "v4" && feed.changes[0].op == .edit && feed.changes[0].post?.version == 4)
        #expect(feed.changes[1].op == .vote && feed.changes[1].position == voted.position && feed.changes[1].post?.votes == 1)
        #expect(feed.changes.allSatisfy { $0.position == $0.post?.position })
        // Paging by one follows `next` to the same result.
        let paged = try await api.pull(through: voted.position, token: ben, limit: 1)
        #expect(paged.changes.map(\.position) == feed.changes.map(\.position))
        let empty = try await api.get("/v1/changes?after=\(feed.next)", token: ben).decode(APIChangePage.self)
        #expect(empty.changes.isEmpty && !empty.more && empty.next == feed.next)
        let bad = try await api.get("/v1/changes?after=abc", token: ben)
        #expect(bad.isRefusal(400, "invalid"))
    }

    @Test func joiningAPrivateSpaceBringsItsPostsAndLeavingItSaysDrop() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben")
        try server.admin(["space", "add", "ops", "--private"])
        try server.admin(["space", "members", "ops", "--add", "ana"])
        try server.start()
        let api = API(server.baseURL)
        let secret = UUID()
        try await api.post(secret, APIPostWrite(space: "ops", kind: .doc, title: "Runbook"), token: ana)
        let before = try await api.pullAll(token: ben)
        #expect(before.changes.isEmpty)
        try server.admin(["space", "members", "ops", "--add", "ben"])
        let joined = try await api.pull(after: before.next, token: ben) { $0.contains { $0.post?.id == secret } }
        #expect(joined.changes.first?.op == .space && joined.changes.first?.space?.readable == true)
        #expect(joined.changes.contains { $0.post?.id == secret })
        try server.admin(["space", "members", "ops", "--remove", "ben"])
        let left = try await api.pull(after: joined.next, token: ben) { !$0.isEmpty }
        #expect(left.changes.count == 1 && left.changes.first?.space?.name == "ops" && left.changes.first?.space?.readable == false,
                "\(left.changes)")
        #expect(try await api.get(CommunityAPI.Path.post(secret), token: ben).status == 404)
    }

    /// The cure (docs/DECISIONS.md): writer A takes a position and stays open; writer B takes
    /// the next one and commits. The feed must not serve B's position until A commits, or a
    /// client continuing from `next` would never see A's post.
    @Test func aLowerPositionCommittingLastIsNeverSkipped() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben")
        try server.start()
        let api = API(server.baseURL)
        let uid = try await SQLSession.with(server.owner) { try await $0.one("SELECT id FROM users WHERE name = 'ana'", as: Int64.self) }

        // Writer A: the server's role, as ana, the way the server writes a post.
        let (slow, fast, during) = try await SQLSession.with(server.serverURL) { a in
            let slow = UUID()
            try await a.exec("BEGIN")
            try await a.exec("SELECT set_config('picnic.user', \(String(uid)), true)")
            let p1 = try await a.one("SELECT picnic_take_positions(1)", as: Int64.self)
            try await a.exec("INSERT INTO posts (id, space_id, kind, author_id) VALUES (\(slow), 1, 'tip', \(uid))")
            try await a.exec("INSERT INTO post_content (post_id, space_id, author_id, title, body) VALUES (\(slow), 1, \(uid), 'Committed last', '')")
            try await a.exec("INSERT INTO feed (post_id, space_id, position, op) VALUES (\(slow), 1, \(p1), 'create')")

            // Writer B: through the server; it commits first with the larger position.
            let fast = try await api.post(UUID(), APIPostWrite(kind: .tip, title: "Committed first"), token: ana)
            #expect(fast.position > p1)
            let during = try await api.get("/v1/changes?after=0", token: ben).decode(APIChangePage.self)
            #expect(during.head < p1, "the head passed a position still being written")
            #expect(!during.changes.contains { $0.position >= p1 })
            let maxCommitted = try await SQLSession.with(server.owner) { try await $0.one("SELECT max(position) FROM feed", as: Int64.self) }
            #expect(maxCommitted == fast.position, "without the cure a reader would have been at \(maxCommitted)")

            try await a.exec("COMMIT")
            return (slow, fast, during)
        }
        let after = try await api.pull(after: during.next, through: fast.position, token: ben)
        #expect(after.changes.map { $0.post?.id } == [slow, fast.id])
    }

    @Test func aLiveClientHearsOfAChangeWithinTwoSeconds() async throws {
        // A cluster of its own: the head waits for older transactions anywhere on the cluster,
        // and the other tests' would be timed too.
        let cluster = try PostgresTest.privateCluster()
        defer { cluster.destroy() }
        let server = try TestServer(cluster: cluster)
        let ana = try server.addUser("ana"), ben = try server.addUser("ben")
        try server.start()
        let api = API(server.baseURL)
        var request = HTTPClientRequest(url: server.baseURL + "/v1/events?after=0")
        request.headers.add(name: "Authorization", value: "Bearer \(ben)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 200)
        #expect(response.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true)
        var iterator = response.body.makeAsyncIterator()
        var parser = ServerSentEventParser()
        func nextHead() async throws -> Int64? {
            while true {
                guard let chunk = try await iterator.next() else { return nil }
                for e in parser.feed(chunk.readableBytesView) where e.event == "head" {
                    return try APIJSON.decode(APIHeadEvent.self, from: Data(e.data.utf8)).head
                }
            }
        }
        #expect(try await nextHead() == 0)
        let post = try await api.post(UUID(), APIPostWrite(kind: .question, title: "Anyone there?"), token: ana)
        let started = ContinuousClock.now   // the write's answer came after its commit
        let head = try await nextHead()
        let elapsed = ContinuousClock.now - started
        #expect(head == post.position)
        #expect(elapsed < .seconds(2), "took \(elapsed)")
        // An admin command's change (another process, through NOTIFY) arrives too.
        try server.admin(["space", "add", "ops", "--private"])
        try server.admin(["space", "members", "ops", "--add", "ben"])
        let moved = try await nextHead()
        #expect((moved ?? 0) > post.position)
    }
}
