import Foundation

/// A filter for `picnic list [FILTER]` and the dashboard's `/`: every term must match.
///
/// Terms: `+tag`, `-tag`, `project:NAME` (also matches sub-projects `NAME.x`; empty = no project),
/// `status:pending|active|waiting|done|deleted|open|closed|all`, `pri:H|M|L` (empty = none),
/// `due:WHEN` (due that day), `due.before:WHEN`, `due.after:WHEN`, `overdue`, `+OVERDUE`,
/// `+ACTIVE`, `+WAITING`, `+DUE` (due within a week), and free words that must all occur in
/// the title, a tag or the project (case and accents ignored). `--` makes the rest free words.
/// `+BLOCKED`, `+UNBLOCKED`, `+BLOCKING`, `+READY`, `+SCHEDULED` and `+RECURRING` are the queue's
/// states. `or` between terms and `( … )` group them (`+work or project:infra`; `and` is
/// implied); `status:` anywhere applies to the whole filter.
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
        /// Waits on an open task (`+BLOCKED`; `present: false` is `+UNBLOCKED`).
        case blocked(Bool)
        /// An open task waits on it (`+BLOCKING`).
        case blocking
        /// Open, not waiting, not blocked, and its scheduled date (if any) has come (`+READY`).
        case ready
        /// Has a scheduled date (`+SCHEDULED`).
        case scheduled
        /// An instance of a recurring series (`+RECURRING`).
        case recurring
        /// At least one of the alternatives (each all of its terms): `or` and parentheses.
        case anyOf([[Term]])
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
        var statuses: Set<TaskStatus>?
        var tokens: [String] = []
        var literal = false
        for word in words {
            for piece in QuickAdd.tokens(word).map({ String($0.text) }) {
                if literal { tokens.append(piece); continue }
                if piece == "--" { literal = true }
                tokens.append(contentsOf: splitParentheses(piece))
            }
        }
        var position = 0
        let terms = try group(tokens, &position, depth: 0, statuses: &statuses, now: now, calendar: calendar)
        if position < tokens.count { throw .usage("): no ( to close") }
        return TaskFilter(terms: terms, statuses: statuses ?? [.pending, .active])
    }

    /// `(a` and `b)` as `(`, `a`, `b`, `)`: parentheses may touch the terms they group.
    static func splitParentheses(_ token: String) -> [String] {
        var head: [String] = [], tail: [String] = []
        var t = Substring(token)
        while t.count > 1, t.first == "(" { head.append("("); t = t.dropFirst() }
        while t.count > 1, t.last == ")" { tail.append(")"); t = t.dropLast() }
        return head + [String(t)] + tail
    }

    /// Alternatives separated by `or` up to a `)` or the end; each alternative all of its terms.
    static func group(_ tokens: [String], _ i: inout Int, depth: Int, statuses: inout Set<TaskStatus>?,
                      now: Date, calendar: Calendar) throws(PicnicError) -> [Term] {
        var alternatives: [[Term]] = [[]]
        var literal = false
        while i < tokens.count {
            let token = tokens[i]
            if literal { alternatives[alternatives.count - 1].append(.word(token)); i += 1; continue }
            switch token.lowercased() {
            case "--": literal = true; i += 1; continue
            case "and": i += 1; continue
            case "or":
                guard !alternatives[alternatives.count - 1].isEmpty else { throw .usage("or: a term must come before it") }
                alternatives.append([])
                i += 1
                continue
            case "(":
                i += 1
                let inner = try group(tokens, &i, depth: depth + 1, statuses: &statuses, now: now, calendar: calendar)
                guard i < tokens.count, tokens[i] == ")" else { throw .usage("(: no ) to close it") }
                i += 1
                alternatives[alternatives.count - 1].append(contentsOf: inner)
                continue
            case ")" where depth > 0:
                return try close(alternatives)
            default:
                if token == ")" { return try close(alternatives) }
            }
            if let term = try term(token, statuses: &statuses, now: now, calendar: calendar) {
                alternatives[alternatives.count - 1].append(term)
            }
            i += 1
        }
        return try close(alternatives)
    }

    static func close(_ alternatives: [[Term]]) throws(PicnicError) -> [Term] {
        if alternatives.count == 1 { return alternatives[0] }
        guard !alternatives[alternatives.count - 1].isEmpty else { throw .usage("or: a term must follow it") }
        return [.anyOf(alternatives)]
    }

    /// One term; nil for a word that only sets the statuses (`status:done`).
    static func term(_ token: String, statuses: inout Set<TaskStatus>?, now: Date, calendar: Calendar) throws(PicnicError) -> Term? {
        var terms: [Term] = []
        do {
            func fail(_ reason: String) -> PicnicError { .usage("\(token): \(reason)") }
            func date(_ v: String) throws(PicnicError) -> Date {
                guard let d = DateExpression.parse(v, now: now, calendar: calendar) else { throw fail("not a date") }
                return d
            }
            if token.hasPrefix("+") || token.hasPrefix("-"), token.count > 1 {
                let present = token.hasPrefix("+")
                let name = String(token.dropFirst())
                switch name {
                case "OVERDUE" where present: terms.append(.overdue)
                case "DUE" where present: terms.append(.dueSoon)
                case "ACTIVE" where present: statuses = (statuses ?? []).union([.active]); terms.append(.hasStatus(.active))
                case "WAITING" where present: statuses = (statuses ?? []).union([.waiting]); terms.append(.hasStatus(.waiting))
                case "BLOCKED": terms.append(.blocked(present))
                case "UNBLOCKED" where present: terms.append(.blocked(false))
                case "BLOCKING" where present: terms.append(.blocking)
                case "READY" where present: terms.append(.ready)
                case "SCHEDULED" where present: terms.append(.scheduled)
                case "RECURRING" where present: terms.append(.recurring)
                default:
                    guard QuickAdd.isTagName(Substring(name)) else { throw fail("not a tag name") }
                    terms.append(.tag(name, present: present))
                }
                return terms.first
            }
            if token.lowercased() == "overdue" { return .overdue }
            guard let colon = token.firstIndex(of: ":") else { return .word(token) }
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
        return terms.first
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
        case .blocked(let b): return task.blocked == b
        case .blocking: return task.blocking
        case .ready: return task.status.isOpen && task.status != .waiting && !task.blocked && task.isReady(now: now)
        case .scheduled: return task.scheduled != nil
        case .recurring: return task.series != nil
        case .anyOf(let alternatives):
            return alternatives.contains { terms in terms.allSatisfy { matches($0, task, now: now) } }
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
