import Foundation
import Logging
import PostgresNIO

/// Applies the versioned migrations (each in its own transaction, under a lock so that two
/// `migrate` runs cannot interleave) and grants the server's role what it needs.
public enum Migrator {
    /// The advisory lock key of schema changes.
    static let lockKey: Int64 = 1_885_957_731_000

    public struct Result: Sendable, Equatable {
        public var from: Int
        public var to: Int
    }

    /// Migrates the database at `url` (connected as the owner of the tables) and grants `serverRole`.
    /// `upTo` stops at an older version (tests of an upgrade).
    public static func migrate(_ url: DatabaseURL, serverRole: String, serverPassword: String? = nil,
                               upTo: Int = Migration.latest, logger: Logger) async throws -> Result {
        guard APILimitsName.isRole(serverRole) else {
            throw ServerFailure.usage("--server-role '\(serverRole)': a role name is 1–63 characters of a-z, 0-9 and '_'")
        }
        return try await Connect.with(url, logger: logger) { conn in
            try await conn.run("""
                CREATE TABLE IF NOT EXISTS picnic_schema (
                    version int PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            let from = try await currentVersion(conn, logger: logger) ?? 0
            if from > Migration.latest {
                throw newerSchema(from)
            }
            for migration in Migration.all where migration.version > from && migration.version <= upTo {
                try await conn.transaction(logger: logger) { conn in
                    try await conn.run("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
                    // Another migrate may have applied it while this one waited for the lock.
                    let now = try await currentVersion(conn, logger: logger) ?? 0
                    guard now < migration.version else { return .rollback(()) }
                    for statement in SQLScript.statements(migration.sql) {
                        try await conn.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await conn.run("INSERT INTO picnic_schema (version, name) VALUES (\(migration.version), \(migration.name))",
                                       logger: logger)
                    return .commit(())
                }
            }
            try await grant(conn, serverRole: serverRole, owner: url.user, logger: logger)
            if let serverPassword { try await setPassword(conn, role: serverRole, serverPassword, logger: logger) }
            return Result(from: from, to: max(from, min(upTo, Migration.latest)))
        }
    }

    /// The schema version of the database, or nil when it was never migrated.
    static func currentVersion(_ conn: PostgresConnection, logger: Logger) async throws -> Int? {
        let exists = try await conn.firstRow("SELECT to_regclass('public.picnic_schema') IS NOT NULL", logger: logger)
        guard try exists?.decode(Bool.self) == true else { return nil }
        let row = try await conn.firstRow("SELECT max(version) FROM picnic_schema", logger: logger)
        return try row?.decode(Int?.self)
    }

    static func newerSchema(_ version: Int) -> ServerFailure {
        .config("the database's schema is version \(version), newer than this picnic-server knows (\(Migration.latest)): upgrade picnic-server")
    }

    /// Creates the server's role when missing and grants it the tables, idempotently.
    static func grant(_ conn: PostgresConnection, serverRole role: String, owner: String, logger: Logger) async throws {
        // Roles belong to the cluster, not the database: another database's migrate may make it
        // at the same moment, which is as good.
        if try await conn.firstRow("SELECT 1 FROM pg_roles WHERE rolname = \(role)", logger: logger) == nil {
            do {
                try await conn.run(PostgresQuery(unsafeSQL: "CREATE ROLE \(role) LOGIN"), logger: logger)
            } catch let e as PSQLError where e.sqlState == "42710" || e.sqlState == "23505" {
                // made meanwhile
            } catch let e as PSQLError where e.sqlState == "42501" {
                throw ServerFailure(
                    "migrate: role '\(role)' does not exist and '\(owner)' may not create it: CREATE ROLE \(role) LOGIN PASSWORD '…' as a superuser, then migrate again",
                    exitCode: 77)
            }
        }
        try await conn.transaction(logger: logger) { conn in
            try await conn.run("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
            for statement in SQLScript.statements(grants.replacingOccurrences(of: "SERVER_ROLE", with: role)) {
                try await conn.run(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            return .commit(())
        }
    }

    /// Sets the server role's password (ALTER ROLE takes no parameters: the literal is quoted).
    static func setPassword(_ conn: PostgresConnection, role: String, _ password: String, logger: Logger) async throws {
        guard !password.isEmpty, !password.contains("\0") else { throw ServerFailure.usage("migrate: the server's password is empty or has a NUL") }
        let literal = "'" + password.replacingOccurrences(of: "'", with: "''") + "'"
        // Another database's migrate may change the same (cluster-wide) role at the same moment.
        for attempt in 1...5 {
            do {
                try await conn.run(PostgresQuery(unsafeSQL: "ALTER ROLE \(role) PASSWORD \(literal)"), logger: logger)
                return
            } catch let e as PSQLError where e.sqlState == "XX000" && attempt < 5 {
                try await Task.sleep(for: .milliseconds(20 * attempt))
            }
        }
    }

    /// What the server's role may do; everything else (tokens, admin writes) it may not.
    static let grants = """
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
        REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
        REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
        GRANT USAGE ON SCHEMA public TO SERVER_ROLE;
        GRANT SELECT ON picnic_schema, users, spaces, memberships, positions, access_changes TO SERVER_ROLE;
        GRANT SELECT, INSERT, UPDATE ON posts, feed TO SERVER_ROLE;
        GRANT SELECT, INSERT, UPDATE, DELETE ON post_content, votes, helped TO SERVER_ROLE;
        GRANT SELECT, INSERT ON files TO SERVER_ROLE;
        GRANT EXECUTE ON FUNCTION picnic_uid(), picnic_readable_spaces(), picnic_moderated_spaces(), picnic_auth(bytea),
            picnic_take_positions(int), picnic_head(), picnic_prune_positions(), picnic_access_changes(bigint, bigint, int),
            picnic_file_size(text), picnic_posts_guard() TO SERVER_ROLE;
        """
}

/// Role names as migrate accepts them (no quoting needed).
enum APILimitsName {
    static func isRole(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard (1...63).contains(b.count), let first = b.first, (0x61...0x7A).contains(first) else { return false }
        return b.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
