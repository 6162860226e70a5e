import Dashboard
import Foundation
import PicnicCore
import PicnicStore

/// The community's effects (issue 13). Reads run off the input path and answer through the
/// inbox; writes go to the local store first (the sync engine sends them from the outbox).
extension EffectRunner {
    func runCommunity(_ effect: Effect) -> [Event] {
        switch effect {
        case .loadCommunity:
            background(communityQueue, effect) { .communityLoaded(CommunitySnapshot()) }
            return []
        case .loadCouldHelp(let generation):
            background(communityQueue, effect) { .couldHelpLoaded(generation: generation, matches: []) }
            return []
        case .loadLedger:
            return [.effectFailed(effect, message: "no community joined: picnic community join URL")]
        case .editText(let purpose, let text):
            do {
                let name: String
                switch purpose {
                case .askBody: name = "picnic-question"
                case .answer(let question): name = "picnic-answer-\(question)"
                }
                return [.textEdited(purpose, try outside.edit(text, name: name))]
            } catch {
                return [.effectFailed(effect, message: Self.describe(error))]
            }
        default:
            return []
        }
    }

    /// A community write; the status-bar message and the task it concerns.
    func communityChange(_ effect: Effect) throws -> (String?, UUID?) {
        switch effect {
        case .ask(let draft):
            // No community joined: the question stays in this store, as `p` always did.
            let post = Post(kind: .question, title: draft.title, body: draft.body, tags: draft.tags,
                            author: ProcessInfo.processInfo.environment["USER"] ?? "", space: draft.space)
            let saved = try db.savePost(post)
            return ("Asked, kept on this machine (post \(saved.id)).", draft.task)
        case .markHelped(let post, let taskID):
            guard let taskID else { return ("Marked helpful.", nil) }
            let task = try db.task(ref: taskID.uuidString)
            let root = try db.post(id: post).flatMap { $0.parent } ?? post
            try db.setFeedback(task: task, postID: root, verdict: .helpful)
            return ("Marked helpful for this task.", taskID)
        default:
            throw PicnicError.usage("no community joined: picnic community join URL")
        }
    }
}
