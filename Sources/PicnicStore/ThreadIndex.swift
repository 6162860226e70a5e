import Foundation
import GRDB
import PicnicCore

/// Keeps `posts_fts` (one row per thread) and `posts_title` (its title) in step with `posts`, and
/// reads their statistics.
///
/// Both indexes need the old text to remove a row (external content, contentless), so every
/// change to a thread goes: `unindex(root)` (reads the current text from `post_threads` and
/// `posts`), change `posts`, `index(root)`. All within the caller's transaction.
enum ThreadIndex {
    /// Removes the thread's index row. `counts` gathers the change to `posts_df` for the caller to
    /// apply; without it the change is applied at once.
    static func unindex(_ root: Int64, _ db: Database, counts: DocumentFrequencyChanges? = nil) throws {
        try count(root, -1, counts, db)
        try db.cachedStatement(sql: """
            INSERT INTO posts_fts(posts_fts, rowid, title, body, answers, tags)
            SELECT 'delete', id, title, body, answers, tags FROM post_threads WHERE id = ?
            """).execute(arguments: [root])
        try db.cachedStatement(sql: """
            INSERT INTO posts_title(posts_title, rowid, title)
            SELECT 'delete', id, title FROM posts WHERE id = ? AND parent IS NULL
            """).execute(arguments: [root])
    }

    /// Indexes the thread as `post_threads` gives it now (nothing when `root` is not a root).
    static func index(_ root: Int64, _ db: Database, counts: DocumentFrequencyChanges? = nil) throws {
        try db.cachedStatement(sql: """
            INSERT INTO posts_fts(rowid, title, body, answers, tags)
            SELECT id, title, body, answers, tags FROM post_threads WHERE id = ?
            """).execute(arguments: [root])
        try db.cachedStatement(sql: """
            INSERT INTO posts_title(rowid, title) SELECT id, title FROM posts WHERE id = ? AND parent IS NULL
            """).execute(arguments: [root])
        try count(root, 1, counts, db)
    }

    private static func count(_ root: Int64, _ sign: Int, _ counts: DocumentFrequencyChanges?, _ db: Database) throws {
        let changes = counts ?? DocumentFrequencyChanges()
        try changes.add(thread: root, sign: sign, db)
        if counts == nil { try changes.apply(db) }
    }

    /// A thread's indexed text, as `post_threads` would give it.
    struct Document {
        var title: String
        var body: String
        var tags: [String]
        var answers: [String] = []

        /// The `answers` column as `post_threads` builds it: one answer a line, in id order.
        var answersColumn: String { answers.joined(separator: "\n") }
        /// The `tags` column as `post_threads` builds it: space-separated, in order.
        var tagsColumn: String { tags.joined(separator: " ") }
    }

    /// Indexes a thread from text in hand. Must yield the same tokens as `post_threads` (answers
    /// "title body" in id order, tags in order), or a later `unindex` would not match.
    static func index(_ root: Int64, _ d: Document, _ db: Database, counts: DocumentFrequencyChanges? = nil) throws {
        try db.cachedStatement(sql: "INSERT INTO posts_fts(rowid, title, body, answers, tags) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [root, d.title, d.body, d.answersColumn, d.tagsColumn])
        try db.cachedStatement(sql: titleInsertSQL).execute(arguments: [root, d.title])
        let changes = counts ?? DocumentFrequencyChanges()
        try changes.add(d, sign: 1, db)
        if counts == nil { try changes.apply(db) }
    }

    /// Adds a thread's title to `posts_title` (bound: root id, title).
    static let titleInsertSQL = "INSERT INTO posts_title(rowid, title) VALUES (?, ?)"

    /// Merges each index into one segment. A term query seeks the term once per segment, and
    /// big imports leave several.
    static func compact(_ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO posts_fts(posts_fts) VALUES ('optimize');
            INSERT INTO posts_title(posts_title) VALUES ('optimize');
            """)
    }

    /// The thread a post belongs to: its parent, or itself for a root. Nil when the post is absent.
    static func root(of id: Int64, _ db: Database) throws -> Int64? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT parent FROM posts WHERE id = ?"),
                                         arguments: [id]) else { return nil }
        let parent: Int64? = row[0]
        return parent ?? id
    }

    /// Whether `id` is a root post (exists and has no parent).
    static func isRoot(_ id: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT parent IS NULL FROM posts WHERE id = ?"),
                          arguments: [id]) ?? false
    }

    /// Thread count and average column lengths, read from FTS5's own totals record (O(1),
    /// always in step) instead of counting rows.
    static func stats(_ db: Database) throws -> CorpusStats {
        let fields: [MatchField] = [.title, .body, .answers, .tags]
        if let blob = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM posts_fts_data WHERE id = 1")),
           let values = decodeVarints(blob, count: 1 + fields.count) {
            let rows = Int(values[0])
            var avg: [MatchField: Double] = [:]
            for (i, f) in fields.enumerated() {
                avg[f] = rows > 0 ? Double(values[i + 1]) / Double(rows) : 1
            }
            return CorpusStats(threads: rows, averageLength: avg)
        }
        let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts WHERE parent IS NULL") ?? 0
        return CorpusStats(threads: rows, averageLength: [:])
    }

    /// SQLite varints (big-endian, 7 bits a byte, the 9th byte whole).
    static func decodeVarints(_ data: Data, count: Int) -> [UInt64]? {
        var out: [UInt64] = []
        var i = data.startIndex
        while out.count < count {
            var v: UInt64 = 0
            var n = 0
            while true {
                guard i < data.endIndex else { return nil }
                let byte = data[i]
                i += 1
                n += 1
                if n == 9 {
                    v = (v << 8) | UInt64(byte)
                    break
                }
                v = (v << 7) | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 { break }
            }
            out.append(v)
        }
        return out
    }

    /// Threads containing each stem (terms are porter stems), from `posts_df`: FTS5's own
    /// `posts_fts_vocab` figures, kept at write time (see `DocumentFrequencyChanges`).
    static func documentFrequencies(_ stems: [String], _ db: Database) throws -> [String: Int] {
        let statement = try db.cachedStatement(sql: "SELECT doc FROM posts_df WHERE term = ?")
        var out: [String: Int] = [:]
        for s in stems where out[s] == nil {
            out[s] = try Int.fetchOne(statement, arguments: [s]) ?? 0
        }
        return out
    }
}
