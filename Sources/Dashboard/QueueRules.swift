import Foundation
import PicnicCore

/// The queue rules the dashboard leans on, all from PicnicCore: urgency order, the `/` filter
/// (the same language as `picnic list`), and the quick-add parser for live previews.
enum QueueRules {
    /// Open tasks, most urgent first.
    static func sorted(_ tasks: [WorkTask], now: Date) -> [WorkTask] {
        Urgency.sorted(tasks.filter { $0.status.isOpen }, now: now)
    }

    /// A predicate for the filter text, or the usage error naming the bad token.
    ///
    /// Without a `status:` term the dashboard keeps waiting tasks visible (the queue shows them
    /// with ⏸), unlike `picnic list`, which shows pending and active only.
    static func filter(_ text: String, now: Date, calendar: Calendar) -> Result<(WorkTask) -> Bool, PicnicError> {
        do {
            var f = try TaskFilter.parse([text], now: now, calendar: calendar)
            if f.statuses == TaskFilter.queue.statuses { f.statuses.insert(.waiting) }
            return .success { f.matches($0, now: now) }
        } catch {
            return .failure(error)
        }
    }

    /// The task a quick-add line would create, or why it cannot.
    static func preview(_ text: String, now: Date, calendar: Calendar) -> Result<WorkTask, QuickAddError> {
        QuickAdd.preview(text, now: now, calendar: calendar).map { $0.makeTask(now: now) }
    }

    /// The task as a modify line would leave it, or why the line is refused.
    static func previewModification(_ text: String, of task: WorkTask, now: Date, calendar: Calendar) -> Result<WorkTask, QuickAddError> {
        do {
            let m = try QuickAdd.parseModification(text, now: now, calendar: calendar)
            var changed = task
            m.apply(to: &changed, now: now)
            return .success(changed)
        } catch {
            return .failure(error)
        }
    }
}
