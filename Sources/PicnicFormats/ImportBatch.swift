import Foundation
import PicnicCore

/// A post read from a file, before the store gives it a row id.
///
/// `post.source` / `post.sourceID` identify it for idempotent re-imports; `parentSourceID`
/// names its thread's root (same source) so the store can link the thread up on import.
public struct ImportedPost: Equatable, Sendable {
    public var post: Post
    public var parentSourceID: String?
    /// A hash of the original bytes when the format has one (documents, shared files).
    public var contentHash: String?

    public init(post: Post, parentSourceID: String? = nil, contentHash: String? = nil) {
        self.post = post
        self.parentSourceID = parentSourceID
        self.contentHash = contentHash
    }

    /// The post's source id (never nil for imported posts).
    public var sourceID: String { post.sourceID ?? "" }
}

/// Everything one import read: posts of one source, and how many records were skipped.
public struct ImportBatch: Equatable, Sendable {
    /// The source every post carries (e.g. `stackexchange:beer`).
    public var source: String
    /// Thread by thread: each root, then its replies.
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

    /// Turns replies whose parent is neither in the batch nor among `stored` source ids into
    /// roots of their own (titled by their first words), so an export cut mid-thread still imports.
    /// Returns how many were detached.
    @discardableResult
    public mutating func detachOrphans(stored: Set<String>) -> Int {
        let here = Set(posts.map(\.sourceID))
        var count = 0
        for i in posts.indices {
            guard let parent = posts[i].parentSourceID, !here.contains(parent), !stored.contains(parent) else { continue }
            posts[i].parentSourceID = nil
            if posts[i].post.title.isEmpty {
                let line = SafeText.line(posts[i].post.body)
                posts[i].post.title = line.count > 80 ? String(line.prefix(79)) + "…" : line
            }
            if posts[i].post.title.isEmpty { posts[i].post.title = posts[i].sourceID }
            count += 1
        }
        return count
    }

    /// Drops the items another source already holds — the same news item in a publisher's Atom,
    /// RSS and RDF feeds — recognised by link, or by GUID when it is long enough to be meant as
    /// unique beyond one feed (12+ characters: not `1` or `post-7`). Returns how many it dropped.
    @discardableResult
    public mutating func dropItems(knownElsewhere urls: Set<String>, ids: Set<String>) -> Int {
        let before = posts.count
        posts.removeAll { p in
            if let u = p.post.url, !u.isEmpty, urls.contains(u) { return true }
            return p.sourceID.count >= 12 && ids.contains(p.sourceID)
        }
        skipped += before - posts.count
        return before - posts.count
    }

    /// Orders posts thread by thread: each root followed by its replies (input order kept
    /// otherwise); replies whose parent is not in the batch (it may already be stored) go last.
    public mutating func orderParentsFirst() {
        var children: [String: [ImportedPost]] = [:]
        var roots: [ImportedPost] = []
        for p in posts {
            if let parent = p.parentSourceID { children[parent, default: []].append(p) } else { roots.append(p) }
        }
        var ordered: [ImportedPost] = []
        ordered.reserveCapacity(posts.count)
        for r in roots {
            ordered.append(r)
            if let c = children.removeValue(forKey: r.sourceID) { ordered += c }
        }
        for p in posts where p.parentSourceID != nil && children[p.parentSourceID!] != nil { ordered.append(p) }
        posts = ordered
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
