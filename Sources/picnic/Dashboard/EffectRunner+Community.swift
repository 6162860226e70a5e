import CommunityAPI
import Dashboard
import Foundation
import PicnicCore
import PicnicStore

/// The community's effects (issue 13). Reads run off the input path and answer through the
/// inbox; writes go to the local store first and the sync helper sends them from the outbox
/// (poked after each write), so a slow or dead server never delays a key.
extension EffectRunner {
    func loadCommunity(_ effect: Effect) -> [Event] {
        background(communityQueue, effect) { [db, community] in
            .communityLoaded(try CommunitySnapshot.read(db, tasks: community.openTasks, written: community.written))
        }
        return []
    }

    func loadCouldHelp(_ effect: Effect, generation: Int) -> [Event] {
        community.couldHelpGeneration.set("could-help", generation)
        background(communityQueue, effect) { [db, community] in
            guard community.couldHelpGeneration.isCurrent("could-help", generation) else { return nil }
            let entries = try db.couldHelp(limit: 50)
            return .couldHelpLoaded(generation: generation, matches: entries.map { e in
                var m = e.match
                m.reason = e.because
                return m
            })
        }
        return []
    }

    /// The ledger needs the server: the helper asks it (`picnic-sync ledger --json`), on a queue of
    /// its own so a slow server delays nothing else.
    func loadLedger(_ effect: Effect) -> [Event] {
        guard let dbPath else { return [.effectFailed(effect, message: Self.notJoined)] }
        background(ledgerQueue, effect) {
            .ledgerLoaded(try LedgerHelper.load(dbPath: dbPath))
        }
        return []
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

    /// Exactly what the preview showed; in a single-person workspace it stays on this machine.
    func ask(_ draft: AskDraft) throws -> (String?, UUID?) {
        let title = TaskWords.quoted(draft.title)
        guard try db.defaultCommunity() != nil else {
            let post = Post(kind: .question, title: draft.title, body: draft.body, tags: draft.tags,
                            author: ProcessInfo.processInfo.environment["USER"] ?? "", space: draft.space)
            let saved = try db.savePost(post)
            try db.linkQuestion(saved.id, toTask: draft.task)
            return (Terminal.safe("Asked \(title), kept on this machine (no community joined)."), draft.task)
        }
        let post = try db.askQuestion(task: draft.task, title: draft.title, body: draft.body, tags: draft.tags, space: draft.space)
        wrote(post.id)
        return (Terminal.safe("Asked \(title) in \(post.space); it shows here when answered."), draft.task)
    }

    func answer(question: Int64, body: String) throws -> (String?, UUID?) {
        let post = try db.answer(question: question, body: body)
        wrote(post.id)
        let title = try db.post(id: question).map { TaskWords.quoted($0.title) } ?? "the question"
        return (Terminal.safe("Answered \(title)."), nil)
    }

    func accept(question: Int64, answer: Int64?) throws -> (String?, UUID?) {
        try db.accept(question: question, answer: answer)
        community.poke()
        guard let answer, let a = try db.post(id: answer) else { return ("Took the acceptance back.", nil) }
        return (Terminal.safe("Accepted \(a.author)'s answer."), nil)
    }

    /// A helped mark to the post's author (never the task's text), and the task's own `+`.
    func markHelped(post: Int64, task taskID: UUID?) throws -> (String?, UUID?) {
        let shared = try db.communityInfo(post: post) != nil
        if shared {
            try db.markHelped(post: post)
            community.poke()
        }
        let root = try db.post(id: post).flatMap { $0.parent } ?? post
        let title = try db.thread(id: root).map { TaskWords.quoted($0.root.title) } ?? "post \(root)"
        if let taskID {
            try db.setFeedback(task: try db.task(ref: taskID.uuidString), postID: root, verdict: .helpful)
        }
        let whom = try shared ? db.post(id: post).map { ", a mark to \($0.author)" } ?? "" : ""
        return (Terminal.safe("Marked \(title) helpful\(taskID == nil ? "" : " for this task")\(whom)."), taskID)
    }

    func markSeen(question: Int64) throws -> (String?, UUID?) {
        try db.markSeen(thread: question)
        return (nil, nil)
    }

    private func wrote(_ post: Int64) {
        community.remember(post)
        community.poke()
    }

    static let notJoined = "no community joined: picnic community join URL"
}

extension EffectRunner {
    /// Starts the sync helper once a community is joined, off the input path (a capture never does).
    func startSync() {
        guard let dbPath, capture == nil else { return }
        communityQueue.async { [db, community] in
            guard let joined = try? db.communitySummary().communities, joined > 0 else { return }
            community.startSync(dbPath: dbPath)
        }
    }
}
