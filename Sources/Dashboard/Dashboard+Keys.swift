import TermUI
import Foundation
import PicnicCore

extension Dashboard {
    static func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch key {
        case .resize: return []
        case .mouse(let m): return mouse(&state, m)
        default: break
        }
        let keys = state.pendingKeys + [key]
        switch state.keymap.lookup(keys, in: state.mode) {
        case .action(let action):
            state.pendingKeys = []
            return perform(&state, action)
        case .pending:
            state.pendingKeys = keys
            return []
        case .unbound:
            if !state.pendingKeys.isEmpty {
                // An abandoned sequence: drop it and read this key on its own.
                state.pendingKeys = []
                return handleKey(&state, key)
            }
            if state.mode == .ask || state.mode == .answer || state.mode == .whatHelped { return communityEdit(&state, key) }
            if state.mode.isPrompt { return edit(&state, key) }
            notBound(&state, key)
            return []
        }
    }

    /// Says (in the status line) that a key means nothing here and where the keys are listed.
    static func notBound(_ state: inout AppState, _ key: Key) {
        guard state.mode == .normal || state.mode == .reader || state.mode == .help else { return }
        let keysLabel = state.keymap.label(for: state.mode == .help ? .back : .keys, in: state.mode)
        let tail = state.mode == .help ? "" : keysLabel.map { "; \($0) lists the keys" } ?? ""
        say(&state, "\(key.label) is not bound here\(tail)")
    }

    /// The wheel scrolls what is under it; a click selects a queue row or a thread, or focuses a pane.
    static func mouse(_ state: inout AppState, _ m: Key.Mouse) -> [Effect] {
        let layout = Layout(width: state.width, height: state.height, mode: state.mode, focus: state.focus)
        switch m.action {
        case .wheelUp, .wheelDown:
            let action: Action = m.action == .wheelDown ? .moveDown : .moveUp
            if state.mode == .normal {
                state.focus = layout.help.contains(x: m.x, y: m.y) ? .help : .queue
                return normal(&state, action)
            }
            return state.mode == .reader || state.mode == .help ? perform(&state, action) : []
        case .press:
            guard state.mode == .normal else { return [] }
            if layout.queue.contains(x: m.x, y: m.y) {
                state.focus = .queue
                let row = state.queueScroll + m.y - layout.queue.y - 1
                guard m.y > layout.queue.y, row >= 0, row < state.rows.count else { return [] }
                state.select(row: row)
                return selectionChanged(&state)
            }
            if layout.help.contains(x: m.x, y: m.y) {
                state.focus = .help
                let top = m.y - layout.help.y - 1
                let questions = state.help.questions.count
                if top >= 0 && top < questions * HelpView.linesPerMatch {
                    state.help.cursor = top / HelpView.linesPerMatch
                    return []
                }
                let line = top - HelpView.headerLines(state)
                guard line >= 0 else { return [] }
                let index = state.help.scroll + line / HelpView.linesPerMatch
                if state.help.matches.indices.contains(index) { state.help.cursor = questions + index }
            }
            return []
        case .release:
            return []
        }
    }

    /// Runs an action in the current mode; an unavailable one only says why (its binding record).
    static func perform(_ state: inout AppState, _ action: Action) -> [Effect] {
        if let reason = action.unavailable(in: state) {
            say(&state, reason)
            return []
        }
        switch state.mode {
        case .normal: return normal(&state, action)
        case .filter, .add, .modify, .annotate, .capture: return promptAction(&state, action)
        case .confirmDelete: return confirm(&state, action)
        case .reader: return reader(&state, action)
        case .help:
            switch action {
            case .moveDown: state.overlayScroll += 1
            case .moveUp: state.overlayScroll -= 1
            case .halfPageDown: state.overlayScroll += max(1, state.height / 2)
            case .halfPageUp: state.overlayScroll -= max(1, state.height / 2)
            case .moveTop: state.overlayScroll = 0
            case .moveBottom: state.overlayScroll = Int.max / 2
            case .back, .cancel, .keys, .quit: state.mode = state.reader == nil ? .normal : .reader
            default: break
            }
            return []
        case .ask, .answer, .couldHelp, .ledger, .whatHelped:
            return communityMode(&state, action)
        }
    }

    static func normal(_ state: inout AppState, _ action: Action) -> [Effect] {
        let layout = Layout(width: state.width, height: state.height, mode: state.mode, focus: state.focus)
        let task = state.selectedTask
        switch action {
        case .moveDown, .moveUp, .moveTop, .moveBottom, .halfPageDown, .halfPageUp:
            if state.focus == .help {
                moveHelp(&state, action)
                return []
            }
            return moveQueue(&state, action, page: max(1, layout.queueRows / 2))
        case .nextPane: state.focus = state.focus == .queue ? .help : .queue
        case .focusQueue: state.focus = .queue
        case .focusHelp: state.focus = .help
        case .open:
            if let question = state.help.selectedQuestion { return openQuestion(&state, question) }
            guard let match = state.help.selectedMatch else { return [] }
            openReader(&state, root: match.post.id, match: match, task: state.help.task)
            return [.loadThread(postID: match.post.id)]
        case .showTask:
            guard let task else { return [] }
            state.reader = Reader(task: task)
            state.mode = .reader
        case .back:
            if !state.filterText.isEmpty {
                state.filterText = ""
                applyFilter(&state, keepingIndex: state.selectedIndex)
                return selectionChanged(&state)
            }
            state.focus = .queue
        case .filter:
            state.mode = .filter
            state.prompt = promptLine(state, .filter, text: state.filterText)
        case .nextHelped, .previousHelped:
            return jumpToHelped(&state, forward: action == .nextHelped)
        case .add:
            state.mode = .add
            state.prompt = promptLine(state, .add)
            state.promptPreview = nil
            state.draftMatches = []
        case .modify, .annotate, .modifySeries:
            guard task != nil else { return [] }
            let mode: Mode = action == .annotate ? .annotate : .modify
            state.mode = mode
            state.modifyWholeSeries = action == .modifySeries
            state.prompt = promptLine(state, mode)
            state.promptPreview = nil
        case .blockers: return jumpToBlocker(&state)
        case .dependant: return backToDependant(&state)
        case .nextContext: return nextContext(state)
        case .delete:
            guard let task else { return [] }
            state.message = nil // the status bar shows the question's keys instead
            state.mode = .confirmDelete
            state.deleteTarget = task.uuid
        case .editNotes, .done, .startStop:
            guard let task else { return [] }
            switch action {
            case .editNotes: return [.editNotes(task.uuid)]
            case .done:
                offerWhatHelped(&state, task.uuid)
                return [.markDone(task.uuid)]
            default: return [task.status == .active ? .stop(task.uuid) : .start(task.uuid)]
            }
        case .ask, .newAnswer, .couldHelp, .ledger, .copyRefused:
            return communityNormal(&state, action)
        case .undo: return [.undo]
        case .openLink:
            guard let url = Links.toOpen(state) else { return [] }
            return [.openURL(url)]
        case .copy:
            if state.focus == .help, let match = state.help.selectedMatch {
                return [.copy(match.post.url ?? Links.plainText(match.post))]
            }
            guard let task else { return [] }
            return [.copy(task.title)]
        case .helpful, .notForThis:
            return feedback(&state, match: state.help.selectedMatch, verdict: action == .helpful ? .helpful : .hidden)
        case .keys:
            state.mode = .help
            state.overlayScroll = 0
        case .quit: return [.quit]
        case .submit, .cancel, .confirm, .answer, .accept, .nextAnswer, .previousAnswer, .nextField, .previousField,
             .send, .editInEditor, .helped1, .helped2, .helped3: break
        }
        return []
    }

    static func feedback(_ state: inout AppState, match: ThreadMatch?, verdict: FeedbackVerdict) -> [Effect] {
        guard let task = state.selectedTask, let match else { return [] }
        return [.feedback(task: task.uuid, post: match.post.id, verdict: verdict)]
    }

    static func moveQueue(_ state: inout AppState, _ action: Action, page: Int) -> [Effect] {
        guard !state.rows.isEmpty else { return [] }
        let i = state.selectedIndex ?? 0
        let target: Int
        switch action {
        case .moveDown: target = i + 1
        case .moveUp: target = i - 1
        case .moveTop: target = 0
        case .moveBottom: target = state.rows.count - 1
        case .halfPageDown: target = i + page
        default: target = i - page
        }
        state.select(row: min(max(0, target), state.rows.count - 1))
        return selectionChanged(&state)
    }

    static func moveHelp(_ state: inout AppState, _ action: Action) {
        let n = state.help.matches.count
        guard n > 0 else { return }
        var c = state.help.cursor
        switch action {
        case .moveDown: c += 1
        case .moveUp: c -= 1
        case .moveTop: c = 0
        case .moveBottom: c = n - 1
        case .halfPageDown: c += 3
        default: c -= 3
        }
        state.help.cursor = min(max(0, c), n - 1)
    }

    static func jumpToHelped(_ state: inout AppState, forward: Bool) -> [Effect] {
        let n = state.rows.count
        guard n > 0 else { return [] }
        let start = state.selectedIndex ?? (forward ? -1 : n)
        for step in 1...n {
            let i = ((start + (forward ? step : -step)) % n + n) % n
            if state.strongHelp.contains(state.rows.uuid(at: i)) {
                state.select(row: i)
                return selectionChanged(&state)
            }
        }
        say(&state, "No task has strong help waiting")
        return []
    }

    static func confirm(_ state: inout AppState, _ action: Action) -> [Effect] {
        switch action {
        case .confirm:
            state.mode = .normal
            defer { state.deleteTarget = nil }
            return state.deleteTarget.map { [.delete($0)] } ?? []
        case .cancel, .back, .quit:
            state.mode = .normal
            state.deleteTarget = nil
            say(&state, "Not deleted")
        default: break
        }
        return []
    }

    static func reader(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let reader = state.reader else { state.mode = .normal; return [] }
        let page = max(1, Layout(width: state.width, height: state.height, mode: .reader, focus: state.focus).readerText.height - 1)
        switch action {
        case .moveDown: state.reader?.scroll += 1
        case .moveUp: state.reader?.scroll -= 1
        case .halfPageDown: state.reader?.scroll += max(1, page / 2)
        case .halfPageUp: state.reader?.scroll -= max(1, page / 2)
        case .moveTop: state.reader?.scroll = 0
        case .moveBottom: state.reader?.scroll = Int.max / 2
        case .back, .cancel, .quit:
            state.mode = reader.returnMode
            state.reader = nil
        case .openLink:
            guard let url = Links.first(in: reader) else { return [] }
            return [.openURL(url)]
        case .copy:
            return [.copy(Links.answerText(reader))]
        case .helpful where state.community.joined:
            return communityReader(&state, action)
        case .helpful, .notForThis:
            return feedback(&state, match: reader.match, verdict: action == .helpful ? .helpful : .hidden)
        case .answer, .accept, .nextAnswer, .previousAnswer:
            return communityReader(&state, action)
        case .keys:
            state.mode = .help
            state.overlayScroll = 0
        default: break
        }
        return []
    }
}
