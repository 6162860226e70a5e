import Foundation
import Testing
import TestSupport

/// The PostgreSQL harness every server-side test stands on: a real server, one database per test.
@Suite(.enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct PostgresHarnessTests {
    @Test func eachTestGetsAFreshDatabaseThatIsDroppedAfterwards() throws {
        let a = try PostgresTest.database(label: "harness_a")
        let b = try PostgresTest.database(label: "harness_b")
        #expect(a.name != b.name)
        try a.psql("CREATE TABLE t (x text); INSERT INTO t VALUES ('from a')")
        #expect(try a.psql("SELECT x FROM t") == "from a")
        #expect(throws: PostgresError.self) { try b.psql("SELECT x FROM t") }
        #expect(try a.psql("SELECT current_setting('server_version_num')::int / 10000") == "15")
        let name = a.name
        a.drop()
        let cluster = try PostgresTest.cluster()
        #expect(try cluster.psql("SELECT count(*) FROM pg_database WHERE datname = '\(name)'") == "0")
        #expect(try cluster.psql("SELECT count(*) FROM pg_database WHERE datname = '\(b.name)'") == "1")
    }

    @Test func theURLCarriesEverythingAClientNeeds() throws {
        let db = try PostgresTest.database(label: "harness_url")
        let parts = try #require(URLComponents(string: db.url))
        #expect(parts.scheme == "postgres")
        #expect(parts.host == "127.0.0.1")
        #expect(parts.port == db.port)
        #expect(parts.user == db.user)
        #expect(parts.path == "/\(db.name)")
        // The same URL, given back to the harness, reaches the same database.
        let again = try PostgresCluster(url: db.url)
        #expect(try again.psql("SELECT current_database()", database: db.name) == db.name)
    }

    @Test func aTemplateIsPreparedOnceAndEveryCopyStartsFromIt() throws {
        let prepared = Counter()
        let key = "harness_\(UUID().uuidString.prefix(6).lowercased())"
        let prepare: (PostgresDatabase) throws -> Void = { db in
            prepared.add()
            try db.psql("CREATE TABLE schema_version (v int); INSERT INTO schema_version VALUES (7)")
        }
        let template = try PostgresTest.template(key, prepare: prepare)
        #expect(try PostgresTest.template(key, prepare: prepare) == template)
        #expect(prepared.value == 1)
        let one = try PostgresTest.database(template: template, label: "harness_copy")
        let two = try PostgresTest.database(template: template, label: "harness_copy")
        try one.psql("INSERT INTO schema_version VALUES (8)")
        #expect(try one.psql("SELECT count(*) FROM schema_version") == "2")
        #expect(try two.psql("SELECT string_agg(v::text, ',') FROM schema_version") == "7")
    }

    @Test func aPrivateClusterRestartsOnItsPortKeepingItsDataAndIsRemovedAfterwards() throws {
        let cluster = try PostgresTest.privateCluster()
        let dir = try #require(cluster.directory)
        try cluster.psql("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)")
        let port = cluster.port
        try cluster.restart()
        #expect(cluster.port == port)
        #expect(try cluster.psql("SELECT x FROM kept") == "42")
        try cluster.shutdown()
        #expect(throws: PostgresError.self) { try cluster.psql("SELECT 1") }
        try cluster.start()
        #expect(try cluster.psql("SELECT x FROM kept") == "42")
        cluster.destroy()
        #expect(!FileManager.default.fileExists(atPath: dir.path))
        #expect(throws: PostgresError.self) { try cluster.psql("SELECT 1") }
    }

    @Test func aReplicaStreamsThePrimarysWritesAndRefusesItsOwn() throws {
        let primary = try PostgresTest.privateCluster()
        defer { primary.destroy() }
        try primary.psql("CREATE TABLE feed (position bigint PRIMARY KEY)")
        let replica = try primary.startReplica()
        defer { replica.destroy() }
        #expect(replica.isReplica)
        #expect(replica.port != primary.port)
        #expect(try replica.psql("SELECT pg_is_in_recovery()") == "t")
        try primary.psql("INSERT INTO feed SELECT generate_series(1, 500)")
        try primary.waitUntilReplayed(by: replica)
        #expect(try replica.psql("SELECT count(*), max(position) FROM feed") == "500|500")
        #expect(throws: PostgresError.self) { try replica.psql("INSERT INTO feed VALUES (501)") }
    }

    @Test func connectionCountsSeeOpenSessions() throws {
        let db = try PostgresTest.database(label: "harness_conn")
        // psql itself is the one client backend of this database while it asks.
        let counts = try db.cluster.psql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()",
                                         database: db.name)
        #expect(counts == "1")
        #expect(try db.cluster.connectionCounts()[db.name] == nil)
    }
}

/// A thread-safe count, for closures the harness may call from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
