import Foundation
import PicnicCore

/// What an outbox entry sends.
public enum OutboxOp: String, Sendable, CaseIterable {
    /// `PUT /v1/posts/UUID` with the post's current local text (create or edit).
    case post
    /// `DELETE /v1/posts/UUID`.
    case delete
    /// `PUT /v1/posts/UUID/vote`; body `1`, `-1` or `0`.
    case vote
    /// `PUT` (body `1`) or `DELETE` (body `0`) `/v1/posts/UUID/helped`.
    case helped
    /// `PUT /v1/posts/QUESTION/accept`; body the answer's UUID, empty to clear.
    case accept
    /// `PUT /v1/files/SHA256`; body the local path of the bytes.
    case file
}

/// One write waiting to be sent (or refused and kept for the person).
public struct OutboxEntry: Equatable, Sendable {
    public var id: Int64
    public var community: Int64
    public var op: OutboxOp
    /// The post's UUID (lower case), or the file's SHA-256.
    public var target: String
    public var body: String
    public var created: Date
    public var attempts: Int
    /// Not before this time (backoff after a failure).
    public var nextAttempt: Date
    public var lastError: String?
    /// The server refused it; it stays for the person to see and copy.
    public var refused: Bool
}

/// How a synced post stands locally.
public enum CommunityPostState: String, Sendable, Equatable {
    /// As the server last sent it.
    case synced
    /// Written here, waiting in the outbox.
    case sending
    /// The server refused the write; the text is kept.
    case refused
}

/// What a person writes to a community (the store fills in author, time and UUID).
public struct CommunityDraft: Sendable, Equatable {
    public var kind: PostKind
    public var title: String
    public var body: String
    public var tags: [String]
    /// The space; nil for the community's general space (an answer goes to its question's).
    public var space: String?
    /// The local id of the question an answer answers.
    public var parent: Int64?
    public var url: String?
    /// A shared file: its reference and where its bytes are kept locally.
    public var file: SyncedFile?
    public var filePath: String?

    public init(kind: PostKind, title: String, body: String = "", tags: [String] = [], space: String? = nil,
                parent: Int64? = nil, url: String? = nil, file: SyncedFile? = nil, filePath: String? = nil) {
        self.kind = kind
        self.title = title
        self.body = body
        self.tags = tags
        self.space = space
        self.parent = parent
        self.url = url
        self.file = file
        self.filePath = filePath
    }
}

/// What the community side of a post looks like locally.
public struct CommunityPostInfo: Equatable, Sendable {
    public var postID: Int64
    public var community: Int64
    public var uuid: UUID
    public var kind: PostKind
    /// 0 until the server has confirmed the post.
    public var version: Int
    public var helped: Int
    public var myVote: Int
    public var myHelped: Bool
    /// On a question: the accepted answer's local id.
    public var acceptedAnswer: Int64?
    public var answers: Int
    public var mine: Bool
    public var state: CommunityPostState
    public var file: SyncedFile?
    /// An answer to this person's question they have not seen yet.
    public var unseen: Bool
}

/// The counts a status line shows, over every joined community.
public struct CommunitySummary: Equatable, Sendable {
    public var communities = 0
    /// Some joined community's server could not be reached on the last try.
    public var offline = false
    /// Writes waiting in the outbox (refused ones not counted).
    public var toSend = 0
    /// Refused writes the person has not been told of.
    public var refusedUntold = 0
    /// Answers by others to this person's questions, not yet seen.
    public var newAnswers = 0
    /// Others' open questions this person could answer (strong matches).
    public var couldAnswer = 0
    public init() {}
}
