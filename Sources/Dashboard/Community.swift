import Foundation
import PicnicCore

/// What the dashboard knows of the team community, as the runner last read it from the local
/// store and the sync engine (`Effect.loadCommunity` → `Event.communityLoaded`).
///
/// Everything here is local: the store is filled by the sync engine in the background, so
/// reading it never waits for the server.
public struct CommunitySnapshot: Equatable, Sendable {
    /// Whether a community is joined; false is a single-person workspace (nothing of the
    /// community is drawn and `p` keeps the question on this machine).
    public var joined: Bool
    /// The community's name, as its server calls itself.
    public var name: String
    /// The person's user name there.
    public var user: String
    /// The spaces the person may post to, and the default one (`general`).
    public var spaces: [String]
    public var defaultSpace: String
    /// Whether the sync engine reaches the server now.
    public var online: Bool
    /// Writes waiting in the outbox.
    public var toSend: Int
    /// The feed position the store has applied (changes when anything new arrived).
    public var position: Int64
    /// Root ids of the person's own questions (never shown or counted as help).
    public var mine: Set<Int64>
    /// The person's own posts still in the outbox (drawn "sending").
    public var sending: Set<Int64>
    /// The questions asked from open tasks.
    public var questions: [TaskQuestion]
    /// Answers by others to the person's questions not yet read, newest first.
    public var newAnswers: [NewAnswer]
    /// Writes the server refused that were not shown yet.
    public var refused: [RefusedWrite]

    public init(joined: Bool = false, name: String = "", user: String = "", spaces: [String] = [],
                defaultSpace: String = "general", online: Bool = true, toSend: Int = 0, position: Int64 = 0,
                mine: Set<Int64> = [], sending: Set<Int64> = [], questions: [TaskQuestion] = [],
                newAnswers: [NewAnswer] = [], refused: [RefusedWrite] = []) {
        self.joined = joined
        self.name = name
        self.user = user
        self.spaces = spaces
        self.defaultSpace = defaultSpace
        self.online = online
        self.toSend = toSend
        self.position = position
        self.mine = mine
        self.sending = sending
        self.questions = questions
        self.newAnswers = newAnswers
        self.refused = refused
    }
}

/// A question the person asked from a task (the link is local: the task never leaves the machine).
public struct TaskQuestion: Equatable, Sendable {
    /// The task it was asked from.
    public var task: UUID
    /// The question post.
    public var post: Post
    /// Answers by other people.
    public var answers: Int
    /// Of those, not read yet.
    public var unseen: Int
    /// Whether one answer is accepted.
    public var accepted: Bool
    /// The answer a "helped" mark would go to: the accepted one, else the newest by someone else.
    public var bestAnswer: Int64?

    public init(task: UUID, post: Post, answers: Int = 0, unseen: Int = 0, accepted: Bool = false, bestAnswer: Int64? = nil) {
        self.task = task
        self.post = post
        self.answers = answers
        self.unseen = unseen
        self.accepted = accepted
        self.bestAnswer = bestAnswer
    }
}

/// An answer to one of the person's questions that they have not read.
public struct NewAnswer: Equatable, Sendable {
    public var answer: Int64
    public var question: Int64
    /// The task the question was asked from, if it was.
    public var task: UUID?
    public var author: String
    public var created: Date

    public init(answer: Int64, question: Int64, task: UUID?, author: String, created: Date) {
        self.answer = answer
        self.question = question
        self.task = task
        self.author = author
        self.created = created
    }
}

/// A write the server refused (e.g. the question was deleted meanwhile): shown once, and its
/// text kept so the person can copy it.
public struct RefusedWrite: Equatable, Sendable {
    /// The outbox entry.
    public var id: Int64
    /// What it was, in words: `your answer to “Timeouts on arm64”`.
    public var what: String
    /// Why, from the server: `the question was deleted`.
    public var reason: String
    /// The text that was not sent.
    public var text: String

    public init(id: Int64, what: String, reason: String, text: String) {
        self.id = id
        self.what = what
        self.reason = reason
        self.text = text
    }
}

/// Exactly what the ask preview shows, and so exactly what is sent.
public struct AskDraft: Equatable, Sendable {
    /// The task it is asked from (linked locally, never sent).
    public var task: UUID
    public var title: String
    public var body: String
    public var tags: [String]
    public var space: String

    public init(task: UUID, title: String, body: String, tags: [String], space: String) {
        self.task = task
        self.title = title
        self.body = body
        self.tags = tags
        self.space = space
    }
}

/// What `$EDITOR` is asked to edit (`Effect.editText`), so its answer finds its way back.
public enum EditPurpose: Equatable, Sendable {
    /// The body of the question being asked from a task.
    case askBody(task: UUID)
    /// An answer to a question.
    case answer(question: Int64)
}
