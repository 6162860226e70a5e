import CommunityAPI
import Foundation
import PostgresNIO

extension Admin {
    /// A space as `space members` reports it.
    public struct SpaceMember: Sendable, Equatable {
        public var user: String
        public var role: APISpace.Role
    }

    /// Adds a space (public unless `private`).
    public func addSpace(_ name: String, isPrivate: Bool, title: String?) async throws {
        try checkName(name, "space")
        let title = title ?? name
        guard (1...300).contains(title.count) else { throw ServerFailure.usage("--title: 1–300 characters") }
        try await withSchema { conn in
            try await conn.transaction(logger: logger) { conn in
                if try await conn.firstRow("SELECT 1 FROM spaces WHERE name = \(name)", logger: logger) != nil {
                    throw ServerFailure.badData("space '\(name)' already exists")
                }
                try await conn.run("INSERT INTO spaces (name, title, private) VALUES (\(name), \(title), \(isPrivate))", logger: logger)
                return .commit(())
            }
        }
    }

    /// Changes who is in a space: `add` as members, `moderators` as moderators (added if needed),
    /// `remove` out. Each user whose access changed gets a feed entry (`op: space`); a user who
    /// gains access or a role gets the space's posts again at new positions, so a client that
    /// pulls from where it was sees them (docs/Server.md, "Memberships and the feed").
    /// Returns the members afterwards.
    @discardableResult
    public func changeMembers(space: String, add: [String], remove: [String], moderators: [String]) async throws -> [SpaceMember] {
        var wanted: [String: APISpace.Role?] = [:]
        for u in add { wanted[u] = .member }
        for u in moderators { wanted[u] = .moderator }
        for u in remove {
            if wanted[u] != nil { throw ServerFailure.usage("'\(u)' is both added and removed") }
            wanted[u] = .some(nil)
        }
        return try await withSchema { conn in
            let first = try await conn.transaction(logger: logger) { conn -> TransactionOutcome<Int64?> in
                // Read first, take positions, then write (positions come before a transaction's first write).
                guard let spaceRow = try await conn.firstRow("SELECT id FROM spaces WHERE name = \(space)", logger: logger) else {
                    throw ServerFailure.badData("no space '\(space)'")
                }
                let spaceID = try spaceRow.decode(Int64.self)
                var changes: [(user: Int64, role: APISpace.Role?)] = []
                for (name, role) in wanted.sorted(by: { $0.key < $1.key }) {
                    let uid = try await userID(conn, name)
                    let current = try await conn.firstRow(
                        "SELECT role FROM memberships WHERE space_id = \(spaceID) AND user_id = \(uid)", logger: logger)
                    let currentRole = try current.map { APISpace.Role(rawValue: try $0.decode(String.self)) } ?? nil
                    // --add keeps a moderator a moderator.
                    let target: APISpace.Role? = (role == .member && currentRole == .moderator) ? .moderator : role
                    if target != currentRole { changes.append((uid, target)) }
                }
                guard !changes.isEmpty else { return .rollback(nil) }
                let gains = changes.contains { $0.role != nil }
                var postCount = 0
                if gains {
                    // No post may enter the space between counting and re-positioning (a lock
                    // assigns no transaction id, so positions can still be taken after it).
                    try await conn.run("LOCK TABLE feed IN SHARE ROW EXCLUSIVE MODE", logger: logger)
                    let row = try await conn.firstRow("SELECT count(*)::int FROM feed WHERE space_id = \(spaceID)", logger: logger)
                    postCount = try row?.decode(Int.self) ?? 0
                }
                let n = changes.count + postCount
                let first = try await conn.firstRow("SELECT picnic_take_positions(\(Int32(n)))", logger: logger)!.decode(Int64.self)
                for (k, change) in changes.enumerated() {
                    if let role = change.role {
                        try await conn.run("""
                            INSERT INTO memberships (space_id, user_id, role) VALUES (\(spaceID), \(change.user), \(role.rawValue))
                            ON CONFLICT (space_id, user_id) DO UPDATE SET role = excluded.role
                            """, logger: logger)
                    } else {
                        try await conn.run("DELETE FROM memberships WHERE space_id = \(spaceID) AND user_id = \(change.user)", logger: logger)
                    }
                    try await conn.run("""
                        INSERT INTO access_changes (user_id, space_id, position) VALUES (\(change.user), \(spaceID), \(first + Int64(k)))
                        ON CONFLICT (user_id, space_id) DO UPDATE SET position = excluded.position
                        """, logger: logger)
                }
                if postCount > 0 {
                    let base = first + Int64(changes.count) - 1
                    try await conn.run("""
                        UPDATE feed f SET position = \(base) + r.n
                        FROM (SELECT post_id, row_number() OVER (ORDER BY position) AS n FROM feed WHERE space_id = \(spaceID)) r
                        WHERE f.post_id = r.post_id
                        """, logger: logger)
                }
                try await conn.run("SELECT pg_notify(\(FeedListener.channel), \(String(first + Int64(n) - 1)))", logger: logger)
                return .commit(first)
            }
            _ = first
            return try await members(conn, space: space)
        }
    }

    /// The members of a space.
    public func members(space: String) async throws -> [SpaceMember] {
        try await withSchema { conn in try await members(conn, space: space) }
    }

    func members(_ conn: PostgresConnection, space: String) async throws -> [SpaceMember] {
        guard try await conn.firstRow("SELECT 1 FROM spaces WHERE name = \(space)", logger: logger) != nil else {
            throw ServerFailure.badData("no space '\(space)'")
        }
        var out: [SpaceMember] = []
        let rows = try await conn.query("""
            SELECT u.name, m.role FROM memberships m JOIN users u ON u.id = m.user_id JOIN spaces s ON s.id = m.space_id
            WHERE s.name = \(space) ORDER BY u.name
            """, logger: logger)
        for try await (user, role) in rows.decode((String, String).self) {
            out.append(SpaceMember(user: user, role: APISpace.Role(rawValue: role) ?? .member))
        }
        return out
    }

    /// Every space with its visibility and member count (`space list`).
    public func listSpaces() async throws -> [(name: String, title: String, isPrivate: Bool, members: Int)] {
        try await withSchema { conn in
            var out: [(String, String, Bool, Int)] = []
            let rows = try await conn.query("""
                SELECT s.name, s.title, s.private, (SELECT count(*) FROM memberships m WHERE m.space_id = s.id)::int
                FROM spaces s ORDER BY s.name
                """, logger: logger)
            for try await row in rows.decode((String, String, Bool, Int).self) { out.append(row) }
            return out
        }
    }
}
