import TermUI
import Foundation
import PicnicCore

/// The reader's page for a task (`i`): title, facts, dates, notes and annotations.
enum TaskDetailView {
    /// All lines of the task's page at a text width.
    static func lines(_ task: WorkTask, state: AppState, width: Int) -> [StyledLine] {
        let w = max(1, width)
        var out: [StyledLine] = []
        func text(_ s: String, _ style: Style = .normal) {
            out += TextLayout.wrap(StyledLine(Sanitizer.clean(s), style), width: w)
        }
        text(task.title.isEmpty ? "(no title)" : task.title, Style.title.with(.bold))
        text(facts(task, state: state), .dim)
        text(dates(task, state: state), .dim)
        out.append("")
        let notes = task.notes.trimmingCharacters(in: .whitespacesAndNewlines)
        if !notes.isEmpty { text(notes) }
        for (i, a) in task.annotations.enumerated() {
            if i > 0 || !notes.isEmpty { out.append("") }
            let head = "── " + Describe.dayFormat.string(a.entry, state.calendar, now: state.now) + " · " + Describe.age(a.entry, now: state.now) + " "
            let rule = TextLayout.clip(head, to: w, ellipsis: "") + String(repeating: "─", count: max(0, w - head.displayWidth))
            out.append(StyledLine(rule, .border))
            text(a.text)
        }
        if notes.isEmpty && task.annotations.isEmpty {
            let back = state.keymap.label(for: .back, in: .reader) ?? "Esc"
            let edit = state.keymap.label(for: .editNotes, in: .normal) ?? "e"
            let annotate = state.keymap.label(for: .annotate, in: .normal) ?? "A"
            out.append(StyledLine("No notes yet. \(back), then \(edit) writes notes or \(annotate) adds an annotation.", .dim))
        }
        return out
    }

    /// `3 · active · pri H · +ci · project infra`.
    static func facts(_ task: WorkTask, state: AppState) -> String {
        var f: [String] = []
        if let n = task.number { f.append("task \(n)") }
        f.append(task.status == .active ? "started" : task.status == .pending ? "open" : task.status.rawValue)
        if let p = task.priority { f.append("pri \(p.rawValue)") }
        f += task.tags.map { "+" + Sanitizer.line($0) }
        if let p = task.project, !p.isEmpty { f.append("project " + Sanitizer.line(p)) }
        return f.joined(separator: " · ")
    }

    /// `due Mon 30 Nov (tmrw) · waits until Tue 1 Dec · added 3 days ago`.
    static func dates(_ task: WorkTask, state: AppState) -> String {
        var f: [String] = []
        if let d = task.due {
            f.append("due \(Describe.dayFormat.string(d, state.calendar, now: state.now)) (\(Describe.due(d, now: state.now, calendar: state.calendar)))")
        }
        if let w = task.wait, w > state.now { f.append("waits until \(Describe.dayFormat.string(w, state.calendar, now: state.now))") }
        f.append("added " + Describe.age(task.created, now: state.now))
        if task.status == .active, let s = task.started { f.append("started " + Describe.age(s, now: state.now)) }
        return f.joined(separator: " · ")
    }
}
