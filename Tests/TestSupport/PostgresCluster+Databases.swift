import Foundation

/// One database of a `PostgresCluster`, owned by one test: dropped by `drop()` or deinit.
public final class PostgresDatabase: @unchecked Sendable {
    public let cluster: PostgresCluster
    public let name: String
    private let lock = NSLock()
    private var dropped = false

    init(cluster: PostgresCluster, name: String) {
        self.cluster = cluster
        self.name = name
    }

    deinit { drop() }

    /// `postgres://USER:PASSWORD@127.0.0.1:PORT/NAME` (the superuser), for `picnic-server migrate --db`.
    public var url: String { cluster.url(database: name) }
    /// The same database as another role, e.g. `url(user: "picnic_server", password: pw)` for
    /// `serve --db` after `migrate` with `PICNIC_SERVER_ROLE_PASSWORD=pw`.
    public func url(user: String, password: String?) -> String { cluster.url(database: name, user: user, password: password) }
    public var host: String { cluster.host }
    public var port: Int { cluster.port }
    public var user: String { cluster.user }
    public var password: String { cluster.password }

    /// Runs SQL in this database through psql; returns its unaligned, tuples-only output.
    @discardableResult
    public func psql(_ sql: String) throws -> String { try cluster.psql(sql, database: name) }

    /// Drops the database, ending its connections first. Safe to call twice.
    public func drop() {
        lock.lock()
        let already = dropped
        dropped = true
        lock.unlock()
        if already { return }
        _ = try? cluster.psql("DROP DATABASE IF EXISTS \(PostgresCluster.identifier(name)) WITH (FORCE)")
    }
}

extension PostgresCluster {
    /// Runs SQL through psql (stops at the first error); returns the unaligned, tuples-only
    /// output without its last newline. Throws with psql's message.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let tools = try PostgresTools.locate()
        let r = try tools.runClient("psql", [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
            "-h", host, "-p", "\(port)", "-U", user, "-d", database, "-c", sql,
        ], password: password)
        guard r.status == 0 else {
            throw PostgresError("psql on \(host):\(port)/\(database) failed (\(r.status)): "
                + Self.lastLines(r.stderr) + " — SQL: \(sql.prefix(200))")
        }
        return r.stdout.hasSuffix("\n") ? String(r.stdout.dropLast()) : r.stdout
    }

    /// A new, empty database (a copy of `template`, default `template1`), dropped with the
    /// returned object. `label` starts its name, to tell tests apart in pg_stat_activity.
    public func createDatabase(template: String? = nil, label: String = "test") throws -> PostgresDatabase {
        let clean = label.lowercased().filter { $0.isLetter || $0.isNumber || $0 == "_" }.prefix(30)
        let name = "\(clean.isEmpty ? "test" : String(clean))_\(Self.randomHex(5))"
        var sql = "CREATE DATABASE \(Self.identifier(name))"
        if let template { sql += " TEMPLATE \(Self.identifier(template))" }
        // A template with a connection still closing refuses to be copied for a moment.
        let deadline = Date().addingTimeInterval(10)
        while true {
            do {
                try psql(sql)
                return PostgresDatabase(cluster: self, name: name)
            } catch let error as PostgresError where error.message.contains("being accessed by other users")
                        && Date() < deadline {
                usleep(20_000) // polling the template's sessions until they are gone, with a deadline
            }
        }
    }

    /// A template database made once per cluster object and process by `prepare` (e.g. run
    /// `picnic-server migrate` on it); returns its name for `createDatabase(template:)`.
    ///
    /// Copies of a prepared template are much cheaper than migrating every test's database.
    /// The template refuses connections once prepared, so copying it never waits. It is dropped
    /// when this process exits.
    public func template(_ key: String, prepare: (PostgresDatabase) throws -> Void) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        if let name = templates[key] { return name }
        let db = try createDatabase(label: "tpl_\(key)")
        do {
            try prepare(db)
            try psql("ALTER DATABASE \(Self.identifier(db.name)) ALLOW_CONNECTIONS false")
            try psql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(db.name)'")
        } catch {
            db.drop()
            throw error
        }
        templates[key] = db.name
        let url = self.url, name = db.name
        _ = PostgresCleanup.register {
            _ = try? PostgresCluster(url: url).psql("DROP DATABASE IF EXISTS \(PostgresCluster.identifier(name)) WITH (FORCE)")
        }
        // Keep the object alive without dropping at deinit: the exit handler drops it.
        Self.keep(db)
        return db.name
    }

    private static let kept = NSLock()
    nonisolated(unsafe) private static var keptDatabases: [PostgresDatabase] = []
    private static func keep(_ db: PostgresDatabase) {
        kept.lock()
        keptDatabases.append(db)
        kept.unlock()
    }

    /// Quotes an SQL identifier.
    public static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The number of connections to this server now, by database (pg_stat_activity, client
    /// backends only).
    public func connectionCounts() throws -> [String: Int] {
        let rows = try psql("SELECT coalesce(datname, ''), count(*) FROM pg_stat_activity "
            + "WHERE backend_type = 'client backend' GROUP BY 1")
        var counts: [String: Int] = [:]
        for line in rows.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            if parts.count == 2, let n = Int(parts[1]) { counts[String(parts[0])] = n }
        }
        return counts
    }
}

extension PostgresCluster {
    /// Runs one of PostgreSQL's client programs (`pgbench`, `pg_isready`, …) against this server
    /// with its host, port, user and password; `arguments` follow those (e.g. `["-S", "-T", "10", "db"]`).
    public func runClient(_ tool: String, _ arguments: [String]) throws -> TestSupport.Output {
        let tools = try PostgresTools.locate()
        guard tools.has(tool) else { throw PostgresError("\(tool) was not found in \(tools.bin)") }
        return try tools.runClient(tool, ["-h", host, "-p", "\(port)", "-U", user] + arguments, password: password)
    }
}
