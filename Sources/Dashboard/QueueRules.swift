import Foundation
import PicnicCore

/// The queue rules the dashboard leans on, all from PicnicCore: urgency order, the `/` filter
/// (the same language as `picnic list`), and the quick-add parser for live previews.
enum QueueRules {
    /// Open tasks, most urgent first.
    static func sorted(_ tasks: [WorkTask], now: Date) -> [WorkTask] {
        Urgency.sorted(tasks.filter { $0.status.isOpen }, now: now)
    }

    /// Parses the filter text, or returns the usage error naming the bad token.
    ///
    /// Without a `status:` term the dashboard keeps waiting tasks visible (the queue shows them
    /// with ⏸), unlike `picnic list`, which shows pending and active only.
    static func parseFilter(_ text: String, now: Date, calendar: Calendar) -> Result<TaskFilter, PicnicError> {
        do {
            var f = try TaskFilter.parse([text], now: now, calendar: calendar)
            if f.statuses == TaskFilter.queue.statuses { f.statuses.insert(.waiting) }
            return .success(f)
        } catch {
            return .failure(error)
        }
    }

    /// The positions (ascending) in `tasks` of the tasks `filter` keeps, looking only at `among`
    /// when given (a narrowing). Free words are searched in the prepared `titles` (titles, tags
    /// and projects).
    static func positions(_ filter: TaskFilter, in tasks: [WorkTask], titles: TitleIndex, now: Date, among: [Int32]?) -> [Int32] {
        // Free words are matched here with an ASCII fast path: Foundation's case- and
        // accent-blind search costs microseconds a title, too slow per key on a 10k queue.
        var rest = filter
        var words: [String] = []
        rest.terms.removeAll { term in
            if case .word(let w) = term { words.append(w); return true }
            return false
        }
        let needles = words.map(WordNeedle.init)
        // The queue holds open tasks only: a filter of words alone keeps or drops by its words.
        let titleOnly = rest.terms.isEmpty && rest.statuses.isSuperset(of: [.pending, .active, .waiting])
        var kept: [Int32] = []
        func keep(_ p: Int) -> Bool {
            for needle in needles where !titles.contains(needle, at: p, title: TaskFilter.searchText(tasks[p])) { return false }
            return titleOnly || rest.matches(tasks[p], now: now)
        }
        if let among {
            kept.reserveCapacity(among.count)
            for p in among where keep(Int(p)) { kept.append(p) }
        } else {
            kept.reserveCapacity(tasks.count)
            for p in tasks.indices where keep(p) { kept.append(Int32(p)) }
        }
        return kept
    }

    /// Whether every task `new` accepts is also accepted by `old`, so typing one more letter
    /// can filter the rows already shown instead of the whole queue.
    static func narrows(_ old: TaskFilter, to new: TaskFilter) -> Bool {
        guard old.statuses == new.statuses, new.terms.count >= old.terms.count, !old.terms.isEmpty else { return false }
        let n = old.terms.count
        if new.terms.prefix(n) == old.terms[...] { return true }
        guard new.terms.count == n, Array(new.terms.prefix(n - 1)) == Array(old.terms.prefix(n - 1)),
              case .word(let a) = old.terms[n - 1], case .word(let b) = new.terms[n - 1] else { return false }
        return titleContains(b, a)
    }

    /// Whether `title` contains `word`, ignoring case and accents (as `TaskFilter` does).
    static func titleContains(_ title: String, _ word: String) -> Bool {
        WordNeedle(word).found(in: title)
    }

    /// A filter word prepared once for many titles.
    struct WordNeedle {
        let word: String
        /// Lowercased ASCII bytes, or nil when the word is not ASCII.
        let ascii: [UInt8]?

        init(_ word: String) {
            self.word = word
            ascii = word.utf8.allSatisfy { $0 < 0x80 } ? word.utf8.map { ($0 >= 65 && $0 <= 90) ? $0 | 0x20 : $0 } : nil
        }

        func found(in title: String) -> Bool {
            if let needle = ascii, let hit = title.utf8.withContiguousStorageIfAvailable({ Self.search($0, needle) }), let hit {
                return hit
            }
            return title.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }

        /// ASCII case-blind search: true when found; nil when not found in a title holding
        /// non-ASCII text (an accented letter may still fold to the word: Foundation decides).
        static func search(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool? {
            let n = needle.count, h = hay.count
            if n == 0 { return true }
            var ascii = true
            var i = 0
            while i < h {
                if hay[i] >= 0x80 { ascii = false }
                if i + n <= h {
                    var k = 0
                    while k < n {
                        var x = hay[i + k]
                        if x >= 65 && x <= 90 { x |= 0x20 }
                        if x != needle[k] { break }
                        k += 1
                    }
                    if k == n { return true }
                }
                i += 1
            }
            return ascii ? false : nil
        }
    }

    /// A line read for the live preview: the task as it would be, and the change itself (its
    /// dependencies and recurrence are applied by the store, so the preview says them from here).
    struct Preview {
        var task: WorkTask
        var change: TaskModification
        /// What the active context adds (its name), when it adds anything.
        var context: String?
    }

    /// The task a quick-add line would create, with what the active context adds, or why it cannot.
    static func preview(_ text: String, now: Date, calendar: Calendar, context: QueueContext? = nil) -> Result<Preview, QuickAddError> {
        QuickAdd.preview(text, now: now, calendar: calendar).map { m in
            var m = m
            var from: String?
            if let context, let filter = try? context.parsed(now: now, calendar: calendar) {
                let before = m
                QueueContext.merge(QueueContext.additions(filter), into: &m)
                if m != before { from = context.name }
            }
            return Preview(task: m.makeTask(now: now), change: m, context: from)
        }
    }

    /// The task as a modify line would leave it, or why the line is refused.
    static func previewModification(_ text: String, of task: WorkTask, now: Date, calendar: Calendar) -> Result<Preview, QuickAddError> {
        do {
            let m = try QuickAdd.parseModification(text, now: now, calendar: calendar)
            var changed = task
            m.apply(to: &changed, now: now)
            return .success(Preview(task: changed, change: m))
        } catch {
            return .failure(error)
        }
    }
}
