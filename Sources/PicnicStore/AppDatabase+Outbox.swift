import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// The entries of a community that are due now, oldest first (the order they must go in:
    /// a file before the post naming it, a question before its answer). Refused ones excluded.
    public func dueOutbox(community id: Int64, now: Date = Date()) throws -> [OutboxEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.outboxColumns) FROM outbox WHERE community = ? AND refused = 0 ORDER BY id",
                             arguments: [id]).map(Self.decodeOutbox)
                .filter { $0.nextAttempt <= now }
        }
    }

    /// Every entry of every community, refused ones included (for `community status`).
    public func outbox() throws -> [OutboxEntry] {
        try pool.read { db in
            guard try db.tableExists("outbox") else { return [] }
            return try Row.fetchAll(db, sql: "SELECT \(Self.outboxColumns) FROM outbox ORDER BY id").map(Self.decodeOutbox)
        }
    }

    /// The entry was delivered: it leaves the outbox and the post the server returned (if any)
    /// is stored as the server has it, in the same transaction.
    public func outboxDelivered(_ entry: OutboxEntry, post: SyncedPost?) throws {
        try write { db in
            // Unless it was written again meanwhile (a newer vote, an edit): then that one still goes.
            try db.execute(sql: "DELETE FROM outbox WHERE id = ? AND created = ?", arguments: [entry.id, entry.created.timeIntervalSince1970])
            guard let post, let community = try Self.community(entry.community, db), community.isActive else { return }
            var pull = try CommunityPull(community: community, db: db)
            pull.confirming = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE community = ? AND op = 'post' AND target = ?",
                                               arguments: [entry.community, post.uuid.apiKey]) == 0
            try pull.apply([.post(post)])
        }
    }

    /// The entry could not be sent now (network, 5xx, 429): try again at `retryAt`.
    public func outboxDeferred(_ entry: OutboxEntry, error: String, retryAt: Date) throws {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET attempts = attempts + 1, next_attempt = ?, last_error = ? WHERE id = ?",
                           arguments: [retryAt.timeIntervalSince1970, error, entry.id])
        }
    }

    /// The server refused the entry: it stays, marked, for the person to see once and copy; a
    /// refused post is marked refused (its text kept).
    public func outboxRefused(_ entry: OutboxEntry, error: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE outbox SET refused = 1, last_error = ?, attempts = attempts + 1 WHERE id = ?",
                           arguments: [error, entry.id])
            if entry.op == .post {
                try db.execute(sql: """
                    UPDATE community_posts SET state = 'refused'
                     WHERE post_id = (SELECT id FROM posts WHERE source = ? AND source_id = ?)
                    """, arguments: [Community.source(entry.community), entry.target])
            }
        }
    }

    /// Refusals not yet told, now marked told: each is shown once.
    public func takeRefusals() throws -> [OutboxEntry] {
        try write { db in
            guard try db.tableExists("outbox") else { return [] }
            let entries = try Row.fetchAll(db, sql: "SELECT \(Self.outboxColumns) FROM outbox WHERE refused = 1 ORDER BY id")
                .map(Self.decodeOutbox)
            try db.execute(sql: "UPDATE outbox SET refused = 2 WHERE refused = 1")
            return entries
        }
    }

    /// Forgets a refused entry (the person copied what they needed).
    public func dismissRefusal(_ id: Int64) throws {
        try write { db in try db.execute(sql: "DELETE FROM outbox WHERE id = ? AND refused > 0", arguments: [id]) }
    }

    /// A post's row for the sender: what to PUT, read fresh at send time (a local edit wins).
    public func postForSending(community id: Int64, uuid: String) throws
        -> (post: Post, parent: String?, questionTitle: String?, file: SyncedFile?)? {
        try pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(PostRow.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")),
                       (SELECT source_id FROM posts q WHERE q.id = p.parent), c.file,
                       (SELECT title FROM posts q WHERE q.id = p.parent)
                  FROM posts p LEFT JOIN community_posts c ON c.post_id = p.id
                 WHERE p.source = ? AND p.source_id = ?
                """, arguments: [Community.source(id), uuid]) else { return nil }
            let file = (row[15] as String?).flatMap { try? JSONDecoder().decode(SyncedFile.self, from: Data($0.utf8)) }
            return (PostRow.decode(row), row[14], row[16], file)
        }
    }

    static let outboxColumns = "id, community, op, target, body, created, attempts, next_attempt, last_error, refused"

    static func decodeOutbox(_ row: Row) -> OutboxEntry {
        OutboxEntry(id: row[0], community: row[1], op: OutboxOp(rawValue: row[2]) ?? .post, target: row[3], body: row[4],
                    created: Date(timeIntervalSince1970: row[5]), attempts: row[6],
                    nextAttempt: Date(timeIntervalSince1970: row[7]), lastError: row[8], refused: (row[9] as Int) > 0)
    }
}
