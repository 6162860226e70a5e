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
            // Free words are matched here with an ASCII fast path: Foundation's case- and
            // accent-blind search costs ~5 µs a title, too slow per key on a 10k queue.
            var words: [String] = []
            f.terms.removeAll { term in
                if case .word(let w) = term { words.append(w); return true }
                return false
            }
            let rest = f
            return .success { task in
                rest.matches(task, now: now) && words.allSatisfy { titleContains(task.title, $0) }
            }
        } catch {
            return .failure(error)
        }
    }

    /// Whether `title` contains `word`, ignoring case and accents (as `TaskFilter` does).
    static func titleContains(_ title: String, _ word: String) -> Bool {
        let t = title.utf8, w = word.utf8
        guard t.allSatisfy({ $0 < 0x80 }), w.allSatisfy({ $0 < 0x80 }) else {
            return title.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
        if w.isEmpty { return true }
        let hay = Array(t), needle = w.map { $0 | (($0 >= 65 && $0 <= 90) ? 0x20 : 0) }
        guard hay.count >= needle.count else { return false }
        outer: for start in 0...(hay.count - needle.count) {
            for k in 0..<needle.count {
                var c = hay[start + k]
                if c >= 65 && c <= 90 { c |= 0x20 }
                if c != needle[k] { continue outer }
            }
            return true
        }
        return false
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
