import CommunityAPI
import CommunityClient
import Foundation
import Testing
import TestSupport

/// Faults under load, with the real binaries on a real PostgreSQL: the server killed with -9,
/// PostgreSQL restarted, a client cut off.
@Suite(.enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct CrashFaultTests {
    /// Writers that keep posting (retrying with the same id) while something breaks; records
    /// which ids got a 2xx and how many distinct writes were attempted.
    final class Writers: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var acknowledged: [UUID] = []
        private(set) var attempted: [UUID] = []
        func tried(_ id: UUID) { lock.lock(); attempted.append(id); lock.unlock() }
        func acked(_ id: UUID) { lock.lock(); acknowledged.append(id); lock.unlock() }
        var ackCount: Int { lock.lock(); defer { lock.unlock() }; return acknowledged.count }
    }

    /// `count` writers each posting `perWriter` questions in turn, each retried until answered.
    static func write(_ client: CommunityClient, writers count: Int, perWriter: Int, into w: Writers) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<count {
                group.addTask {
                    for n in 0..<perWriter {
                        let id = UUID()
                        w.tried(id)
                        if try await putUntilAnswered(client, id, question(writer, n), deadline: Date().addingTimeInterval(60)) != nil {
                            w.acked(id)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func killNineDuringLoadLosesNoWriteThatGotA2xx() async throws {
        let rig = try FaultRig()
        let server = try rig.serve()
        defer { server.close() }
        let ana = try rig.client("ana", of: server)
        let w = Writers()
        let writing = Task { try await Self.write(ana, writers: 4, perWriter: 30, into: w) }
        #expect(await eventually(timeout: 120) { w.ackCount >= 20 })
        let ackedBeforeKill = w.ackCount
        server.kill()
        // The writers now fail to connect and retry; bring the server back on the same address.
        try server.restart()
        try await writing.value
        #expect(ackedBeforeKill >= 20)
        #expect(w.acknowledged.count == w.attempted.count)
        // Every acknowledged write is there, once, after the restart.
        let (changes, _) = try await pullAll(ana)
        let ids = changes.compactMap { $0.post?.id }
        #expect(Set(ids).count == ids.count)
        #expect(Set(w.acknowledged).isSubset(of: Set(ids)))
        #expect(ids.count == 4 * 30)
        let stored = try rig.database.psql("SELECT count(*) FROM posts")
        #expect(stored == "\(4 * 30)")
        await rig.close()
    }

    @Test func afterAPostgreSQLRestartTheServerReconnectsByItselfAndRetriesLeaveNoDuplicates() async throws {
        let pg = try PostgresTest.privateCluster()
        defer { pg.destroy() }
        let rig = try FaultRig(cluster: pg)
        let server = try rig.serve()
        defer { server.close() }
        let ana = try rig.client("ana", of: server)
        let seen = SeenPosts()
        let follower = Task { await follow(try rig.client("ben", of: server), from: 0, into: seen) }
        let w = Writers()
        let writing = Task { try await Self.write(ana, writers: 4, perWriter: 30, into: w) }
        #expect(await eventually(timeout: 120) { w.ackCount >= 20 })
        try pg.restart(mode: .fast)
        try await writing.value
        // The same process serves on: it reconnected to PostgreSQL by itself.
        #expect(server.isRunning)
        #expect(w.acknowledged.count == 4 * 30)
        let (changes, head) = try await pullAll(ana)
        let titles = changes.compactMap { $0.post?.title }
        #expect(titles.count == 4 * 30)
        #expect(Set(titles).count == titles.count, "a retried write was stored twice")
        // The live follower, cut by the restart, came back and has everything too.
        let all = Set(w.acknowledged)
        #expect(await eventually(timeout: 60) { all.isSubset(of: seen.all) })
        follower.cancel()
        #expect(head > 0)
        await rig.close()
    }

    @Test func aClientThatLosesItsConnectionResumesFromItsPositionAndMissesNothing() async throws {
        let rig = try FaultRig()
        let server = try rig.serve()
        defer { server.close() }
        let ana = try rig.client("ana", of: server)
        let w = Writers()
        let writing = Task { try await Self.write(ana, writers: 3, perWriter: 40, into: w) }
        // Ben follows over a connection pool of his own, which is then cut mid-stream.
        var options = CommunityTransport.Options()
        options.connectTimeout = 2
        let bensLine = try CommunityTransport(options)
        let seen = SeenPosts()
        let ben = CommunityClient(server: try CommunityServer(server.baseURL), token: rig.tokens["ben"], transport: bensLine)
        let first = Task { await follow(ben, from: 0, into: seen) }
        #expect(await eventually(timeout: 120) { seen.all.count >= 20 })
        first.cancel()
        await bensLine.shutdown()
        let position = await first.value
        let before = seen.all.count
        // Writes go on while Ben is away; he comes back on a new connection from his position.
        #expect(await eventually(timeout: 120) { w.ackCount >= before + 20 })
        let ben2 = try rig.client("ben", of: server)
        let second = Task { await follow(ben2, from: position, into: seen) }
        try await writing.value
        let all = Set(w.acknowledged)
        #expect(await eventually(timeout: 60) { all.isSubset(of: seen.all) })
        second.cancel()
        #expect(seen.all == all)
        // Gap-free: positions only grow across the cut.
        #expect(seen.positions == seen.positions.sorted())
        #expect(Set(seen.positions).count == seen.positions.count)
        await rig.close()
    }
}
