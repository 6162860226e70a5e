import TermUI
import Foundation
import PicnicCore

/// The keys of the community's own modes: the ask preview, the answer prompt, "You could help",
/// the ledger overlay and "What helped?".
extension Dashboard {
    static func communityMode(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch state.mode {
        case .ask: return ask(&state, action)
        case .answer: return answering(&state, action)
        case .couldHelp: return couldHelpList(&state, action)
        case .ledger:
            if action == .back || action == .cancel { state.mode = .normal }
            return []
        case .whatHelped: return whatHelped(&state, action)
        default: return []
        }
    }

    /// Keys no binding takes in a community mode: typing in the ask form or the answer; in
    /// "What helped?" any other key skips it and then does what it does in normal mode.
    static func communityEdit(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.mode {
        case .ask:
            guard var form = state.askForm else { return [] }
            let before = form.matchText
            switch form.field {
            case .body:
                guard form.body.handle(key) else { return [] }
            case .space where !form.spaces.isEmpty && (key == .left || key == .right):
                form.cycleSpace(by: key == .left ? -1 : 1)
            case .title, .tags, .space:
                if key == .enter {
                    form.field = AskForm.Field(rawValue: form.field.rawValue + 1) ?? .body
                } else {
                    var line = form.field == .title ? form.title : form.field == .tags ? form.tags : form.space
                    guard line.handle(key) else { return [] }
                    switch form.field {
                    case .title: form.title = line
                    case .tags: form.tags = line
                    default: form.space = line
                    }
                }
            }
            state.askForm = form
            return form.matchText == before ? [] : askChanged(&state)
        case .answer:
            guard var draft = state.answerDraft, draft.handle(key) else { return [] }
            state.answerDraft = draft
            return []
        case .whatHelped:
            state.mode = .normal
            state.whatHelped = nil
            return handleKey(&state, key)
        default:
            return []
        }
    }

    static func ask(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard var form = state.askForm else { state.mode = .normal; return [] }
        switch action {
        case .nextField, .previousField:
            let n = AskForm.Field.allCases.count
            let step = action == .nextField ? 1 : n - 1
            form.field = AskForm.Field(rawValue: (form.field.rawValue + step) % n)!
            state.askForm = form
        case .send:
            if let problem = form.problem {
                say(&state, "Not sent: " + problem, error: true)
                return []
            }
            state.mode = .normal
            state.askForm = nil
            return [.ask(form.draft)]
        case .editInEditor:
            form.field = .body
            state.askForm = form
            return [.editText(.askBody(task: form.task), form.body.text)]
        case .cancel, .back:
            state.mode = .normal
            state.askForm = nil
            say(&state, "Not asked: nothing was sent.")
        default: break
        }
        return []
    }

    /// The form's text changed: look again for threads that already answer it.
    static func askChanged(_ state: inout AppState) -> [Effect] {
        guard let form = state.askForm else { return [] }
        state.draftGeneration += 1
        let text = form.matchText
        if text.trimmingCharacters(in: .whitespaces).count < 3 {
            state.askForm?.matches = []
            return []
        }
        return [.matchDraft(text, generation: state.draftGeneration)]
    }

    static func answering(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let root = state.reader?.root, let draft = state.answerDraft else {
            state.mode = state.reader == nil ? .normal : .reader
            return []
        }
        switch action {
        case .send:
            let body = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !body.isEmpty else { return [] }
            state.mode = .reader
            state.answerDraft = nil
            state.answerDrafts[root.id] = draft
            return [.answer(question: root.id, body: body)]
        case .editInEditor:
            return [.editText(.answer(question: root.id), draft.text)]
        case .cancel, .back:
            state.mode = .reader
            state.answerDraft = nil
            if !draft.isBlank {
                state.answerDrafts[root.id] = draft
                let key = state.keymap.label(for: .answer, in: .reader) ?? "r"
                say(&state, "Answer kept, not sent: \(key) goes on with it.")
            }
        default: break
        }
        return []
    }

    static func couldHelpList(_ state: inout AppState, _ action: Action) -> [Effect] {
        let n = state.couldHelp.matches.count
        var c = state.couldHelp.cursor
        switch action {
        case .moveDown: c += 1
        case .moveUp: c -= 1
        case .moveTop: c = 0
        case .moveBottom: c = n - 1
        case .halfPageDown: c += 3
        case .halfPageUp: c -= 3
        case .open:
            guard let match = state.couldHelp.selected else { return [] }
            openReader(&state, root: match.post.id, match: match, task: nil)
            return [.loadThread(postID: match.post.id)]
        case .back, .cancel:
            state.mode = .normal
            return []
        default:
            return []
        }
        state.couldHelp.cursor = min(max(0, c), max(0, n - 1))
        return []
    }

    static func whatHelped(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let offer = state.whatHelped else { state.mode = .normal; return [] }
        state.mode = .normal
        state.whatHelped = nil
        let index: Int
        switch action {
        case .helped1: index = 0
        case .helped2: index = 1
        case .helped3: index = 2
        default:
            return []
        }
        guard offer.threads.indices.contains(index) else { return [] }
        return [.markHelped(post: offer.threads[index].post, task: offer.task)]
    }
}
