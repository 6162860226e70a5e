import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// Records a joined community (or refreshes one joined before with the same URL and user: a
    /// new token, new spaces, back from `leave`). Returns it with its position kept.
    @discardableResult
    public func joinCommunity(url: String, name: String, server: String, userName: String, displayName: String,
                              spaces: [CommunitySpace], head: Int64, tokenID: String, caFile: String?,
                              now: Date = Date()) throws -> Community {
        try write { db in
            let spacesJSON = Self.encodeSpaces(spaces)
            if let id = try Int64.fetchOne(db, sql: "SELECT id FROM communities WHERE url = ? AND user_name = ?",
                                           arguments: [url, userName]) {
                try db.execute(sql: """
                    UPDATE communities SET name = ?, server = ?, display_name = ?, spaces = ?, token_id = ?, ca_file = ?,
                           head = max(head, ?), left = NULL, offline_since = NULL, last_error = NULL WHERE id = ?
                    """, arguments: [name, server, displayName, spacesJSON, tokenID, caFile, head, id])
                return try Self.community(id, db)!
            }
            try db.execute(sql: """
                INSERT INTO communities (url, name, server, user_name, display_name, spaces, token_id, ca_file, head, joined)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [url, name, server, userName, displayName, spacesJSON, tokenID, caFile, head,
                                 now.timeIntervalSince1970])
            return try Self.community(db.lastInsertedRowID, db)!
        }
    }

    /// The communities of this store, oldest first; left ones only with `includeLeft`.
    public func communities(includeLeft: Bool = false) throws -> [Community] {
        try pool.read { db in
            guard try db.tableExists("communities") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT \(Self.communityColumns) FROM communities"
                                        + (includeLeft ? "" : " WHERE left IS NULL") + " ORDER BY id")
                .map(Self.decodeCommunity)
        }
    }

    /// One community by id.
    public func community(id: Int64) throws -> Community? {
        try pool.read { db in try Self.community(id, db) }
    }

    /// Leaves a community: it stops syncing and its posts stay as read-only history, or, with
    /// `forget`, it and everything synced from it are removed (posts, their index rows, the
    /// outbox). Returns how many posts were removed.
    @discardableResult
    public func leaveCommunity(id: Int64, forget: Bool, now: Date = Date()) throws -> Int {
        try write { db in
            guard try Self.community(id, db) != nil else { throw PicnicError.usage("no community \(id)") }
            guard forget else {
                try db.execute(sql: "UPDATE communities SET left = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, id])
                try db.execute(sql: "DELETE FROM outbox WHERE community = ?", arguments: [id])
                try db.execute(sql: "UPDATE community_posts SET attention = 0 WHERE community = ? AND attention > 0", arguments: [id])
                return 0
            }
            let removed = try Self.removePosts(db, whereSQL: "source = ?", [Community.source(id)])
            try db.execute(sql: "DELETE FROM communities WHERE id = ?", arguments: [id])
            return removed
        }
    }

    /// Notes that the server could not be reached (or refused) just now, keeping the time it
    /// first went away; a state change only, so the status line can say "offline".
    public func recordSyncFailure(community id: Int64, message: String, offline: Bool, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE communities SET last_error = ?,
                       offline_since = CASE WHEN ? THEN coalesce(offline_since, ?) ELSE NULL END WHERE id = ?
                """, arguments: [message, offline, now.timeIntervalSince1970, id])
        }
    }

    /// Notes that the server answered (clears "offline") and, when given, its head.
    public func recordSyncContact(community id: Int64, head: Int64? = nil, spaces: [CommunitySpace]? = nil) throws {
        try write { db in
            try db.execute(sql: """
                UPDATE communities SET offline_since = NULL, last_error = NULL, head = max(head, coalesce(?, head)),
                       spaces = coalesce(?, spaces) WHERE id = ?
                """, arguments: [head, spaces.map(Self.encodeSpaces), id])
        }
    }

    /// Deletes the posts matching `whereSQL` (and their answers) with the index kept in step:
    /// roots first unindexed, then rows deleted, surviving threads indexed again.
    static func removePosts(_ db: Database, whereSQL: String, _ arguments: StatementArguments) throws -> Int {
        let rows = try Row.fetchAll(db, sql: "SELECT id, parent FROM posts WHERE \(whereSQL)", arguments: arguments)
        guard !rows.isEmpty else { return 0 }
        let ids = Set(rows.map { $0[0] as Int64 })
        var roots = Set<Int64>()
        for row in rows { roots.insert((row[1] as Int64?) ?? row[0]) }
        let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") ?? 0
        let counts = DocumentFrequencyChanges()
        for root in roots.sorted() { try ThreadIndex.unindex(root, db, counts: counts) }
        for id in ids.sorted() { try db.execute(sql: "DELETE FROM posts WHERE id = ?", arguments: [id]) }
        for root in roots.sorted() where try ThreadIndex.isRoot(root, db) { try ThreadIndex.index(root, db, counts: counts) }
        try counts.apply(db)
        return before - (try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") ?? 0)
    }

    static let communityColumns = """
        id, url, name, server, user_name, display_name, spaces, token_id, ca_file, position, head, joined,
        last_sync, offline_since, last_error, left
        """

    static func community(_ id: Int64, _ db: Database) throws -> Community? {
        try Row.fetchOne(db, sql: "SELECT \(communityColumns) FROM communities WHERE id = ?", arguments: [id]).map(decodeCommunity)
    }

    static func decodeCommunity(_ row: Row) -> Community {
        func date(_ i: Int) -> Date? { (row[i] as Double?).map { Date(timeIntervalSince1970: $0) } }
        return Community(id: row[0], url: row[1], name: row[2], server: row[3], userName: row[4], displayName: row[5],
                         spaces: decodeSpaces(row[6]), tokenID: row[7], caFile: row[8], position: row[9], head: row[10],
                         joined: Date(timeIntervalSince1970: row[11]), lastSync: date(12), offlineSince: date(13),
                         lastError: row[14], left: date(15))
    }

    static func encodeSpaces(_ spaces: [CommunitySpace]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(spaces)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func decodeSpaces(_ text: String) -> [CommunitySpace] {
        (try? JSONDecoder().decode([CommunitySpace].self, from: Data(text.utf8))) ?? []
    }
}
