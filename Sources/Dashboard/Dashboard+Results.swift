import TermUI
import Foundation
import PicnicCore

extension Dashboard {
    /// How many of the most urgent tasks are scanned for strong help after each load.
    static let helpScanLimit = 200

    static func tasksLoaded(_ state: inout AppState, _ loaded: [WorkTask]) -> [Effect] {
        if state.mode == .capture { return captureTasksLoaded(&state, loaded) }
        let before = state.selectedTask
        let beforeIndex = state.selectedIndex
        let afterHead = state.loaded && !state.queueComplete
        state.tasks = QueueRules.sorted(loaded, now: state.now)
        state.openCount = state.tasks.count
        state.queueComplete = true
        state.loaded = true
        applyFilter(&state, keepingIndex: beforeIndex)
        if let shown = state.reader?.task, let fresh = state.tasks.first(where: { $0.uuid == shown.uuid }), fresh != shown {
            state.reader?.task = fresh
        }
        var effects: [Effect] = [.scanHelp(Array(state.tasks.prefix(helpScanLimit)))]
        // A changed task (new title, tags, notes) deserves a fresh match; so does the top task
        // once the whole queue is in (the head's frame only said "loading").
        let rematch = state.rematchOnLoad
        state.rematchOnLoad = false
        if afterHead || rematch || (state.selectedTask.map { $0.uuid == before?.uuid && $0 != before } ?? false) {
            effects += requestMatches(&state)
        } else {
            effects += selectionChanged(&state)
        }
        return effects
    }

    /// The first screen of the queue: drawn at once; the whole queue follows (`firstFrameDrawn`).
    /// Matching waits for it too: a match now would hold the store while the queue loads.
    static func queueHeadLoaded(_ state: inout AppState, _ head: [WorkTask], openCount: Int, due: DueCounts) -> [Effect] {
        if head.count >= openCount { return tasksLoaded(&state, head) }
        state.tasks = head
        state.queueComplete = false
        state.loaded = true
        state.setHeadCounts(open: openCount, due: due)
        applyFilter(&state)
        state.help = HelpPane()
        state.help.task = state.selected
        state.help.status = state.selected == nil ? .idle : .loading
        return []
    }

    static func matchesLoaded(_ state: inout AppState, task: UUID, generation: Int, matches: [ThreadMatch]) {
        guard task == state.selected, task == state.help.task, generation == state.matchGeneration else { return }
        let matches = withoutOwn(matches, state)
        state.help.matches = matches
        state.help.status = .loaded
        state.help.cursor = min(state.help.cursor, max(0, matches.count - 1))
        if matches.contains(where: \.strong) { state.strongHelp.insert(task) } else { state.strongHelp.remove(task) }
    }

    static func effectSucceeded(_ state: inout AppState, _ effect: Effect, message: String?, task: UUID?) -> [Effect] {
        if let message { say(&state, message) }
        if state.mode == .capture { return captureSucceeded(&state, effect, task: task) }
        var effects: [Effect] = []
        if case .addTask = effect, let task { state.selected = task }
        if effect.changesQueue { effects.append(.loadTasks) }
        switch effect {
        // An undo may have put back feedback (a hidden thread) as well as a task: match again at once.
        case .feedback, .ask, .undo, .markHelped: effects += requestMatches(&state)
        default: break
        }
        return effects + communitySucceeded(&state, effect)
    }

    static func effectFailed(_ state: inout AppState, _ effect: Effect, message: String) {
        say(&state, message, error: true)
        switch effect {
        case .match(let task, let generation) where task.uuid == state.help.task && generation == state.matchGeneration:
            state.help.status = .failed(message)
        case .loadThread(let id) where state.reader?.postID == id:
            state.reader?.error = message
        default: communityFailed(&state, effect, message: message)
        }
    }

    /// Recomputes the visible rows from the filter, keeping the selection by uuid (or, when the
    /// selected task left, the row that took its place). `narrowing` allows filtering the rows
    /// already shown when the new filter only narrows the last one (live typing).
    static func applyFilter(_ state: inout AppState, keepingIndex oldIndex: Int? = nil, narrowing: Bool = false) {
        let text = state.filterText.trimmingCharacters(in: .whitespaces)
        if text.isEmpty {
            state.rows = state.contextRows.map { QueueRows(state.tasks, positions: $0) } ?? QueueRows(all: state.tasks)
            state.appliedFilter = nil
            state.filterError = nil
        } else {
            switch QueueRules.parseFilter(text, now: state.now, calendar: state.calendar) {
            case .success(let filter):
                state.filterError = nil
                if narrowing, let old = state.appliedFilter, old == filter, state.rows.isOver(state.tasks) {
                    break
                }
                // The context's tasks, or (typing on) the rows already shown, which are among them.
                var among = state.contextRows
                if narrowing, let old = state.appliedFilter, QueueRules.narrows(old, to: filter), state.rows.isOver(state.tasks) {
                    among = state.rows.positions
                }
                let kept = QueueRules.positions(filter, in: state.tasks, titles: state.titles, now: state.now, among: among)
                state.rows = QueueRows(state.tasks, positions: kept)
                state.appliedFilter = filter
            case .failure(let error):
                state.filterError = error.message
                // Rows of an older task list must not outlive a reload.
                if !state.rows.isOver(state.tasks) {
                    state.rows = QueueRows(state.tasks, positions: state.appliedFilter.map {
                        QueueRules.positions($0, in: state.tasks, titles: state.titles, now: state.now, among: state.contextRows)
                    } ?? state.contextRows ?? Array(0..<Int32(state.tasks.count)))
                }
            }
        }
        if state.selectedIndex != nil { return }
        if state.rows.isEmpty { state.selected = nil; return }
        state.select(row: max(0, min(oldIndex ?? 0, state.rows.count - 1)))
    }

    /// After the selection moved: ask for the new task's matches (dropping the old request).
    static func selectionChanged(_ state: inout AppState) -> [Effect] {
        guard state.selected != state.help.task || state.help.status == .idle else { return [] }
        return requestMatches(&state)
    }

    /// Asks for fresh matches for the selected task.
    static func requestMatches(_ state: inout AppState) -> [Effect] {
        state.matchGeneration += 1
        let previous = state.help
        state.help = HelpPane()
        guard let task = state.selectedTask else { return [] }
        state.help.task = task.uuid
        state.help.status = .loading
        if previous.task == task.uuid {
            // Same task asked again (after feedback or an edit): keep showing the old list meanwhile.
            state.help.matches = previous.matches
            state.help.cursor = previous.cursor
            state.help.scroll = previous.scroll
        }
        return [.match(task, generation: state.matchGeneration)]
    }
}
