import CommunityAPI
import CommunityClient
import Foundation
import Testing
import TestSupport

/// Several instances on one database, and reads from a streaming replica.
@Suite(.enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct ScaleOutTests {
    @Test func aPostWrittenThroughOneInstanceReachesAClientOfTheOtherWithinTwoSeconds() async throws {
        // A cluster of its own: the feed's head waits for every older transaction on the cluster,
        // and other tests' transactions on a shared one would be timed too.
        let pg = try PostgresTest.privateCluster()
        defer { pg.destroy() }
        let rig = try FaultRig(cluster: pg)
        let one = try rig.serve()
        defer { one.close() }
        let two = try rig.serve()
        defer { two.close() }
        #expect(one.baseURL != two.baseURL)
        let ben = try rig.client("ben", of: two)
        // What Ben's live stream on instance two announces, and when; and what he pulls.
        let heads = HeadLog()
        let stream = Task {
            while !Task.isCancelled {   // a stream cut on a loaded machine is reopened, as clients do
                do {
                    for try await event in try await ben.events(after: 0) {
                        if let head = event.head { heads.add(head) }
                    }
                } catch {
                    try? await Task.sleep(nanoseconds: 100_000_000) // reconnect backoff
                }
            }
        }
        let seen = SeenPosts()
        let follower = Task { await follow(ben, from: 0, into: seen) }
        let ana = try rig.client("ana", of: one)
        var delays: [TimeInterval] = []
        for n in 0..<20 {
            let id = UUID()
            let post = try await ana.putPost(id, question(0, n)).post
            let written = Date()   // the 2xx came after the commit
            #expect(await eventually(timeout: 10) { heads.first(atLeast: post.position) != nil },
                    "post \(n)'s position never reached instance two's stream")
            if let at = heads.first(atLeast: post.position) { delays.append(max(0, at.timeIntervalSince(written))) }
            #expect(await eventually(timeout: 30) { seen.when(id) != nil }, "post \(n) was never pulled from instance two")
        }
        stream.cancel()
        follower.cancel()
        #expect(delays.count == 20)
        #expect((delays.max() ?? 99) < 2.0, "slowest: \(delays.max() ?? -1) s, all: \(delays)")
        await rig.close()
    }

    @Test func readsFromAStreamingReplicaServeCorrectGapFreeFeeds() async throws {
        let primary = try PostgresTest.privateCluster()
        defer { primary.destroy() }
        let rig = try FaultRig(cluster: primary)
        let replica = try primary.startReplica()
        defer { replica.destroy() }
        try primary.waitUntilReplayed(by: replica)
        let server = try rig.serve(readReplica: replica)
        defer { server.close() }
        let ana = try rig.client("ana", of: server)
        let seen = SeenPosts()
        let follower = Task { await follow(try rig.client("ben", of: server), from: 0, into: seen) }
        // Concurrent writers, so positions commit out of order on the primary.
        var written: [UUID: APIPostWrite] = [:]
        try await withThrowingTaskGroup(of: [(UUID, APIPostWrite)].self) { group in
            for writer in 0..<4 {
                group.addTask {
                    var mine: [(UUID, APIPostWrite)] = []
                    for n in 0..<25 {
                        let id = UUID()
                        let w = question(writer, n)
                        _ = try await ana.putPost(id, w)
                        mine.append((id, w))
                    }
                    return mine
                }
            }
            for try await mine in group { for (id, w) in mine { written[id] = w } }
        }
        let (changes, _) = try await pullAll(ana)
        let posts = changes.compactMap(\.post)
        #expect(posts.count == 100)
        #expect(Set(posts.map(\.id)).count == 100)
        #expect(changes.map(\.position) == changes.map(\.position).sorted())
        for (id, w) in written {
            #expect(posts.first { $0.id == id }?.title == w.title)
        }
        // The live follower, reading through the replica, got every post, in order, once.
        #expect(await eventually(timeout: 60) { seen.all.count == 100 })
        #expect(seen.positions == seen.positions.sorted())
        #expect(Set(seen.positions).count == seen.positions.count)
        follower.cancel()
        // The reads did go to the replica: it answered the server's role's queries.
        let reads = try replica.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'picnic_server'")
        #expect((Int(reads) ?? 0) >= 1, "no connection of the server on the replica")
        await rig.close()
    }
}

/// The heads an event stream announced, with when each arrived.
final class HeadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var heads: [(head: Int64, at: Date)] = []

    func add(_ head: Int64) { lock.lock(); heads.append((head, Date())); lock.unlock() }

    /// When the stream first announced a head at or past `position`.
    func first(atLeast position: Int64) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return heads.first { $0.head >= position }?.at
    }
}
