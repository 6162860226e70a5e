import Foundation
import PicnicCore

/// A post read from a file, before the store gives it a row id.
///
/// `post.source` / `post.sourceID` identify it for idempotent re-imports; `parentSourceID`
/// names its thread's root (same source) so the store can link the thread up on import.
public struct ImportedPost: Equatable, Sendable {
    public var post: Post
    public var parentSourceID: String?

    public init(post: Post, parentSourceID: String? = nil) {
        self.post = post
        self.parentSourceID = parentSourceID
    }

    /// The post's source id (never nil for imported posts).
    public var sourceID: String { post.sourceID ?? "" }
}

/// Everything one import read: posts of one source, and how many records were skipped.
public struct ImportBatch: Equatable, Sendable {
    /// The source every post carries (e.g. `stackexchange:beer`).
    public var source: String
    /// Parents come before their children.
    public var posts: [ImportedPost]
    /// Records the format holds but Picnic does not import (tag wikis, bot joins, …).
    public var skipped: Int
    /// When true the batch is the whole source: stored posts of this source that it lacks are
    /// removed on import (a docs folder re-import drops deleted files).
    public var isComplete: Bool

    public init(source: String, posts: [ImportedPost] = [], skipped: Int = 0, isComplete: Bool = false) {
        self.source = source
        self.posts = posts
        self.skipped = skipped
        self.isComplete = isComplete
    }

    /// Orders posts so that every parent precedes its children (roots first, stable otherwise);
    /// a parent reference to an id not in the batch is kept (it may already be stored).
    public mutating func orderParentsFirst() {
        let roots = posts.filter { $0.parentSourceID == nil }
        let children = posts.filter { $0.parentSourceID != nil }
        posts = roots + children
    }
}

/// What an import did, for the summary line.
public struct ImportSummary: Equatable, Sendable, CustomStringConvertible {
    public var added = 0
    public var updated = 0
    public var skipped = 0
    public var removed = 0

    public init(added: Int = 0, updated: Int = 0, skipped: Int = 0, removed: Int = 0) {
        self.added = added
        self.updated = updated
        self.skipped = skipped
        self.removed = removed
    }

    public var description: String {
        "\(added) added, \(updated) updated, \(skipped) skipped, \(removed) removed"
    }
}
