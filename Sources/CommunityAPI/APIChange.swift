import Foundation

/// What a feed entry's latest change was.
public enum APIChangeOp: String, Codable, Sendable, CaseIterable {
    case create, edit, vote, helped, accept, hide, unhide, delete
    /// The user's access to a space changed (the entry carries the space, not a post).
    case space
}

/// One entry of the change feed: a post in its current state, or a space whose access changed.
public struct APIChange: Codable, Equatable, Sendable {
    public var position: Int64
    public var op: APIChangeOp
    public var post: APIPost?
    public var space: APISpace?

    public init(position: Int64, op: APIChangeOp, post: APIPost? = nil, space: APISpace? = nil) {
        self.position = position
        self.op = op
        self.post = post
        self.space = space
    }
}

/// `GET /v1/changes?after=N&limit=L`: the posts changed after `N`, each once, in position order.
public struct APIChangePage: Codable, Equatable, Sendable {
    public var changes: [APIChange]
    /// Where the next pull starts (`after=next`); may pass positions the user cannot see.
    public var next: Int64
    /// The largest position visible when the page was read.
    public var head: Int64
    /// Whether there may be more after `next`.
    public var more: Bool

    public init(changes: [APIChange], next: Int64, head: Int64, more: Bool) {
        self.changes = changes
        self.next = next
        self.head = head
        self.more = more
    }

    /// The default and largest page sizes.
    public static let defaultLimit = 1_000
    public static let maxLimit = 5_000
}

/// The data of a `head` event on `GET /v1/events`.
public struct APIHeadEvent: Codable, Equatable, Sendable {
    public var head: Int64
    public init(head: Int64) { self.head = head }
}
