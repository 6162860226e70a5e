import TermUI
import Foundation
import PicnicCore

/// Contexts, dependencies and series in the dashboard: the context narrows the queue and the
/// counts, `c` switches it, `b`/`B` walk from a task to what it waits on and back, `M` modifies
/// a whole series.
extension Dashboard {
    static func contextsLoaded(_ state: inout AppState, _ contexts: [QueueContext]) {
        let before = state.context
        state.contexts = contexts.sorted { $0.name < $1.name }
        state.context = contexts.first(where: \.isActive)
        if state.context != before || (state.contextFilter == nil) != (state.context == nil) {
            state.contextFilter = state.context.flatMap { c in
                switch QueueRules.parseFilter(c.filter, now: state.now, calendar: state.calendar) {
                case .success(let f): return f
                case .failure(let e):
                    say(&state, "Context \(c.name) does not read (\(e.message)): showing every task", error: true)
                    return nil
                }
            }
            if state.loaded { applyFilter(&state, keepingIndex: state.selectedIndex) }
        }
    }

    /// `c`: the context after the active one by name; none after the last.
    static func nextContext(_ state: AppState) -> [Effect] {
        let names = state.contexts.map(\.name)
        guard !names.isEmpty else { return [] }
        guard let current = state.context?.name, let i = names.firstIndex(of: current) else { return [.setContext(names[0])] }
        return [.setContext(i + 1 < names.count ? names[i + 1] : nil)]
    }

    /// `b`: select the selected task's first open blocker; again on that blocker, the next one.
    static func jumpToBlocker(_ state: inout AppState) -> [Effect] {
        guard let task = state.selectedTask else { return [] }
        var trail: BlockerTrail
        if let t = state.blockerTrail, t.current == task.uuid {
            guard t.blockers.count > 1 else {
                say(&state, "That is the only open task \(name(state, t.dependant)) waits on; B goes back")
                return []
            }
            trail = t
            trail.index = (t.index + 1) % t.blockers.count
        } else {
            let open = task.depends.filter { d in state.tasks.contains { $0.uuid == d } }
            let ordered = state.tasks.map(\.uuid).filter(open.contains)
            guard !ordered.isEmpty else {
                say(&state, "This task waits on nothing open")
                return []
            }
            trail = BlockerTrail(dependant: task.uuid, blockers: ordered, index: 0)
        }
        guard reveal(&state, trail.current) else { return [] }
        state.blockerTrail = trail
        let count = trail.blockers.count
        say(&state, "\(name(state, trail.dependant)) waits on \(count == 1 ? "this" : "\(trail.index + 1) of \(count)")"
            + (count > 1 ? " (b next, B back)" : " (B back)"))
        return selectionChanged(&state)
    }

    /// `B`: back to the task whose blockers `b` walked.
    static func backToDependant(_ state: inout AppState) -> [Effect] {
        guard let trail = state.blockerTrail else { return [] }
        guard reveal(&state, trail.dependant) else { return [] }
        state.blockerTrail = nil
        return selectionChanged(&state)
    }

    /// Selects an open task, clearing the live filter if it hides it; false (with a message)
    /// when the context hides it or it is no longer open.
    static func reveal(_ state: inout AppState, _ uuid: UUID) -> Bool {
        if state.rows.row(of: uuid) == nil, !state.filterText.isEmpty {
            state.filterText = ""
            applyFilter(&state)
        }
        guard let row = state.rows.row(of: uuid) else {
            if let c = state.context, state.tasks.contains(where: { $0.uuid == uuid }) {
                say(&state, "\(name(state, uuid)) is outside the context \(c.name) (c switches)", error: true)
            } else {
                say(&state, "That task is no longer open", error: true)
            }
            return false
        }
        state.select(row: row)
        return true
    }

    /// `5 “Order parts”` for messages.
    static func name(_ state: AppState, _ uuid: UUID) -> String {
        guard let t = state.tasks.first(where: { $0.uuid == uuid }) else { return "a task" }
        let title = Sanitizer.line(t.title)
        let short = title.count > 30 ? String(title.prefix(29)) + "…" : title
        return "\(t.number.map { "\($0) " } ?? "")“\(short)”"
    }

    /// Why a new task's line would be refused beyond its own syntax: a dependency on a number no
    /// open task holds (the store would refuse it too). Checked only once the whole queue is known.
    static func dependencyRefusal(_ state: AppState, _ change: TaskModification) -> String? {
        guard state.queueComplete else { return nil }
        for ref in change.addDepends + change.removeDepends where ref.count < 4 {
            guard let n = Int(ref) else { continue }
            let sign = change.removeDepends.contains(ref) ? "-" : ""
            if !state.tasks.contains(where: { $0.number == n }) { return "\(sign)depends:\(ref): no open task \(ref)" }
            if state.mode == .modify, n == state.selectedTask?.number { return "depends:\(ref): a task cannot depend on itself" }
        }
        return nil
    }
}
