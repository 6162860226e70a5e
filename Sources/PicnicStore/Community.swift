import Foundation
import PicnicCore

/// A community this store has joined (or left, keeping its posts as read-only history).
public struct Community: Equatable, Sendable {
    public var id: Int64
    /// The server's base URL (`CommunityServer.baseURL`).
    public var url: String
    /// The community's name, as the server calls it.
    public var name: String
    /// The server's version string.
    public var server: String
    public var userName: String
    public var displayName: String
    public var spaces: [CommunitySpace]
    /// Names the token's file (see `CommunityTokens`); the token itself is never in the store.
    public var tokenID: String
    /// A CA file to trust for this server (a self-signed certificate).
    public var caFile: String?
    /// Every change up to this feed position is in the store.
    public var position: Int64
    /// The feed's head when the server was last heard.
    public var head: Int64
    public var joined: Date
    /// The last pull that reached the head.
    public var lastSync: Date?
    /// Since when the server could not be reached (nil while it answers).
    public var offlineSince: Date?
    /// The last failure, one line.
    public var lastError: String?
    /// When the person left; the posts stay as read-only history.
    public var left: Date?

    /// The `posts.source` of this community's posts.
    public var source: String { Self.source(id) }
    /// The space new posts go to by default.
    public var generalSpace: String { spaces.first(where: \.general)?.name ?? "general" }
    /// Joined and not left: syncs and takes new posts.
    public var isActive: Bool { left == nil }

    /// `community:ID`.
    public static func source(_ id: Int64) -> String { "community:\(id)" }
    /// The community id a `posts.source` names, if it is a community's.
    public static func id(fromSource source: String?) -> Int64? {
        guard let source, source.hasPrefix("community:") else { return nil }
        return Int64(source.dropFirst(10))
    }
}

/// A space of a community as the store keeps it.
public struct CommunitySpace: Codable, Equatable, Hashable, Sendable {
    public var name: String
    public var title: String
    /// `public` or `private`.
    public var visibility: String
    /// `member`, `moderator`, or nil.
    public var role: String?
    public var general: Bool

    public init(name: String, title: String = "", visibility: String = "public", role: String? = nil, general: Bool = false) {
        self.name = name
        self.title = title
        self.visibility = visibility
        self.role = role
        self.general = general
    }
}

/// A shared file as a post names it (its bytes live on the server by content hash).
public struct SyncedFile: Codable, Equatable, Hashable, Sendable {
    public var sha256: String
    public var name: String
    public var size: Int64
    public var mime: String

    public init(sha256: String, name: String, size: Int64, mime: String) {
        self.sha256 = sha256
        self.name = name
        self.size = size
        self.mime = mime
    }
}

/// A post as the server sent it, in its current state for this user: what a pull stores.
public struct SyncedPost: Equatable, Sendable {
    public var uuid: UUID
    public var space: String
    public var kind: PostKind
    public var author: String
    public var parent: UUID?
    public var title: String
    public var body: String
    public var tags: [String]
    public var url: String?
    public var file: SyncedFile?
    public var created: Date
    public var edited: Date?
    public var version: Int
    public var votes: Int
    public var myVote: Int
    public var helped: Int
    public var myHelped: Bool
    public var acceptedAnswer: UUID?
    public var accepted: Bool
    public var answers: Int
    /// Deleted, or hidden from this user: the post leaves the store and its index.
    public var removed: Bool
    public var position: Int64

    public init(uuid: UUID, space: String, kind: PostKind, author: String, parent: UUID? = nil, title: String,
                body: String = "", tags: [String] = [], url: String? = nil, file: SyncedFile? = nil,
                created: Date, edited: Date? = nil, version: Int = 1, votes: Int = 0, myVote: Int = 0,
                helped: Int = 0, myHelped: Bool = false, acceptedAnswer: UUID? = nil, accepted: Bool = false,
                answers: Int = 0, removed: Bool = false, position: Int64 = 0) {
        self.uuid = uuid
        self.space = space
        self.kind = kind
        self.author = author
        self.parent = parent
        self.title = title
        self.body = body
        self.tags = tags
        self.url = url
        self.file = file
        self.created = created
        self.edited = edited
        self.version = version
        self.votes = votes
        self.myVote = myVote
        self.helped = helped
        self.myHelped = myHelped
        self.acceptedAnswer = acceptedAnswer
        self.accepted = accepted
        self.answers = answers
        self.removed = removed
        self.position = position
    }
}

/// One entry of a pulled page.
public enum SyncedChange: Sendable {
    case post(SyncedPost)
    /// The user's access to a space changed; `readable: false` drops its posts.
    case space(CommunitySpace, readable: Bool)
}

/// One page of the feed, ready to apply in one transaction with its new position.
public struct SyncPage: Sendable {
    public var changes: [SyncedChange]
    /// The position to store once the page is applied (`next` of the feed).
    public var next: Int64
    public var head: Int64
    public var more: Bool

    public init(changes: [SyncedChange], next: Int64, head: Int64, more: Bool) {
        self.changes = changes
        self.next = next
        self.head = head
        self.more = more
    }
}

/// What applying a page did.
public struct SyncPageResult: Equatable, Sendable {
    public var added = 0
    public var updated = 0
    public var removed = 0
    /// Entries that could not be placed (an answer whose question this user cannot see).
    public var skipped = 0
    /// New answers by others to this person's questions.
    public var newAnswers = 0
    public init() {}
}
