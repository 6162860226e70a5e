import Foundation
import GRDB
import PicnicCore

/// One stored verdict.
public struct FeedbackEntry: Codable, Equatable, Sendable {
    public var taskUUID: UUID
    public var postID: Int64
    public var verdict: FeedbackVerdict
    public var created: Date
}

extension AppDatabase {
    /// Records (or, with `nil`, clears) a verdict on a thread for a task, as one undoable change
    /// (`picnic undo` / `u` restores the previous verdict), and returns the verdict it replaced.
    /// An answer's id stands for its thread. The task's terms are kept, so "helpful" also lifts
    /// the thread for similar tasks. Throws `.usage` when there is no such post.
    @discardableResult
    public func setFeedback(task: WorkTask, postID: Int64, verdict: FeedbackVerdict?,
                            now: Date = Date()) throws -> FeedbackVerdict? {
        let terms = MatchQuery(task: task).stems.joined(separator: " ")
        // Named by its title, as people see it (TaskWords' quotes), else by its number.
        let title = try read { db in try String.fetchOne(db, sql: "SELECT title FROM posts WHERE id = ?", arguments: [postID]) }
        let post = title.flatMap { $0.isEmpty ? nil : TaskWords.quoted($0) } ?? "post \(postID)"
        let label: String
        switch verdict {
        case .helpful: label = "marked \(post) helpful"
        case .hidden: label = "hid \(post) for this task"
        case nil: label = "cleared the mark on \(post)"
        }
        return try writeChange(label) { db in
            try Self.setFeedback(taskUUID: task.uuid, terms: terms, postID: postID, verdict: verdict, now: now, db)
        }
    }

    /// `setFeedback` inside a caller's transaction (for the undo journal and for importers).
    static func setFeedback(taskUUID: UUID, terms: String, postID: Int64, verdict: FeedbackVerdict?,
                            now: Date, _ db: Database) throws -> FeedbackVerdict? {
        guard let root = try ThreadIndex.root(of: postID, db) else {
            throw PicnicError.usage("no post \(postID)")
        }
        let key = taskUUID.uuidString.lowercased()
        let previous = try String.fetchOne(db, sql: "SELECT verdict FROM feedback WHERE task_uuid = ? AND post_id = ?",
                                           arguments: [key, root]).flatMap(FeedbackVerdict.init(rawValue:))
        if let verdict {
            try db.execute(sql: """
                INSERT INTO feedback (task_uuid, post_id, verdict, terms, created) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (task_uuid, post_id) DO UPDATE SET verdict = excluded.verdict,
                    terms = excluded.terms, created = excluded.created
                """, arguments: [key, root, verdict.rawValue, terms, now.timeIntervalSince1970])
        } else {
            try db.execute(sql: "DELETE FROM feedback WHERE task_uuid = ? AND post_id = ?", arguments: [key, root])
        }
        return previous
    }

    /// The verdicts given for a task, newest first.
    public func feedback(taskUUID: UUID) throws -> [FeedbackEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT post_id, verdict, created FROM feedback WHERE task_uuid = ? ORDER BY created DESC, post_id
                """, arguments: [taskUUID.uuidString.lowercased()]).compactMap { row in
                guard let v = FeedbackVerdict(rawValue: row[1]) else { return nil }
                return FeedbackEntry(taskUUID: taskUUID, postID: row[0], verdict: v,
                                     created: Date(timeIntervalSince1970: row[2]))
            }
        }
    }
}

/// The feedback that bears on one match run.
struct FeedbackLookup {
    var helpfulHere = Set<Int64>()
    var hidden = Set<Int64>()
    /// Threads found helpful for other tasks, with the best similarity of those tasks to this one.
    var similar: [Int64: Double] = [:]

    /// Similarity (Jaccard over stems) from which another task counts as similar.
    static let similarFrom = 0.3

    init(taskUUID: UUID?, query: MatchQuery, _ db: Database) throws {
        let key = taskUUID?.uuidString.lowercased() ?? ""
        if taskUUID != nil {
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT post_id, verdict FROM feedback WHERE task_uuid = ?"),
                                        arguments: [key]) {
                let id: Int64 = row[0]
                if row[1] as String == FeedbackVerdict.hidden.rawValue { hidden.insert(id) } else { helpfulHere.insert(id) }
            }
        }
        let mine = Set(query.stems)
        guard !mine.isEmpty else { return }
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT post_id, terms FROM feedback WHERE verdict = 'helpful' AND task_uuid <> ?
            """), arguments: [key])
        while let row = try rows.next() {
            let terms = Set((row[1] as String).split(separator: " ").map(String.init))
            let union = mine.union(terms).count
            guard union > 0 else { continue }
            let sim = Double(mine.intersection(terms).count) / Double(union)
            let id: Int64 = row[0]
            if sim >= Self.similarFrom, sim > similar[id] ?? 0 { similar[id] = sim }
        }
    }
}
