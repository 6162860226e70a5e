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
    /// Imports many posts in ONE transaction, fast (see `PostBulkWriter`: each touched thread is
    /// indexed once): the way importers should write posts.
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
        try PostBulkWriter.run(db) { try $0.write(items) }
    }
}
