import CommunityAPI
import Foundation
import PicnicCore
import PicnicServer
import Testing
import TestSupport

/// `serve --read-db`: reads on a real streaming replica, and never a page from a replica that
/// lacks what the primary's head promised (docs/Server.md, "Reads on a streaming replica").
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct ReadReplicaTests {
    @Test func readsGoToTheReplicaButNeverBehindThePrimarysHead() async throws {
        let primary = try PostgresTest.privateCluster()
        defer { primary.destroy() }
        let db = try primary.createDatabase(label: "replicated")
        let migrated = try PicnicServerProcess.run(["migrate"], db: db.url, environment: ["PICNIC_SERVER_ROLE_PASSWORD": db.password])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let ana = try PicnicServerProcess.run(["user", "add", "ana"], db: db.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let ben = try PicnicServerProcess.run(["user", "add", "ben"], db: db.url).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let replica = try primary.startReplica()
        defer { replica.destroy() }
        try primary.waitUntilReplayed(by: replica)

        let serverURL = try DatabaseURL(parsing: db.url).withUser("picnic_server", password: db.password)
        let replicaURL = try DatabaseURL(parsing: replica.url(database: db.name)).withUser("picnic_server", password: db.password)
        let server = try PicnicServerProcess.serve(db: serverURL.urlString, readDB: replicaURL.urlString,
                                                   extraArguments: ["--max-connections", "4"])
        defer { server.close() }
        let api = API(server.baseURL)

        let first = try await api.post(UUID(), APIPostWrite(kind: .question, title: "Read from where?"), token: ana)
        try primary.waitUntilReplayed(by: replica)
        let caughtUp = try await api.pull(through: first.position, token: ben)
        #expect(caughtUp.changes.map { $0.post?.id } == [first.id])
        // The replica served reads: the server's role has a session there.
        let sessions = try replica.psql("SELECT count(*) FROM pg_stat_activity WHERE usename = 'picnic_server' AND datname = '\(db.name)'")
        #expect((Int(sessions) ?? 0) >= 1)

        // The replica stops replaying: what is written now exists on the primary only.
        try replica.psql("SELECT pg_wal_replay_pause()")
        let second = try await api.post(UUID(), APIPostWrite(kind: .tip, title: "Written while the replica lags"), token: ana)
        #expect(try replica.psql("SELECT count(*) FROM posts WHERE id = '\(second.id.apiString)'", database: db.name) == "0")
        let me = try await api.get("/v1/me", token: ben).decode(APIMe.self)
        let page = try await api.pull(after: caughtUp.next, through: second.position, token: ben)
        #expect(me.head >= second.position || page.next >= second.position)
        #expect(page.changes.map { $0.post?.id } == [second.id], "a page behind the primary's head")
        let read = try await api.get(CommunityAPI.Path.post(second.id), token: ben)
        #expect(read.status == 200, "a post just written is asked of the primary before a 404")
        try replica.psql("SELECT pg_wal_replay_resume()")
    }
}
