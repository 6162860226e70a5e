import Foundation
import GRDB
import PicnicCore

/// The last match computed for a task, as `picnic status` reads it without running the matcher.
public struct MatchCacheEntry: Codable, Equatable, Sendable {
    public var taskUUID: UUID
    /// The task's `modified` when the match ran: a newer task edit means the entry is stale.
    public var taskModified: Date
    public var bestConfidence: Double
    public var strongCount: Int
    public var computedAt: Date
    public var topPostIDs: [Int64]

    /// Whether the entry still describes `task` (it has not been edited since).
    public func isCurrent(for task: WorkTask) -> Bool {
        task.uuid == taskUUID && abs(task.modified.timeIntervalSince(taskModified)) < 0.001
    }
}

extension AppDatabase {
    /// Records the outcome of a match for `task` (called by `match(task:)`).
    public func recordMatch(task: WorkTask, result: [ThreadMatch], now: Date = Date()) throws {
        let ids = "[" + result.map { String($0.post.id) }.joined(separator: ",") + "]"
        let best = result.map(\.confidence).max() ?? 0
        let strong = result.filter(\.strong).count
        try write { db in
            // With the task's current status, wait and freshness (the mirror `picnic status` counts,
            // see `StatusSchema.v3`); `WHERE true` keeps SQLite from reading ON CONFLICT as a join.
            try db.execute(sql: """
                INSERT INTO match_cache (task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids,
                                         task_status, task_wait, current)
                SELECT :uuid, :modified, :best, :strong, :now, :ids, t.status, t.wait, :modified >= t.modified
                  FROM (SELECT 1) LEFT JOIN tasks t ON t.uuid = :uuid WHERE true
                ON CONFLICT (task_uuid) DO UPDATE SET task_modified = excluded.task_modified,
                    best_confidence = excluded.best_confidence, strong_count = excluded.strong_count,
                    computed_at = excluded.computed_at, top_post_ids = excluded.top_post_ids,
                    task_status = excluded.task_status, task_wait = excluded.task_wait, current = excluded.current
                """, arguments: ["uuid": task.uuid.uuidString.lowercased(), "modified": task.modified.timeIntervalSince1970,
                                 "best": best, "strong": strong, "now": now.timeIntervalSince1970, "ids": ids])
        }
    }

    /// The cached match outcome of one task, if any.
    public func matchCache(taskUUID: UUID) throws -> MatchCacheEntry? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(MatchCacheRow.columns) FROM match_cache WHERE task_uuid = ?",
                             arguments: [taskUUID.uuidString.lowercased()]).flatMap(MatchCacheRow.decode)
        }
    }

    /// Every cached outcome with at least one strong match ("strong help waiting"), strongest first.
    /// Callers compare `taskModified` with the task to drop stale entries (`isCurrent(for:)`).
    public func strongMatchCache() throws -> [MatchCacheEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(MatchCacheRow.columns) FROM match_cache WHERE strong_count > 0 ORDER BY best_confidence DESC
                """).compactMap(MatchCacheRow.decode)
        }
    }
}

enum MatchCacheRow {
    static let columns = "task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids"

    static func decode(_ row: Row) -> MatchCacheEntry? {
        guard let uuid = UUID(uuidString: row[0]) else { return nil }
        let ids = (try? JSONDecoder().decode([Int64].self, from: Data((row[5] as String).utf8))) ?? []
        return MatchCacheEntry(taskUUID: uuid, taskModified: Date(timeIntervalSince1970: row[1]),
                               bestConfidence: row[2], strongCount: row[3],
                               computedAt: Date(timeIntervalSince1970: row[4]), topPostIDs: ids)
    }
}
