import Foundation
import GRDB
import PicnicCore

/// Writes many posts inside the caller's transaction with `posts_fts` and `posts_title` kept in step: the hot path
/// of every import (`AppDatabase.importPosts`, `importSource`).
///
/// New rows go through one statement bound with SQLite's C API. A thread this writer creates is
/// indexed once, from memory, when it is complete (`flushCompleteThreads`, `finish`); a thread
/// that already had an index row is unindexed before its first change and indexed again from
/// `post_threads` by `finish`. When a source's stored ids were handed over (`preload`), finding
/// a parent or an existing post by source id never queries the store.
final class PostBulkWriter {
    typealias Ref = (id: Int64, root: Int64)

    private let db: Database
    private let insert: RawStatement
    private let indexFresh: RawStatement
    private let indexTitle: RawStatement
    /// Source ids met so far, by source: this writer's posts, and the stored ones of preloaded sources.
    private var known: [String: [String: Ref]] = [:]
    /// Sources whose every stored post is in `known`: a miss there means "not stored".
    private var preloaded: Set<String> = []
    /// Roots whose index row is currently removed; indexed again by `finish`.
    private var open = Set<Int64>()
    /// Threads created by this writer and not yet indexed.
    private var fresh: [Int64: ThreadIndex.Document] = [:]
    /// The most recent fresh root: its replies may still come.
    private var lastFresh: Int64?
    private var position = 0
    /// Changes to `posts_df` (threads per stem), written by `finish`.
    private let counts = DocumentFrequencyChanges()
    /// The index buffer was raised for this batch (put back by `finish`).
    private var bigBatch = false
    /// Threads this writer indexed from memory (new threads).
    private var freshThreads = 0
    private(set) var summary = PostImportSummary()

    /// Runs `body` with a new writer and returns its summary once every thread is indexed.
    ///
    /// For the length of it SQLite skips CHECK constraints: the only one on `posts` is `kind IN
    /// (…)`, which every `PostKind` satisfies by construction, and evaluating it makes SQLite
    /// build a temporary b-tree of the list for every row (a third of the insert's cost).
    static func run(_ db: Database, _ body: (PostBulkWriter) throws -> Void) throws -> PostImportSummary {
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
        let writer = try PostBulkWriter(db)
        try body(writer)
        return try writer.finish()
    }

    private init(_ db: Database) throws {
        self.db = db
        insert = try RawStatement(db, PostRow.insertSQL)
        indexFresh = try RawStatement(db, "INSERT INTO posts_fts(rowid, title, body, answers, tags) VALUES (?, ?, ?, ?, ?)")
        indexTitle = try RawStatement(db, ThreadIndex.titleInsertSQL)
    }

    /// Hands over every stored post of `source` (source id → id and thread root).
    func preload(source: String, _ stored: [String: Ref]) {
        known[source, default: [:]].merge(stored) { new, _ in new }
        preloaded.insert(source)
    }

    private func lookup(_ source: String, _ sid: String) throws -> Ref? {
        if let hit = known[source]?[sid] { return hit }
        if preloaded.contains(source) { return nil }
        guard let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, coalesce(parent, id) FROM posts WHERE source = ? AND source_id = ?"),
            arguments: [source, sid]) else { return nil }
        return (row[0], row[1])
    }

    private func openThread(_ root: Int64) throws {
        if open.insert(root).inserted { try ThreadIndex.unindex(root, db, counts: counts) }
    }

    /// Writes `items` in order. Any error names the post by its position and source id.
    func write(_ items: [PostImport]) throws {
        if position == 0 {
            // A batch as big as the store (in posts against threads: the index is about 2.5
            // times the store's posts' text) is cheaper to count afresh from FTS5's vocabulary
            // once it is written than word by word here.
            let threads = try ThreadIndex.stats(db).threads
            if items.count >= threads { counts.recountAll() }
            // A big batch: FTS5 keeps more postings in memory before writing a segment, so the
            // index ends in a few big segments (each term query seeks once per segment).
            if items.count > 2000 {
                try AppDatabase.setIndexBuffer(AppDatabase.bulkIndexBuffer, db)
                bigBatch = true
            }
        }
        for item in items {
            position += 1
            try write(item)
        }
    }

    private func label(_ p: Post) -> String {
        "post \(position)" + (p.sourceID.map { " (\(p.source ?? "")/\($0))" } ?? "")
    }

    private func write(_ item: PostImport) throws {
        var p = item.post
        p.tags = PostRow.normalizedTags(p.tags)
        if let psid = item.parentSourceID {
            guard let parent = try lookup(p.source ?? "", psid) else {
                throw PicnicError.data("\(label(p)): parent \(psid) not found")
            }
            p.parent = parent.root
        } else if let parent = p.parent {
            guard let root = try ThreadIndex.root(of: parent, db) else {
                throw PicnicError.data("\(label(p)): parent post \(parent) not found")
            }
            p.parent = root
        }
        if p.parent == nil && !Self.hasText(p.title) {
            throw PicnicError.data("\(label(p)): a post needs a title (only answers may go without)")
        }
        var existing: Ref?
        if let source = p.source, let sid = p.sourceID { existing = try lookup(source, sid) }
        if let old = existing {
            if p.parent == old.id { throw PicnicError.data("\(label(p)): a post cannot answer itself") }
            // An update to a thread made by this writer: index it the slow, sure way.
            for id in [old.root, p.parent ?? old.id] where fresh.removeValue(forKey: id) != nil { open.insert(id) }
            p.id = old.id
            try openThread(old.root)
            if let parent = p.parent { try openThread(parent) } else { try openThread(old.id) }
            var args = PostRow.arguments(p)
            args += [p.id]
            try db.cachedStatement(sql: PostRow.updateSQL).execute(arguments: args)
            summary.updated += 1
        } else {
            if let parent = p.parent {
                if fresh[parent] != nil { fresh[parent]?.answers.append(p.title + " " + p.body) } else { try openThread(parent) }
            }
            try insertRow(p)
            p.id = db.lastInsertedRowID
            if p.parent == nil {
                fresh[p.id] = ThreadIndex.Document(title: p.title, body: p.body, tags: p.tags)
                lastFresh = p.id
            }
            summary.inserted += 1
        }
        if let source = p.source, let sid = p.sourceID {
            known[source, default: [:]][sid] = (p.id, p.parent ?? p.id)
        }
        summary.ids.append(p.id)
    }

    /// The columns of `PostRow.insertSQL`, bound one by one.
    private func insertRow(_ p: Post) throws {
        insert.bind(1, p.kind.rawValue)
        insert.bind(2, p.title)
        insert.bind(3, p.body)
        insert.bind(4, PostRow.encodeTags(p.tags))
        insert.bind(5, p.author)
        insert.bind(6, p.space)
        insert.bind(7, p.created.timeIntervalSince1970)
        insert.bind(8, Int64(p.votes))
        insert.bind(9, Int64(p.accepted ? 1 : 0))
        insert.bind(10, p.parent)
        insert.bind(11, p.url)
        insert.bind(12, p.source)
        insert.bind(13, p.sourceID)
        try insert.execute()
    }

    /// Indexes the fresh threads that can no longer grow (all but the latest root, whose replies
    /// may come next): keeps memory flat and the progress bar honest on big imports.
    func flushCompleteThreads() throws {
        let done = fresh.keys.filter { $0 != lastFresh }.sorted()
        for root in done { try index(root, fresh.removeValue(forKey: root)!) }
    }

    /// Indexes every thread still pending and returns what was written.
    private func finish() throws -> PostImportSummary {
        for root in open.sorted() where try ThreadIndex.isRoot(root, db) {
            try ThreadIndex.index(root, db, counts: counts)
        }
        open.removeAll()
        for (root, document) in fresh.sorted(by: { $0.key < $1.key }) { try index(root, document) }
        fresh.removeAll()
        try counts.apply(db)
        if bigBatch {
            try AppDatabase.setIndexBuffer(AppDatabase.defaultIndexBuffer, db)
            // A batch that is a large part of the store: one segment per index, so that every
            // term query seeks once (merging costs about what writing a quarter of it did).
            if freshThreads * 4 >= (try ThreadIndex.stats(db).threads) { try ThreadIndex.compact(db) }
        }
        return summary
    }

    /// Must yield the same tokens as `post_threads` (answers "title body" in id order, tags in
    /// order), or a later `unindex` would not match.
    private func index(_ root: Int64, _ d: ThreadIndex.Document) throws {
        indexFresh.bind(1, root)
        indexFresh.bind(from: 2, d)
        try indexFresh.execute()
        indexTitle.bind(1, root)
        indexTitle.bind(2, d.title)
        try indexTitle.execute()
        freshThreads += 1
        try counts.add(d, sign: 1, db)
    }

    /// Whether a title has anything but whitespace (ASCII checked without Foundation).
    static func hasText(_ s: String) -> Bool {
        if let b = s.utf8.first, b > 0x20, b < 0x7F { return true }
        return !s.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
}
