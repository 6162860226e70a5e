import TermUI
import Foundation
import PicnicCore
import CommunityAPI

/// The give-and-receive loop (issue 13): the community's answers to effects, and the keys of the
/// normal mode and the reader that reach the community.
extension Dashboard {
    // MARK: - Answers from the runner

    static func communityLoaded(_ state: inout AppState, _ snapshot: CommunitySnapshot) -> [Effect] {
        let before = state.community
        state.community = snapshot
        state.questionsByTask = Dictionary(grouping: snapshot.questions, by: \.task)
        state.newAnswerTasks = Set(snapshot.newAnswers.compactMap(\.task))
        dropOwnQuestions(&state)
        if let form = state.askForm, form.community == nil {
            state.askForm?.joined(snapshot, project: state.tasks.first { $0.uuid == form.task }?.project)
        }
        var effects: [Effect] = []
        if let first = snapshot.refused.first {
            state.lastRefused = first
            let more = snapshot.refused.count > 1 ? " (and \(snapshot.refused.count - 1) more)" : ""
            let copy = state.keymap.label(for: .copyRefused, in: .normal).map { "; \($0) copies its text" } ?? ""
            say(&state, "Not sent: \(first.what): \(first.reason)\(more)\(copy)", error: true)
        }
        if snapshot.joined && snapshot.position != state.couldHelp.position {
            effects += requestCouldHelp(&state)
        }
        if snapshot.position != before.position, let id = state.reader?.postID {
            effects.append(.loadThread(postID: id))
        }
        return effects
    }

    /// A person's own question is never help for their task: it is drawn as "your question" instead.
    static func dropOwnQuestions(_ state: inout AppState) {
        let mine = state.community.mine
        guard !mine.isEmpty else { return }
        if state.help.matches.contains(where: { mine.contains($0.post.id) }) {
            state.help.matches.removeAll { mine.contains($0.post.id) }
            if let task = state.help.task, state.help.status == .loaded {
                if state.help.hasStrong { state.strongHelp.insert(task) } else { state.strongHelp.remove(task) }
            }
        }
        state.couldHelp.matches.removeAll { mine.contains($0.post.id) }
        state.askForm?.matches.removeAll { mine.contains($0.post.id) }
    }

    /// Matches without the person's own questions.
    static func withoutOwn(_ matches: [ThreadMatch], _ state: AppState) -> [ThreadMatch] {
        state.community.mine.isEmpty ? matches : matches.filter { !state.community.mine.contains($0.post.id) }
    }

    static func requestCouldHelp(_ state: inout AppState) -> [Effect] {
        state.couldHelp.generation += 1
        state.couldHelp.position = state.community.position
        if state.couldHelp.status != .loaded { state.couldHelp.status = .loading }
        return [.loadCouldHelp(generation: state.couldHelp.generation)]
    }

    static func couldHelpLoaded(_ state: inout AppState, generation: Int, matches: [ThreadMatch]) {
        guard generation == state.couldHelp.generation else { return }
        let selected = state.couldHelp.selected?.post.id
        state.couldHelp.matches = withoutOwn(matches, state)
        state.couldHelp.status = .loaded
        if let selected, let i = state.couldHelp.matches.firstIndex(where: { $0.post.id == selected }) {
            state.couldHelp.cursor = i
        }
    }

    static func textEdited(_ state: inout AppState, _ purpose: EditPurpose, _ text: String?) -> [Effect] {
        switch purpose {
        case .askBody(let task):
            guard state.mode == .ask, state.askForm?.task == task else { return [] }
            guard let text else { return [] }
            state.askForm?.body.setText(text)
            return askChanged(&state)
        case .answer(let question):
            guard state.reader?.root?.id == question, state.mode == .reader || state.mode == .answer else { return [] }
            let draft = TextArea(text ?? state.answerDraft?.text ?? state.answerDrafts[question]?.text ?? "")
            if draft.isBlank {
                state.mode = .reader
                state.answerDraft = nil
                say(&state, "Nothing to send.")
                return []
            }
            state.answerDraft = draft
            state.mode = .answer
            return []
        }
    }

    /// After a community write: read the community state again, and the thread it touched.
    static func communitySucceeded(_ state: inout AppState, _ effect: Effect) -> [Effect] {
        guard effect.changesCommunity else { return [] }
        var effects: [Effect] = [.loadCommunity]
        switch effect {
        case .answer(let question, _):
            state.answerDrafts[question] = nil
            if state.reader?.postID == question { effects.append(.loadThread(postID: question)) }
        case .accept(let question, _):
            if state.reader?.postID == question { effects.append(.loadThread(postID: question)) }
        default: break
        }
        return effects
    }

    static func communityFailed(_ state: inout AppState, _ effect: Effect, message: String) {
        switch effect {
        case .loadLedger: state.ledger = .failed(message)
        case .loadCouldHelp(let generation) where generation == state.couldHelp.generation:
            state.couldHelp.status = .failed(message)
        default: break
        }
    }

    // MARK: - Keys of normal mode and the reader

    static func communityNormal(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .ask:
            guard let task = state.selectedTask else { return [] }
            let matches = state.help.task == task.uuid ? state.help.matches : []
            state.askForm = AskForm(task: task, community: state.community, matches: matches)
            state.mode = .ask
            return []
        case .newAnswer:
            return jumpToNewAnswer(&state)
        case .couldHelp:
            state.mode = .couldHelp
            return state.couldHelp.status == .idle ? requestCouldHelp(&state) : []
        case .ledger:
            state.mode = .ledger
            if case .failed = state.ledger { state.ledger = .loading }
            return [.loadLedger]
        case .copyRefused:
            return state.lastRefused.map { [.copy($0.text)] } ?? []
        default:
            return []
        }
    }

    /// `w`: select the task of the newest answer, open its question at that answer, mark it read.
    static func jumpToNewAnswer(_ state: inout AppState) -> [Effect] {
        guard let newest = state.community.newAnswers.first else { return [] }
        var effects: [Effect] = []
        if let task = newest.task, state.taskIDs.contains(task) {
            if state.rows.row(of: task) == nil {
                state.filterText = ""
                applyFilter(&state)
            }
            state.selected = task
            effects += selectionChanged(&state)
        }
        let question = state.community.questions.first { $0.post.id == newest.question }
        openReader(&state, root: newest.question, match: question.map(questionMatch), task: newest.task)
        state.reader?.selectedAnswer = newest.answer
        state.reader?.revealAnswer = true
        return effects + [.loadThread(postID: newest.question), .markSeen(question: newest.question)]
    }

    /// Opens the reader on a thread, remembering where Esc goes back to and the task it is read for.
    static func openReader(_ state: inout AppState, root: Int64, match: ThreadMatch?, task: UUID?) {
        let from = state.mode == .couldHelp ? Mode.couldHelp : .normal
        state.reader = Reader(postID: root, match: match)
        state.reader?.returnMode = from
        state.reader?.forTask = task
        state.mode = .reader
        guard let task, let match, !state.community.mine.contains(root) else { return }
        var opened = state.opened[task] ?? []
        opened.removeAll { $0.root == root }
        opened.append(HelpedThread(root: root, title: match.post.title, post: root))
        state.opened[task] = opened
    }

    /// Opens one of the person's own questions from the help pane.
    static func openQuestion(_ state: inout AppState, _ question: TaskQuestion) -> [Effect] {
        openReader(&state, root: question.post.id, match: questionMatch(question), task: question.task)
        var effects: [Effect] = [.loadThread(postID: question.post.id)]
        if question.unseen > 0 { effects.append(.markSeen(question: question.post.id)) }
        return effects
    }

    /// An own question as the reader's match (its title shows while the thread loads).
    static func questionMatch(_ q: TaskQuestion) -> ThreadMatch {
        ThreadMatch(post: q.post, answers: q.answers, accepted: q.accepted, score: 0, confidence: 0, strong: false,
                    reason: "your question", matched: [])
    }

    static func communityReader(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let reader = state.reader else { return [] }
        switch action {
        case .answer:
            guard let root = reader.root else { return [] }
            let draft = state.answerDrafts[root.id] ?? TextArea()
            if state.prefersEditor { return [.editText(.answer(question: root.id), draft.text)] }
            state.answerDraft = draft
            state.mode = .answer
        case .accept:
            guard let root = reader.root, let answer = reader.selectedReply else { return [] }
            return [.accept(question: root.id, answer: answer.accepted ? nil : answer.id)]
        case .nextAnswer, .previousAnswer:
            let replies = reader.orderedReplies
            guard !replies.isEmpty else { return [] }
            let i = replies.firstIndex { $0.id == reader.selectedAnswer }
            let step = action == .nextAnswer ? 1 : -1
            let next = i.map { min(max(0, $0 + step), replies.count - 1) } ?? (step > 0 ? 0 : replies.count - 1)
            state.reader?.selectedAnswer = replies[next].id
            state.reader?.revealAnswer = true
        case .helpful:
            // In a community, `+` is a helped mark on the answer read (or the thread), and still
            // the task's own `+`.
            let me = state.community.user
            let target = [reader.selectedReply, reader.root].compactMap { $0 }.first { $0.author != me || me.isEmpty }
            guard let target else {
                say(&state, "That is your own post")
                return []
            }
            return [.markHelped(post: target.id, task: reader.forTask ?? state.selected)]
        default: break
        }
        return []
    }

    /// Selects an answer when a thread arrives: the one asked for, else the first drawn.
    static func threadArrived(_ state: inout AppState) {
        guard let reader = state.reader else { return }
        if reader.selectedReply == nil { state.reader?.selectedAnswer = reader.orderedReplies.first?.id }
        // Reading one's own question: remember its best answer for "What helped?".
        if let root = reader.root, let task = reader.forTask, state.community.mine.contains(root.id),
           let best = reader.orderedReplies.first(where: { $0.author != state.community.user }) {
            var opened = state.opened[task] ?? []
            opened.removeAll { $0.root == root.id }
            opened.append(HelpedThread(root: root.id, title: root.title, post: best.id))
            state.opened[task] = opened
        }
    }

    /// "What helped?" when a task that had help is finished: the threads read for it, and its
    /// own questions that were answered, the most recent first.
    static func offerWhatHelped(_ state: inout AppState, _ task: UUID) {
        var threads = Array((state.opened[task] ?? []).reversed())
        for q in state.questionsByTask[task] ?? [] {
            guard let best = q.bestAnswer, !threads.contains(where: { $0.root == q.post.id }) else { continue }
            threads.append(HelpedThread(root: q.post.id, title: q.post.title, post: best))
        }
        state.opened[task] = nil
        guard !threads.isEmpty else { return }
        state.whatHelped = WhatHelped(task: task, threads: Array(threads.prefix(3)))
        state.mode = .whatHelped
    }
}
