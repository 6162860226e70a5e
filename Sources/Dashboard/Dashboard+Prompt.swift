import TermUI
import Foundation
import PicnicCore

extension Dashboard {
    /// How many lines each prompt remembers.
    static let historyLimit = 100

    static func promptAction(_ state: inout AppState, _ action: Action) -> [Effect] {
        guard let prompt = state.prompt else { state.mode = .normal; return [] }
        let mode = state.mode
        switch action {
        case .cancel, .back:
            close(&state)
            if mode == .filter {
                state.filterText = ""
                applyFilter(&state, keepingIndex: state.selectedIndex)
                return selectionChanged(&state)
            }
            return []
        case .submit:
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            remember(&state, prompt.text, in: mode)
            close(&state)
            switch mode {
            case .filter:
                if state.filterError != nil {
                    say(&state, "Filter: \(state.filterError!)", error: true)
                }
                return []
            case .add:
                return text.isEmpty ? [] : [.addTask(text)]
            case .modify, .annotate:
                guard !text.isEmpty, let task = state.selectedTask else { return [] }
                return [mode == .modify ? .modify(task.uuid, text) : .annotate(task.uuid, text)]
            default: return []
            }
        case .moveDown, .moveUp, .moveTop, .moveBottom, .halfPageDown, .halfPageUp:
            // Only bound in the filter prompt by default: move the selection while typing.
            let page = max(1, Layout(width: state.width, height: state.height, mode: mode, focus: state.focus).queueRows / 2)
            return moveQueue(&state, action, page: page)
        default:
            return []
        }
    }

    /// Leaves the prompt for normal mode.
    static func close(_ state: inout AppState) {
        state.mode = .normal
        state.prompt = nil
        state.promptPreview = nil
        state.draftMatches = []
    }

    /// Keys that are not bound in a prompt edit its line; Up/Down walk the prompt's history.
    static func edit(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        let before = prompt.text
        if key == .up || key == .down || key == .ctrl("p") || key == .ctrl("n") {
            let past = state.history[state.mode] ?? []
            guard !past.isEmpty else { return [] }
            let at = past.lastIndex(of: prompt.text)
            let back = key == .up || key == .ctrl("p")
            let next: Int? = back ? (at.map { $0 - 1 } ?? past.count - 1) : at.map { $0 + 1 }
            if let next, past.indices.contains(next) { prompt.setText(past[next]) } else if !back { prompt.setText("") }
        } else if !prompt.handle(key) {
            return []
        }
        state.prompt = prompt
        return prompt.text == before ? [] : promptChanged(&state)
    }

    /// Live reactions to the line: filter the queue, preview the task, look for answers.
    static func promptChanged(_ state: inout AppState) -> [Effect] {
        guard let text = state.prompt?.text else { return [] }
        switch state.mode {
        case .filter:
            state.filterText = text
            applyFilter(&state, keepingIndex: 0, narrowing: true)
            return selectionChanged(&state)
        case .add:
            state.promptPreview = preview(&state, text)
            state.draftGeneration += 1
            if text.trimmingCharacters(in: .whitespaces).count < 3 {
                state.draftMatches = []
                return []
            }
            return [.matchDraft(text, generation: state.draftGeneration)]
        case .modify:
            state.promptPreview = preview(&state, text)
            return []
        default:
            return []
        }
    }

    static func preview(_ state: inout AppState, _ text: String) -> String? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        let result: Result<WorkTask, QuickAddError>
        if state.mode == .modify, let task = state.selectedTask {
            result = QueueRules.previewModification(text, of: task, now: state.now, calendar: state.calendar)
        } else {
            result = QueueRules.preview(text, now: state.now, calendar: state.calendar)
        }
        switch result {
        case .success(let task): return Describe.preview(task, now: state.now, calendar: state.calendar)
        case .failure(let e): return "⚠ " + e.description
        }
    }

    static func remember(_ state: inout AppState, _ line: String, in mode: Mode) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        var past = state.history[mode] ?? []
        if past.last != line { past.append(line) }
        if past.count > historyLimit { past.removeFirst(past.count - historyLimit) }
        state.history[mode] = past
    }
}
