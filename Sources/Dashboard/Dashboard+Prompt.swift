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
            // Esc in a Tab cycle puts back the word as typed, like readline.
            if var line = state.prompt, line.cancelCompletion() {
                state.prompt = line
                return promptChanged(&state)
            }
            if mode == .capture {
                state.captured = .cancelled
                return [.quit]
            }
            close(&state)
            if mode == .filter {
                state.filterText = ""
                applyFilter(&state, keepingIndex: state.selectedIndex)
                return selectionChanged(&state)
            }
            return []
        case .submit:
            let text = prompt.text.trimmingCharacters(in: .whitespaces)
            if mode == .capture { return submitCapture(&state, text) }
            if let reason = refusal(state, text) {
                // The line stays for fixing, as the preview already says why.
                let esc = state.keymap.label(for: .cancel, in: mode) ?? "Esc"
                say(&state, "\(mode == .add ? "Not added" : "Not modified"): \(reason); \(esc) drops the line", error: true)
                return []
            }
            remember(&state, prompt.text, in: mode)
            let wholeSeries = state.modifyWholeSeries
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
                if mode == .modify { return [wholeSeries ? .modifySeries(task.uuid, text) : .modify(task.uuid, text)] }
                return [.annotate(task.uuid, text)]
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

    /// Why an add or modify line cannot be saved as typed, or nil (empty lines just close).
    static func refusal(_ state: AppState, _ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        switch state.mode {
        case .add, .capture:
            switch QueueRules.preview(text, now: state.now, calendar: state.calendar, context: state.context) {
            case .failure(let e): return e.description
            case .success(let p): return dependencyRefusal(state, p.change)
            }
        case .modify:
            guard let task = state.selectedTask else { return nil }
            switch QueueRules.previewModification(text, of: task, now: state.now, calendar: state.calendar) {
            case .failure(let e): return e.description
            case .success(let p): return dependencyRefusal(state, p.change)
            }
        default: break
        }
        return nil
    }

    /// Leaves the prompt for normal mode.
    static func close(_ state: inout AppState) {
        state.mode = .normal
        state.modifyWholeSeries = false
        state.prompt = nil
        state.promptPreview = nil
        state.draftMatches = []
    }

    /// A fresh prompt line for a mode, with its history and completions.
    static func promptLine(_ state: AppState, _ mode: Mode, text: String = "") -> PromptLine {
        PromptLine(mode: mode, text: text, history: state.history[mode] ?? [],
                   completer: PromptCompletion.completer(for: mode, tasks: state.tasks))
    }

    /// Keys that are not bound in a prompt edit its line (`LineEditor`: readline keys, ↑/↓ or
    /// Ctrl-P/Ctrl-N through the history, Tab completion).
    static func edit(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var prompt = state.prompt else { return [] }
        let before = prompt.text
        guard prompt.handle(key) else { return [] }
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
        case .add, .capture:
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
        let result: Result<QueueRules.Preview, QuickAddError>
        if state.mode == .modify, let task = state.selectedTask {
            result = QueueRules.previewModification(text, of: task, now: state.now, calendar: state.calendar)
        } else {
            result = QueueRules.preview(text, now: state.now, calendar: state.calendar, context: state.context)
        }
        switch result {
        case .success(let p):
            if let reason = dependencyRefusal(state, p.change) { return "⚠ " + reason }
            return Describe.preview(p, state: state)
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
