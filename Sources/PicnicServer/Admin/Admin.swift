import CommunityAPI
import Foundation
import Logging
import PostgresNIO

/// The admin commands' work, connected as the owner of the tables (row-level security does not
/// apply to the owner): users, tokens, spaces and memberships.
public struct Admin: Sendable {
    public var url: DatabaseURL
    public var logger: Logger

    public init(url: DatabaseURL, logger: Logger) {
        self.url = url
        self.logger = logger
    }

    /// A user as `user list` shows them.
    public struct UserInfo: Sendable, Equatable {
        public var name: String
        public var displayName: String
        public var created: Date
        public var activeTokens: Int
        public var lastUsed: Date?
        public var revoked: Bool
    }

    /// Adds a user with a first token; returns the token (shown once).
    public func addUser(_ name: String, displayName: String?) async throws -> String {
        try checkName(name, "user")
        let display = displayName ?? name
        guard (1...64).contains(display.count) else { throw ServerFailure.usage("--display-name: 1–64 characters") }
        let token = APIToken.generate()
        try await withSchema { conn in
            try await conn.transaction(logger: logger) { conn in
                if try await conn.firstRow("SELECT 1 FROM users WHERE name = \(name)", logger: logger) != nil {
                    throw ServerFailure.badData("user '\(name)' already exists (a new token: picnic-server token new \(name))")
                }
                try await conn.run("""
                    WITH u AS (INSERT INTO users (name, display_name) VALUES (\(name), \(display)) RETURNING id)
                    INSERT INTO tokens (user_id, hash) SELECT id, \(APIToken.hash(token)) FROM u
                    """, logger: logger)
                return .commit(())
            }
        }
        return token
    }

    /// A new token for an existing user (their other tokens keep working).
    public func newToken(_ name: String) async throws -> String {
        let token = APIToken.generate()
        try await withSchema { conn in
            try await conn.transaction(logger: logger) { conn in
                let id = try await userID(conn, name)
                try await conn.run("UPDATE users SET revoked = NULL WHERE id = \(id)", logger: logger)
                try await conn.run("INSERT INTO tokens (user_id, hash) VALUES (\(id), \(APIToken.hash(token)))", logger: logger)
                return .commit(())
            }
        }
        return token
    }

    /// Revokes every token of a user at once; `token new` lets them back in.
    public func revokeUser(_ name: String) async throws {
        try await withSchema { conn in
            try await conn.transaction(logger: logger) { conn in
                let id = try await userID(conn, name)
                try await conn.run("UPDATE tokens SET revoked = now() WHERE user_id = \(id) AND revoked IS NULL", logger: logger)
                try await conn.run("UPDATE users SET revoked = now() WHERE id = \(id)", logger: logger)
                return .commit(())
            }
        }
    }

    /// Every user, by name.
    public func listUsers() async throws -> [UserInfo] {
        try await withSchema { conn in
            var out: [UserInfo] = []
            let rows = try await conn.query("""
                SELECT u.name, u.display_name, u.created, u.revoked IS NOT NULL,
                       (SELECT count(*) FROM tokens t WHERE t.user_id = u.id AND t.revoked IS NULL)::int,
                       (SELECT max(t.last_used) FROM tokens t WHERE t.user_id = u.id)
                FROM users u ORDER BY u.name
                """, logger: logger)
            for try await (name, display, created, revoked, tokens, lastUsed) in rows.decode((String, String, Date, Bool, Int, Date?).self) {
                out.append(UserInfo(name: name, displayName: display, created: created, activeTokens: tokens,
                                    lastUsed: lastUsed, revoked: revoked))
            }
            return out
        }
    }

    func userID(_ conn: PostgresConnection, _ name: String) async throws -> Int64 {
        guard let row = try await conn.firstRow("SELECT id FROM users WHERE name = \(name)", logger: logger) else {
            throw ServerFailure.badData("no user '\(name)'")
        }
        return try row.decode(Int64.self)
    }

    func checkName(_ name: String, _ what: String) throws {
        guard APILimits.isValidName(name) else { throw ServerFailure.usage("\(what) name '\(name)': \(APILimits.nameRule)") }
    }

    /// Connects and checks the schema is the one this build knows, then runs `body`.
    func withSchema<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await Connect.with(url, logger: logger) { conn in
            guard let version = try await Migrator.currentVersion(conn, logger: logger) else {
                throw ServerFailure.config("the database at \(url) has no Picnic schema: run picnic-server migrate first")
            }
            if version > Migration.latest { throw Migrator.newerSchema(version) }
            if version < Migration.latest {
                throw ServerFailure.config("the database's schema is version \(version), older than this picnic-server (\(Migration.latest)): run picnic-server migrate")
            }
            return try await body(conn)
        }
    }
}
