import Dashboard
import Foundation
import PicnicCore
import PicnicStore

/// The community's effects (issue 13). Reads run off the input path and answer through the
/// inbox; writes go to the local store first (the sync engine sends them from the outbox).
extension EffectRunner {
    func loadCommunity(_ effect: Effect) -> [Event] {
        background(communityQueue, effect) { .communityLoaded(CommunitySnapshot()) }
        return []
    }

    func loadCouldHelp(_ effect: Effect, generation: Int) -> [Event] {
        background(communityQueue, effect) { .couldHelpLoaded(generation: generation, matches: []) }
        return []
    }

    func loadLedger(_ effect: Effect) -> [Event] {
        [.effectFailed(effect, message: Self.notJoined)]
    }

    func editText(_ effect: Effect, purpose: EditPurpose, text: String) -> [Event] {
        let name: String
        switch purpose {
        case .askBody: name = "picnic-question"
        case .answer(let question): name = "picnic-answer-\(question)"
        }
        do { return [.textEdited(purpose, try outside.edit(text, name: name))] } catch {
            return [.effectFailed(effect, message: Self.describe(error))]
        }
    }

    /// No community joined: the question stays in this store, as `p` always did.
    func ask(_ draft: AskDraft) throws -> (String?, UUID?) {
        let post = Post(kind: .question, title: draft.title, body: draft.body, tags: draft.tags,
                        author: ProcessInfo.processInfo.environment["USER"] ?? "", space: draft.space)
        let saved = try db.savePost(post)
        return ("Asked, kept on this machine (post \(saved.id)).", draft.task)
    }

    func answer(question: Int64, body: String) throws -> (String?, UUID?) {
        throw PicnicError.usage(Self.notJoined)
    }

    func accept(question: Int64, answer: Int64?) throws -> (String?, UUID?) {
        throw PicnicError.usage(Self.notJoined)
    }

    func markHelped(post: Int64, task taskID: UUID?) throws -> (String?, UUID?) {
        guard let taskID else { return ("Marked helpful.", nil) }
        let task = try db.task(ref: taskID.uuidString)
        let root = try db.post(id: post).flatMap { $0.parent } ?? post
        try db.setFeedback(task: task, postID: root, verdict: .helpful)
        let title = try db.thread(id: root).map { TaskWords.quoted($0.root.title) } ?? "post \(root)"
        return (Terminal.safe("Marked \(title) helpful for this task."), taskID)
    }

    func markSeen(question: Int64) throws -> (String?, UUID?) {
        (nil, nil)
    }

    static let notJoined = "no community joined: picnic community join URL"
}
