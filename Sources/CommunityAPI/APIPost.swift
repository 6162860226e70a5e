import Foundation
import PicnicCore

/// A shared file as a post names it: its bytes live on the server by content hash.
public struct APIFileRef: Codable, Equatable, Hashable, Sendable {
    /// Lower-case hex SHA-256 of the bytes.
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

/// A post as the server returns it, in its current state for the requesting user.
public struct APIPost: Codable, Equatable, Hashable, Sendable {
    public var id: UUID
    public var space: String
    public var kind: PostKind
    public var author: String
    /// The question an answer answers; nil for every other kind.
    public var parent: UUID?
    public var title: String
    public var body: String
    public var tags: [String]
    public var url: String?
    public var file: APIFileRef?
    public var created: Date
    public var edited: Date?
    /// 1 when created, +1 per edit.
    public var version: Int
    /// The sum of everyone's votes.
    public var votes: Int
    /// The requesting user's own vote: -1, 0 or 1.
    public var myVote: Int
    /// How many people marked the post helpful.
    public var helped: Int
    /// Whether the requesting user marked it helpful.
    public var myHelped: Bool
    /// On a question: the accepted answer.
    public var acceptedAnswer: UUID?
    /// On an answer: whether its question's author accepted it.
    public var accepted: Bool
    /// On a question: how many answers the user may see.
    public var answers: Int
    public var hidden: Bool
    public var deleted: Bool
    /// The position of the post's latest change in the feed.
    public var position: Int64

    public init(id: UUID, space: String, kind: PostKind, author: String, parent: UUID? = nil,
                title: String, body: String = "", tags: [String] = [], url: String? = nil,
                file: APIFileRef? = nil, created: Date, edited: Date? = nil, version: Int = 1,
                votes: Int = 0, myVote: Int = 0, helped: Int = 0, myHelped: Bool = false,
                acceptedAnswer: UUID? = nil, accepted: Bool = false, answers: Int = 0,
                hidden: Bool = false, deleted: Bool = false, position: Int64 = 0) {
        self.id = id
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
        self.hidden = hidden
        self.deleted = deleted
        self.position = position
    }

    enum CodingKeys: String, CodingKey {
        case id, space, kind, author, parent, title, body, tags, url, file, created, edited, version, votes, myVote,
             helped, myHelped, acceptedAnswer, accepted, answers, hidden, deleted, position
    }

    /// Ids in lower case, as the contract writes them (Foundation writes upper case).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id.apiString, forKey: .id)
        try c.encode(space, forKey: .space)
        try c.encode(kind, forKey: .kind)
        try c.encode(author, forKey: .author)
        try c.encode(parent?.apiString, forKey: .parent)
        try c.encode(title, forKey: .title)
        try c.encode(body, forKey: .body)
        try c.encode(tags, forKey: .tags)
        try c.encode(url, forKey: .url)
        try c.encode(file, forKey: .file)
        try c.encode(created, forKey: .created)
        try c.encode(edited, forKey: .edited)
        try c.encode(version, forKey: .version)
        try c.encode(votes, forKey: .votes)
        try c.encode(myVote, forKey: .myVote)
        try c.encode(helped, forKey: .helped)
        try c.encode(myHelped, forKey: .myHelped)
        try c.encode(acceptedAnswer?.apiString, forKey: .acceptedAnswer)
        try c.encode(accepted, forKey: .accepted)
        try c.encode(answers, forKey: .answers)
        try c.encode(hidden, forKey: .hidden)
        try c.encode(deleted, forKey: .deleted)
        try c.encode(position, forKey: .position)
    }

    /// Whether a client should take the post out of its store and index: deleted, or hidden
    /// (a moderator still reads a hidden post's text through the API, but it helps nobody).
    public var isRemoval: Bool { deleted || hidden }
}

/// The body of `PUT /v1/posts/ID`: create the post, or edit it (author only).
public struct APIPostWrite: Codable, Equatable, Sendable {
    public var space: String
    public var kind: PostKind
    public var parent: UUID?
    public var title: String
    public var body: String
    public var tags: [String]
    public var url: String?
    public var file: APIFileRef?
    /// When set, an edit is refused with `version_conflict` unless the stored version is this one.
    public var baseVersion: Int?

    public init(space: String = CommunityAPI.generalSpace, kind: PostKind, parent: UUID? = nil,
                title: String, body: String = "", tags: [String] = [], url: String? = nil,
                file: APIFileRef? = nil, baseVersion: Int? = nil) {
        self.space = space
        self.kind = kind
        self.parent = parent
        self.title = title
        self.body = body
        self.tags = tags
        self.url = url
        self.file = file
        self.baseVersion = baseVersion
    }

    enum CodingKeys: String, CodingKey { case space, kind, parent, title, body, tags, url, file, baseVersion }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        space = try c.decodeIfPresent(String.self, forKey: .space) ?? CommunityAPI.generalSpace
        kind = try c.decode(PostKind.self, forKey: .kind)
        parent = try c.decodeIfPresent(UUID.self, forKey: .parent)
        title = try c.decode(String.self, forKey: .title)
        body = try c.decodeIfPresent(String.self, forKey: .body) ?? ""
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        url = try c.decodeIfPresent(String.self, forKey: .url)
        file = try c.decodeIfPresent(APIFileRef.self, forKey: .file)
        baseVersion = try c.decodeIfPresent(Int.self, forKey: .baseVersion)
    }
}

/// The body of `PUT /v1/posts/ID/vote`: 1, -1, or 0 to take a vote back.
public struct APIVote: Codable, Equatable, Sendable {
    public var value: Int
    public init(value: Int) { self.value = value }
}

/// The body of `PUT /v1/posts/ID/accept`: the answer to accept, or nil to clear.
public struct APIAccept: Codable, Equatable, Sendable {
    public var answer: UUID?
    public init(answer: UUID?) { self.answer = answer }

    enum CodingKeys: String, CodingKey { case answer }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(answer, forKey: .answer)   // an explicit null clears
    }
}

/// The body of `PUT /v1/posts/ID/hidden` (moderators of the post's space).
public struct APIHide: Codable, Equatable, Sendable {
    public var hidden: Bool
    public var reason: String?
    public init(hidden: Bool, reason: String? = nil) {
        self.hidden = hidden
        self.reason = reason
    }
}

/// The answer to `PUT /v1/files/SHA256`.
public struct APIFileStored: Codable, Equatable, Sendable {
    public var sha256: String
    public var size: Int64
    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }
}
