import TermUI
import Foundation
import PicnicCore

/// The queue pane: open tasks, most urgent first.
enum QueueView {
    /// Glyph for a task's status: ▶ active, ○ pending, ⏸ waiting.
    static func glyph(_ status: TaskStatus) -> String {
        switch status {
        case .active: "▶"
        case .waiting: "⏸"
        case .pending: "○"
        case .done: "✓"
        case .deleted: "✗"
        }
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        var title = "Queue"
        let active = state.mode == .filter ? (state.prompt?.text ?? "") : state.filterText
        if !active.trimmingCharacters(in: .whitespaces).isEmpty {
            title += " /" + Sanitizer.line(active)
        }
        let figure = state.rows.count == state.tasks.count ? "\(state.openCount)" : "\(state.rows.count)/\(state.openCount)"
        buffer.render(Box(title: StyledLine(title), count: state.loaded ? figure : "", focused: focused), in: rect)
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        if !state.loaded {
            buffer.write("Loading…", x: inner.x + 1, y: inner.y, style: .dim, clip: inner)
            return
        }
        if state.rows.isEmpty {
            let lines = state.tasks.isEmpty
                ? ["Nothing in the queue.", "Press \(state.keymap.label(for: .add, in: .normal) ?? "a") to add a task."]
                : ["No task matches the filter.", "Esc clears it."]
            for (i, l) in lines.enumerated() where i < inner.height {
                buffer.write(l, x: inner.x + 1, y: inner.y + i, style: .dim, clip: inner)
            }
            return
        }
        for row in 0..<inner.height {
            let index = state.queueScroll + row
            guard index < state.rows.count else { break }
            let task = state.rows[index]
            let line = self.line(task, state: state, width: inner.width, selected: task.uuid == state.selected)
            buffer.write(line, x: inner.x, y: inner.y + row, clip: inner)
        }
    }

    /// The help column: ◆ a new answer to a question asked from the task, ● strong help waiting,
    /// ? a question asked and waiting.
    static func mark(_ task: UUID, _ state: AppState) -> (glyph: String, style: Style) {
        if state.newAnswerTasks.contains(task) { return ("◆", Style.accent.with(.bold)) }
        if state.strongHelp.contains(task) { return ("●", .strong) }
        if state.questionsByTask[task] != nil { return ("?", .dim) }
        return (" ", .strong)
    }

    /// Marks a task with notes or annotations (`i` shows them).
    static let notesMark = "✎"

    /// One row: marker, status, help dot, notes mark, title with tags and project, priority, due.
    static func line(_ task: WorkTask, state: AppState, width: Int, selected: Bool) -> StyledLine {
        var left = StyledLine()
        left.append(selected ? "›" : " ", .accent)
        left.append(glyph(task.status), task.status == .active ? Style.accent.with(.bold) : .normal)
        let help = mark(task.uuid, state)
        left.append(help.glyph, help.style)
        left.append(task.notes.isEmpty && task.annotations.isEmpty ? " " : notesMark, .dim)
        left.append(" ")
        var right = StyledLine()
        let showRight = width >= 24
        if showRight {
            let pri = task.priority?.rawValue ?? " "
            let priStyle: Style = switch task.priority {
            case .H: Style.priorityHigh.with(.bold)
            case .M: .priorityMedium
            case .L: .priorityLow
            case nil: .normal
            }
            right.append(" " + pri, priStyle)
            if let due = task.due {
                let text = Describe.due(due, now: state.now, calendar: state.calendar)
                let overdue = due < state.now && text.hasPrefix("-")
                right.append(" " + TextLayout.pad(text, to: Describe.dueWidth, align: .right),
                             overdue ? Style.overdue.with(.bold) : text == "today" ? .due : .dim)
            } else {
                right.append(String(repeating: " ", count: 1 + Describe.dueWidth))
            }
        }
        let middleWidth = max(0, width - left.width - right.width)
        // Marks before the title: ⊘ waits on an open task, ↻ recurring, ◷ not ready yet (dim, and
        // listed after every ready task).
        let later = Urgency.laterKey(task.scheduled, now: state.now) != .distantPast
        var middle = StyledLine()
        if task.blocked { middle.append("⊘ ", .warning) }
        if task.series != nil { middle.append("↻ ", .dim) }
        if later { middle.append("◷ ", .dim) }
        middle.append(Sanitizer.line(task.title), later ? .dim : selected ? Style.normal.with(.bold) : .normal)
        for tag in task.tags { middle.append(" +" + Sanitizer.line(tag), .tag) }
        if let p = task.project, !p.isEmpty { middle.append(" " + Sanitizer.line(p), .project) }
        middle = middle.clipped(to: middleWidth)
        let pad = max(0, middleWidth - middle.width)
        var line = left
        line.spans += middle.spans
        if pad > 0 { line.append(String(repeating: " ", count: pad)) }
        line.spans += right.spans
        return selected ? line.map { $0.selected() } : line
    }
}
