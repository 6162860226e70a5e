import Foundation

/// A filter for `picnic list [FILTER]` and the dashboard's `/`: every term must match.
///
/// Terms: `+tag`, `-tag`, `project:NAME` (also matches sub-projects `NAME.x`; empty = no project),
/// `status:pending|active|waiting|done|deleted|open|closed|all`, `pri:H|M|L` (empty = none),
/// `due:WHEN` (due that day), `due.before:WHEN`, `due.after:WHEN`, `overdue`, `+OVERDUE`,
/// `+ACTIVE`, `+WAITING`, `+DUE` (due within a week), and free words that must all occur in
/// the title, a tag or the project (case and accents ignored). `--` makes the rest free words.
/// Without a status term, the queue shows pending and active tasks.
public struct TaskFilter: Equatable, Sendable {
    /// One condition.
    public enum Term: Equatable, Sendable {
        case tag(String, present: Bool)
        case project(String?)
        case priority(Priority?)
        case dueOn(ClosedRange<Date>)
        case dueBefore(Date)
        case dueAfter(Date)
        case overdue
        case dueSoon
        case hasStatus(TaskStatus)
        case word(String)
    }

    public var terms: [Term]
    /// The statuses shown; pending and active unless the filter names others.
    public var statuses: Set<TaskStatus>

    /// The default queue: every pending and active task.
    public static let queue = TaskFilter(terms: [], statuses: [.pending, .active])

    public init(terms: [Term], statuses: Set<TaskStatus>) {
        self.terms = terms
        self.statuses = statuses
    }

    /// Whether the filter can match done or deleted tasks (the store then loads them too).
    public var includesClosed: Bool { statuses.contains(.done) || statuses.contains(.deleted) }

    /// Reads filter words, e.g. `["+ci", "due.before:fri", "flaky"]`; a single argument holding
    /// several words is split on whitespace. Throws a usage error naming the bad token.
    public static func parse(_ words: [String], now: Date, calendar: Calendar) throws(PicnicError) -> TaskFilter {
        var terms: [Term] = []
        var statuses: Set<TaskStatus>?
        var literal = false
        let tokens = words.flatMap { QuickAdd.tokens($0).map { String($0.text) } }
        for token in tokens {
            func fail(_ reason: String) -> PicnicError { .usage("\(token): \(reason)") }
            func date(_ v: String) throws(PicnicError) -> Date {
                guard let d = DateExpression.parse(v, now: now, calendar: calendar) else { throw fail("not a date") }
                return d
            }
            if literal { terms.append(.word(token)); continue }
            if token == "--" { literal = true; continue }
            if token.hasPrefix("+") || token.hasPrefix("-"), token.count > 1 {
                let present = token.hasPrefix("+")
                let name = String(token.dropFirst())
                switch name {
                case "OVERDUE" where present: terms.append(.overdue)
                case "DUE" where present: terms.append(.dueSoon)
                case "ACTIVE" where present: statuses = (statuses ?? []).union([.active]); terms.append(.hasStatus(.active))
                case "WAITING" where present: statuses = (statuses ?? []).union([.waiting]); terms.append(.hasStatus(.waiting))
                default:
                    guard QuickAdd.isTagName(Substring(name)) else { throw fail("not a tag name") }
                    terms.append(.tag(name, present: present))
                }
                continue
            }
            if token.lowercased() == "overdue" { terms.append(.overdue); continue }
            guard let colon = token.firstIndex(of: ":") else { terms.append(.word(token)); continue }
            let key = token[..<colon].lowercased()
            let value = String(token[token.index(after: colon)...])
            switch key {
            case "project", "pro", "proj":
                terms.append(.project(value.isEmpty ? nil : value))
            case "pri", "prio", "priority":
                if value.isEmpty { terms.append(.priority(nil)) }
                else if let p = Priority(rawValue: value.uppercased()) { terms.append(.priority(p)) }
                else { throw fail("priority must be H, M or L") }
            case "status":
                let set: Set<TaskStatus>
                switch value.lowercased() {
                case "open": set = [.pending, .active, .waiting]
                case "closed": set = [.done, .deleted]
                case "all", "any": set = Set(TaskStatus.allCases)
                case "completed": set = [.done]
                default:
                    guard let s = TaskStatus(rawValue: value.lowercased()) else {
                        throw fail("status must be pending, active, waiting, done, deleted, open, closed or all")
                    }
                    set = [s]
                }
                statuses = (statuses ?? []).union(set)
            case "due":
                let d = try date(value)
                let start = calendar.startOfDay(for: d)
                terms.append(.dueOn(start...DateExpression.endOfDay(d, calendar)))
            case "due.before", "due.by", "due.until":
                terms.append(.dueBefore(try date(value)))
            case "due.after":
                terms.append(.dueAfter(try date(value)))
            default:
                if key.allSatisfy({ $0.isLetter || $0 == "." }) && !key.isEmpty {
                    throw fail("unknown filter (try +tag, project:, status:, pri:, due.before:, overdue; -- before words)")
                }
                terms.append(.word(token))
            }
        }
        return TaskFilter(terms: terms, statuses: statuses ?? [.pending, .active])
    }

    /// Whether `task` passes every term at `now`.
    public func matches(_ task: WorkTask, now: Date) -> Bool {
        guard statuses.contains(task.status) else { return false }
        for term in terms where !Self.matches(term, task, now: now) { return false }
        return true
    }

    static func matches(_ term: Term, _ task: WorkTask, now: Date) -> Bool {
        switch term {
        case .tag(let t, let present): return task.tags.contains(t) == present
        case .project(nil): return task.project == nil || task.project == ""
        case .project(let p?):
            guard let tp = task.project else { return false }
            return tp.caseInsensitiveCompare(p) == .orderedSame || tp.lowercased().hasPrefix(p.lowercased() + ".")
        case .priority(let p): return task.priority == p
        case .dueOn(let r): return task.due.map { r.contains($0) } ?? false
        case .dueBefore(let d): return task.due.map { $0 <= d } ?? false
        case .dueAfter(let d): return task.due.map { $0 > d } ?? false
        case .overdue: return task.status.isOpen && (task.due.map { $0 < now } ?? false)
        case .dueSoon: return task.due.map { $0 < now.addingTimeInterval(7 * 86400) } ?? false
        case .hasStatus(let s): return task.status == s
        case .word(let w):
            return searchText(task).range(of: w, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
    }

    /// What free words are looked for in: the title, the tags and the project, one a line (a
    /// word never holds a newline, so it never matches across two of them).
    public static func searchText(_ task: WorkTask) -> String {
        guard !task.tags.isEmpty || !(task.project ?? "").isEmpty else { return task.title }
        var s = task.title
        for tag in task.tags { s += "\n" + tag }
        if let p = task.project, !p.isEmpty { s += "\n" + p }
        return s
    }
}
