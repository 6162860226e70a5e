import Foundation
import GRDB
import PicnicCore

/// One post to import, optionally naming its parent by source id (as exports do).
public struct PostImport: Sendable {
    public var post: Post
    /// The parent's `sourceID` within the same `source`; takes precedence over `post.parent`.
    public var parentSourceID: String?

    public init(_ post: Post, parentSourceID: String? = nil) {
        self.post = post
        self.parentSourceID = parentSourceID
    }
}

/// What an import did.
public struct PostImportSummary: Equatable, Sendable {
    public var inserted = 0
    public var updated = 0
    /// The store id of each imported post, in input order.
    public var ids: [Int64] = []
}

extension AppDatabase {
    /// Imports many posts in ONE transaction, fast (prepared statements; each touched thread is
    /// re-indexed once at the end): the way importers should write posts.
    ///
    /// Posts with a `source` and `sourceID` already in the store are updated in place, so running
    /// the same import twice changes nothing. A parent is named either by `parentSourceID` (looked
    /// up among this batch first, then the store, within the same source) or by `post.parent`.
    /// Any error (a missing parent, an empty title) rolls the whole batch back and names the
    /// offending post by its position and source id.
    @discardableResult
    public func importPosts(_ items: [PostImport]) throws -> PostImportSummary {
        try write { db in try Self.importPosts(items, db) }
    }

    /// Inserts new posts in one transaction and returns their ids (parents by `post.parent`).
    @discardableResult
    public func insertPosts(_ posts: [Post]) throws -> [Int64] {
        try importPosts(posts.map { PostImport($0) }).ids
    }

    static func importPosts(_ items: [PostImport], _ db: Database) throws -> PostImportSummary {
        var summary = PostImportSummary()
        summary.ids.reserveCapacity(items.count)
        // Roots whose index row is currently removed (or not yet written); indexed at the end.
        var open = Set<Int64>()
        func openThread(_ root: Int64) throws {
            if open.insert(root).inserted { try ThreadIndex.unindex(root, db) }
        }
        // Threads created by this batch, indexed from memory at the end (no view query per thread).
        var fresh: [Int64: ThreadIndex.Document] = [:]
        var bySource: [String: [String: (id: Int64, root: Int64)]] = [:]
        let insert = try db.cachedStatement(sql: PostRow.insertSQL)
        let update = try db.cachedStatement(sql: PostRow.updateSQL)
        let findSource = try db.cachedStatement(sql: "SELECT id, coalesce(parent, id) FROM posts WHERE source = ? AND source_id = ?")

        func lookup(_ source: String, _ sid: String) throws -> (id: Int64, root: Int64)? {
            if let hit = bySource[source]?[sid] { return hit }
            guard let row = try Row.fetchOne(findSource, arguments: [source, sid]) else { return nil }
            return (row[0], row[1])
        }

        for (n, item) in items.enumerated() {
            var p = item.post
            let label = "post \(n + 1)" + (p.sourceID.map { " (\(p.source ?? "")/\($0))" } ?? "")
            p.tags = PostRow.normalizedTags(p.tags)
            if let psid = item.parentSourceID {
                guard let parent = try lookup(p.source ?? "", psid) else {
                    throw PicnicError.data("\(label): parent \(psid) not found")
                }
                p.parent = parent.root
            } else if let parent = p.parent {
                guard let root = try ThreadIndex.root(of: parent, db) else {
                    throw PicnicError.data("\(label): parent post \(parent) not found")
                }
                p.parent = root
            }
            if p.parent == nil && p.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw PicnicError.data("\(label): a post needs a title (only answers may go without)")
            }
            var existing: (id: Int64, root: Int64)?
            if let source = p.source, let sid = p.sourceID { existing = try lookup(source, sid) }
            if let old = existing {
                // An update to a thread made in this batch: index it the slow, sure way.
                for id in [old.root, p.parent ?? old.id] where fresh.removeValue(forKey: id) != nil { open.insert(id) }
                if p.parent == old.id { throw PicnicError.data("\(label): a post cannot answer itself") }
                p.id = old.id
                try openThread(old.root)
                if let parent = p.parent { try openThread(parent) } else { try openThread(old.id) }
                var args = PostRow.arguments(p)
                args += [p.id]
                try update.execute(arguments: args)
                summary.updated += 1
            } else {
                if let parent = p.parent {
                    if fresh[parent] != nil { fresh[parent]?.answers.append(p.title + " " + p.body) } else { try openThread(parent) }
                }
                try insert.execute(arguments: PostRow.arguments(p))
                p.id = db.lastInsertedRowID
                if p.parent == nil {
                    fresh[p.id] = ThreadIndex.Document(title: p.title, body: p.body, tags: p.tags)
                }
                summary.inserted += 1
            }
            if let source = p.source, let sid = p.sourceID {
                bySource[source, default: [:]][sid] = (p.id, p.parent ?? p.id)
            }
            summary.ids.append(p.id)
        }
        for root in open.sorted() where try ThreadIndex.isRoot(root, db) {
            try ThreadIndex.index(root, db)
        }
        for (root, document) in fresh.sorted(by: { $0.key < $1.key }) {
            try ThreadIndex.index(root, document, db)
        }
        return summary
    }
}
