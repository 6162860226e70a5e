import Foundation
import GRDB
import PicnicCore

/// A thread: a root post and its answers, oldest first.
public struct PostThread: Codable, Equatable, Sendable {
    public var root: Post
    public var answers: [Post]

    public init(root: Post, answers: [Post]) {
        self.root = root
        self.answers = answers
    }
}

extension AppDatabase {
    /// Saves a post: inserts it when `id` is 0, else updates it. Keeps the full-text index in step
    /// in the same transaction and returns the saved post (with its id).
    ///
    /// An answer to an answer joins the thread of the answer's question (threads are one level).
    /// Throws `.usage` for an empty title on a root post or a parent that does not exist.
    @discardableResult
    public func savePost(_ post: Post) throws -> Post {
        try write { db in try Self.save(post, db) }
    }

    /// Inserts the post, or updates the one with the same `source` and `sourceID` (an import seen
    /// again). Returns the saved post and whether it was new.
    @discardableResult
    public func upsertPost(bySource post: Post) throws -> (post: Post, inserted: Bool) {
        guard let source = post.source, let sid = post.sourceID else {
            throw PicnicError.usage("upsert needs a post with a source and a source id")
        }
        return try write { db in
            var p = post
            if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM posts WHERE source = ? AND source_id = ?"),
                                           arguments: [source, sid]) {
                p.id = id
                return (try Self.save(p, db), false)
            }
            p.id = 0
            return (try Self.save(p, db), true)
        }
    }

    /// Posts in id order (oldest first); `limit` nil for all.
    public func posts(limit: Int? = nil) throws -> [Post] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(PostRow.columns) FROM posts ORDER BY id LIMIT ?",
                             arguments: [limit ?? -1]).map(PostRow.decode)
        }
    }

    /// One post by id.
    public func post(id: Int64) throws -> Post? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(PostRow.columns) FROM posts WHERE id = ?", arguments: [id])
                .map(PostRow.decode)
        }
    }

    /// The thread holding post `id` (its question and answers), or nil when there is no such post.
    public func thread(id: Int64) throws -> PostThread? {
        try pool.read { db in
            guard let root = try ThreadIndex.root(of: id, db),
                  let rootRow = try Row.fetchOne(db, sql: "SELECT \(PostRow.columns) FROM posts WHERE id = ?", arguments: [root])
            else { return nil }
            let answers = try Row.fetchAll(db, sql: "SELECT \(PostRow.columns) FROM posts WHERE parent = ? ORDER BY id",
                                           arguments: [root]).map(PostRow.decode)
            return PostThread(root: PostRow.decode(rootRow), answers: answers)
        }
    }

    /// How many posts the store holds (questions, answers and the rest).
    public func postCount() throws -> Int {
        try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM posts") ?? 0 }
    }

    /// Deletes a post; deleting a root deletes its answers too. Returns whether it existed.
    @discardableResult
    public func deletePost(id: Int64) throws -> Bool {
        try write { db in
            guard let root = try ThreadIndex.root(of: id, db) else { return false }
            try ThreadIndex.unindex(root, db)
            try db.execute(sql: "DELETE FROM posts WHERE id = ?", arguments: [id])
            if root != id { try ThreadIndex.index(root, db) }
            return true
        }
    }

    /// Runs `body` in one write transaction (not an undoable change), mapping database errors to
    /// one-line `PicnicError`s and counting the commit for `dataVersion()`.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors {
            let result = try pool.write(body)
            localWrites.increment()
            return result
        }
    }

    /// Inserts or updates one post inside a transaction, keeping `posts_fts` in step.
    static func save(_ post: Post, _ db: Database) throws -> Post {
        var p = post
        p.tags = PostRow.normalizedTags(p.tags)
        p.title = p.title.trimmingCharacters(in: .whitespacesAndNewlines)
        // What the REAL column gives back, so the returned post equals a fresh read.
        p.created = Date(timeIntervalSince1970: p.created.timeIntervalSince1970)
        if let parent = p.parent {
            guard let root = try ThreadIndex.root(of: parent, db) else {
                throw PicnicError.usage("no post \(parent) to answer")
            }
            if root == p.id && p.id != 0 { throw PicnicError.usage("post \(p.id) cannot answer itself") }
            p.parent = root
        } else if p.title.isEmpty {
            throw PicnicError.usage("a post needs a title (only answers may go without)")
        }
        if p.id == 0 {
            if let parent = p.parent { try ThreadIndex.unindex(parent, db) }
            try db.cachedStatement(sql: PostRow.insertSQL).execute(arguments: PostRow.arguments(p))
            p.id = db.lastInsertedRowID
            try ThreadIndex.index(p.parent ?? p.id, db)
            return p
        }
        guard let oldRoot = try ThreadIndex.root(of: p.id, db) else {
            throw PicnicError.usage("no post \(p.id)")
        }
        if p.parent != nil && oldRoot == p.id,
           try Int.fetchOne(db, sql: "SELECT count(*) FROM posts WHERE parent = ?", arguments: [p.id]) ?? 0 > 0 {
            throw PicnicError.usage("post \(p.id) has answers; it cannot become an answer itself")
        }
        let roots = Array(Set([oldRoot, p.parent ?? p.id])).sorted()
        for r in roots { try ThreadIndex.unindex(r, db) }
        var args = PostRow.arguments(p)
        args += [p.id]
        try db.cachedStatement(sql: PostRow.updateSQL).execute(arguments: args)
        for r in roots where try ThreadIndex.isRoot(r, db) { try ThreadIndex.index(r, db) }
        return p
    }
}
