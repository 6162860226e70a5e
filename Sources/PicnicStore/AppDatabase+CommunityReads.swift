import Foundation
import GRDB
import PicnicCore

/// A question this person asked from a task (linked locally; the task never leaves the machine).
public struct AskedQuestion: Equatable, Sendable {
    public var post: Post
    public var answers: Int
    /// Answers by others not yet seen.
    public var newAnswers: Int
    public var state: CommunityPostState
    public var asked: Date
    /// The accepted answer's local id.
    public var acceptedAnswer: Int64?
}

extension AppDatabase {
    /// The community side of a post, or nil for a local post.
    public func communityInfo(post id: Int64) throws -> CommunityPostInfo? {
        try pool.read { db in try Self.communityInfo(id, db) }
    }

    /// The counts for a status line (zeros and `communities == 0` when none is joined).
    public func communitySummary() throws -> CommunitySummary {
        try pool.read { db in
            var s = CommunitySummary()
            guard try db.tableExists("communities") else { return s }
            guard let row = try Row.fetchOne(db, sql: Self.summarySQL) else { return s }
            s.communities = row[0]
            s.offline = (row[1] as Int) > 0
            s.toSend = row[2]
            s.refusedUntold = row[3]
            s.newAnswers = row[4]
            s.couldAnswer = row[5]
            return s
        }
    }

    /// One statement, every count from a small table or the partial attention index.
    static let summarySQL = """
        SELECT (SELECT count(*) FROM communities WHERE left IS NULL),
               (SELECT count(*) FROM communities WHERE left IS NULL AND offline_since IS NOT NULL),
               (SELECT count(*) FROM outbox WHERE refused = 0),
               (SELECT count(*) FROM outbox WHERE refused = 1),
               (SELECT count(*) FILTER (WHERE attention & 1) FROM community_posts WHERE attention > 0),
               (SELECT count(*) FILTER (WHERE attention & 2) FROM community_posts WHERE attention > 0)
        """

    /// The questions asked from a task, newest first, with their answers counted.
    public func askedQuestions(task: UUID) throws -> [AskedQuestion] {
        try pool.read { db in
            guard try db.tableExists("task_threads") else { return [] }
            let columns = PostRow.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(columns), t.at, coalesce(c.state, 'synced'),
                       (SELECT count(*) FROM posts a WHERE a.parent = p.id),
                       (SELECT count(*) FROM posts a JOIN community_posts ca ON ca.post_id = a.id
                         WHERE a.parent = p.id AND ca.attention & 1),
                       (SELECT a.id FROM posts a WHERE a.parent = p.id AND a.accepted LIMIT 1)
                  FROM task_threads t JOIN posts p ON p.id = t.post_id LEFT JOIN community_posts c ON c.post_id = p.id
                 WHERE t.task_uuid = ? AND t.relation = 'asked'
                 ORDER BY t.at DESC
                """, arguments: [task.uuidString.lowercased()]).map { row in
                AskedQuestion(post: PostRow.decode(row), answers: row[16], newAnswers: row[17],
                              state: CommunityPostState(rawValue: row[15]) ?? .synced,
                              asked: Date(timeIntervalSince1970: row[14]), acceptedAnswer: row[18])
            }
        }
    }

    /// The questions asked from any of `tasks`, by task (tasks without one are absent).
    public func askedQuestions(tasks: [UUID]) throws -> [UUID: [AskedQuestion]] {
        let linked: Set<String> = try pool.read { db in
            guard try db.tableExists("task_threads") else { return [] }
            return Set(try String.fetchAll(db, sql: "SELECT DISTINCT task_uuid FROM task_threads WHERE relation = 'asked'"))
        }
        var out: [UUID: [AskedQuestion]] = [:]
        for task in tasks where linked.contains(task.uuidString.lowercased()) {
            let questions = try askedQuestions(task: task)
            if !questions.isEmpty { out[task] = questions }
        }
        return out
    }

    /// Links a question to the task it was asked from (local only). For a question asked before
    /// any community was joined, or with `--local`.
    public func linkQuestion(_ post: Int64, toTask task: UUID, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO task_threads (task_uuid, relation, post_id, at) VALUES (?, 'asked', ?, ?)",
                           arguments: [task.uuidString.lowercased(), post, now.timeIntervalSince1970])
        }
    }

    /// Records that a thread was opened while working on a task ("what helped?" offers these).
    public func recordOpened(thread root: Int64, task: UUID, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO task_threads (task_uuid, relation, post_id, at) VALUES (?, 'opened', ?, ?)",
                           arguments: [task.uuidString.lowercased(), root, now.timeIntervalSince1970])
        }
    }

    /// The threads opened for a task, most recent first (own questions left out).
    public func openedThreads(task: UUID) throws -> [Post] {
        try pool.read { db in
            let columns = PostRow.columns.split(separator: ",").map { "p." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            return try Row.fetchAll(db, sql: """
                SELECT \(columns) FROM task_threads t JOIN posts p ON p.id = t.post_id
                 WHERE t.task_uuid = ? AND t.relation = 'opened'
                   AND p.id NOT IN (SELECT post_id FROM task_threads WHERE task_uuid = t.task_uuid AND relation = 'asked')
                 ORDER BY t.at DESC
                """, arguments: [task.uuidString.lowercased()]).map(PostRow.decode)
        }
    }

    /// Marks a thread's answers as seen (the reader showed them). Returns how many were new.
    @discardableResult
    public func markSeen(thread root: Int64) throws -> Int {
        try write { db in
            try db.execute(sql: """
                UPDATE community_posts SET attention = attention & ~1
                 WHERE attention & 1 AND post_id IN (SELECT id FROM posts WHERE parent = ? OR id = ?)
                """, arguments: [root, root])
            return db.changesCount
        }
    }

    /// Of `threads`, the ones that must not count as help for `task`: the questions asked from
    /// it, and this person's own questions that nobody has answered yet.
    public func ownQuestions(among threads: [Int64], task: UUID?) throws -> Set<Int64> {
        guard !threads.isEmpty else { return [] }
        return try pool.read { db in try Self.ownQuestions(among: threads, task: task, db) }
    }

    static func ownQuestions(among threads: [Int64], task: UUID?, _ db: Database) throws -> Set<Int64> {
        // One cached statement of a fixed shape (the ids as a JSON array): the matcher's path.
        guard let statement = try? db.cachedStatement(sql: ownQuestionsSQL) else { return [] }   // a store without v6
        let ids = "[" + threads.map(String.init).joined(separator: ",") + "]"
        return Set(try Int64.fetchAll(statement, arguments: [task?.uuidString.lowercased() ?? "", ids, ids]))
    }

    static let ownQuestionsSQL = """
        SELECT post_id FROM task_threads WHERE task_uuid = ? AND relation = 'asked'
           AND post_id IN (SELECT value FROM json_each(?))
        UNION
        SELECT c.post_id FROM community_posts c JOIN posts p ON p.id = c.post_id
         WHERE c.post_id IN (SELECT value FROM json_each(?)) AND c.mine AND p.kind = 'question'
           AND NOT EXISTS (SELECT 1 FROM posts a WHERE a.parent = p.id AND a.author <> p.author)
        """

    static func communityInfo(_ id: Int64, _ db: Database) throws -> CommunityPostInfo? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.post_id, c.community, p.source_id, p.kind, c.version, c.helped, c.my_vote, c.my_helped,
                   (SELECT a.id FROM posts a WHERE a.source = p.source AND a.source_id = c.accepted_answer),
                   c.answers, c.mine, c.state, c.file, c.attention
              FROM community_posts c JOIN posts p ON p.id = c.post_id WHERE c.post_id = ?
            """, arguments: [id]), let uuid = UUID(uuidString: row[2]) else { return nil }
        return CommunityPostInfo(postID: row[0], community: row[1], uuid: uuid, kind: PostKind(rawValue: row[3]) ?? .question,
                                 version: row[4], helped: row[5], myVote: row[6], myHelped: row[7], acceptedAnswer: row[8],
                                 answers: row[9], mine: row[10], state: CommunityPostState(rawValue: row[11]) ?? .synced,
                                 file: (row[12] as String?).flatMap { try? JSONDecoder().decode(SyncedFile.self, from: Data($0.utf8)) },
                                 unseen: ((row[13] as Int) & 1) != 0)
    }
}

extension AppDatabase {
    /// This person's post of a community that shares the file with this hash, if any.
    public func communityFilePost(community id: Int64, sha256: String) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT c.post_id FROM community_posts c
                 WHERE c.community = ? AND c.mine AND json_extract(c.file, '$.sha256') = ? LIMIT 1
                """, arguments: [id, sha256.lowercased()])
        }
    }
}
