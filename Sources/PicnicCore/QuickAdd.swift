import Foundation

/// Why a quick-add line or filter was refused: the token and the reason (`due:fryday: not a date`).
public struct QuickAddError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The token as typed; empty for errors about the whole line (an empty title).
    public var token: String
    public var reason: String
    /// Where the token sits in the line, for highlighting in a live preview.
    public var range: Range<String.Index>?

    public init(token: String, reason: String, range: Range<String.Index>? = nil) {
        self.token = token
        self.reason = reason
        self.range = range
    }

    public var description: String { token.isEmpty ? reason : "\(token): \(reason)" }

    /// The same error as a command-line error: an empty title is a usage error (64), an
    /// unreadable value is bad input data (65).
    public var picnicError: PicnicError {
        token.isEmpty ? .usage(description) : .data(description)
    }
}

/// The one quick-add parser behind `picnic add`, `modify`, the dashboard's `a` and the capture popup.
///
/// `+tag`, `project:NAME` (`pro:`, `proj:`), `due:WHEN`, `wait:WHEN`, `scheduled:WHEN` (`sched:`),
/// `pri:H|M|L` (`priority:`, `prio:`), `recur:PERIOD` with `until:WHEN`, `depends:3,5` (`dep:`);
/// everything else is the title, spacing kept. In modify mode `-tag` removes a tag, `-depends:3`
/// (or `depends:-3`) a dependency, and an attribute with no value clears it. A bare `--` makes the
/// rest of the line title words.
/// Pure: the same input, `now` and calendar always give the same result.
public enum QuickAdd {
    /// Attribute names, canonical first.
    public static let attributeKeys: [String: String] = [
        "project": "project", "pro": "project", "proj": "project",
        "due": "due", "wait": "wait", "scheduled": "scheduled", "sched": "scheduled",
        "pri": "priority", "prio": "priority", "priority": "priority",
        "recur": "recur", "until": "until", "depends": "depends", "dep": "depends",
    ]

    /// Reads a line typed to create a task. Throws when a value is unreadable or the title is empty.
    public static func parseNew(_ line: String, now: Date, calendar: Calendar) throws(QuickAddError) -> TaskModification {
        var seen: [String: (String, Range<String.Index>)] = [:]
        let m = try parse(line, now: now, calendar: calendar, modify: false, seen: &seen)
        if m.title.isEmpty { throw QuickAddError(token: "", reason: "empty title: a task needs some words besides its attributes") }
        if case .set = m.recur, m.due == .keep, let (token, range) = seen["recur"] {
            throw QuickAddError(token: token, reason: "a recurring task needs due: to count from (e.g. due:fri)", range: range)
        }
        if case .set = m.until, !isSet(m.recur), let (token, range) = seen["until"] {
            throw QuickAddError(token: token, reason: "only for a recurring task (add recur:)", range: range)
        }
        if case .set(let until) = m.until, case .set(let due) = m.due, until < due, let (token, range) = seen["until"] {
            throw QuickAddError(token: token, reason: "before the first due date", range: range)
        }
        return m
    }

    /// Reads a line of changes for `modify`. Throws when a value is unreadable or nothing changes.
    public static func parseModification(_ line: String, now: Date, calendar: Calendar) throws(QuickAddError) -> TaskModification {
        var seen: [String: (String, Range<String.Index>)] = [:]
        let m = try parse(line, now: now, calendar: calendar, modify: true, seen: &seen)
        if m.isEmpty { throw QuickAddError(token: "", reason: "nothing to change: give a new title or attributes") }
        return m
    }

    /// The live-preview form of `parseNew`: a draft or the first error, never throwing.
    public static func preview(_ line: String, now: Date, calendar: Calendar) -> Result<TaskModification, QuickAddError> {
        do { return .success(try parseNew(line, now: now, calendar: calendar)) } catch { return .failure(error) }
    }

    /// Splits a line into whitespace-separated tokens with their ranges (any Unicode whitespace).
    public static func tokens(_ line: String) -> [(text: Substring, range: Range<String.Index>)] {
        var out: [(Substring, Range<String.Index>)] = []
        var i = line.startIndex
        while i < line.endIndex {
            while i < line.endIndex, line[i].isWhitespace { i = line.index(after: i) }
            guard i < line.endIndex else { break }
            let start = i
            while i < line.endIndex, !line[i].isWhitespace { i = line.index(after: i) }
            out.append((line[start..<i], start..<i))
        }
        return out
    }

    /// Whether `name` is a valid tag: starts with a letter or `_`, no whitespace, no `:` or `+`.
    public static func isTagName(_ name: Substring) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return !name.contains { $0 == ":" || $0 == "+" || $0.isWhitespace || $0.unicodeScalars.first!.properties.generalCategory == .control }
    }

    static func isSet<T>(_ change: FieldChange<T>) -> Bool {
        if case .set = change { return true }
        return false
    }

    static func parse(_ line: String, now: Date, calendar: Calendar, modify: Bool,
                      seen: inout [String: (String, Range<String.Index>)]) throws(QuickAddError) -> TaskModification {
        var m = TaskModification()
        var title = ""
        var lastTitleEnd: String.Index?
        var literal = false
        for (token, range) in tokens(line) {
            if !literal, let key = try apply(token, range: range, to: &m, now: now, calendar: calendar, modify: modify) {
                seen[key] = (String(token), range)
                continue
            }
            if !literal, token == "--" { literal = true; continue }
            if let end = lastTitleEnd, !title.isEmpty {
                // Keep the spacing the person typed between adjacent title words.
                let gap = line[end..<range.lowerBound]
                title += gap.allSatisfy(\.isWhitespace) && !gap.isEmpty ? String(gap) : " "
            }
            title += token
            lastTitleEnd = range.upperBound
        }
        m.title = title
        return m
    }

    /// Applies one token when it is an attribute and returns its canonical key (`tag` for tags);
    /// nil when it is a title word.
    static func apply(_ token: Substring, range: Range<String.Index>, to m: inout TaskModification,
                      now: Date, calendar: Calendar, modify: Bool) throws(QuickAddError) -> String? {
        func fail(_ reason: String) -> QuickAddError { QuickAddError(token: String(token), reason: reason, range: range) }
        if token.hasPrefix("+"), isTagName(token.dropFirst()) {
            let tag = String(token.dropFirst())
            m.removeTags.removeAll { $0 == tag }
            if !m.addTags.contains(tag) { m.addTags.append(tag) }
            return "tag"
        }
        if modify, token.hasPrefix("-"), isTagName(token.dropFirst()) {
            let tag = String(token.dropFirst())
            m.addTags.removeAll { $0 == tag }
            if !m.removeTags.contains(tag) { m.removeTags.append(tag) }
            return "tag"
        }
        var removing = false
        var name = token
        if modify, token.hasPrefix("-"), token.dropFirst().lowercased().hasPrefix("dep") {
            removing = true
            name = token.dropFirst()
        }
        guard let colon = name.firstIndex(of: ":"),
              let key = attributeKeys[name[..<colon].lowercased()], !removing || key == "depends" else { return nil }
        let value = String(name[name.index(after: colon)...])
        switch key {
        case "project":
            m.project = value.isEmpty ? .clear : .set(value)
        case "priority":
            if value.isEmpty { m.priority = .clear }
            else if let p = Priority(rawValue: value.uppercased()) { m.priority = .set(p) }
            else { throw fail("priority must be H, M or L") }
        case "recur":
            if value.isEmpty { m.recur = .clear }
            else if let p = RecurrencePeriod.parse(value) { m.recur = .set(p.canonical) }
            else { throw fail("not a period (try \(RecurrencePeriod.examples))") }
        case "depends":
            try applyDepends(value, removing: removing, modify: modify, to: &m, fail: fail)
        default:
            let change: FieldChange<Date>
            if value.isEmpty { change = .clear }
            else if var d = DateExpression.parse(value, now: now, calendar: calendar) {
                // "Not ready before Friday" means from the start of Friday.
                if key == "scheduled", d == DateExpression.endOfDay(d, calendar) { d = calendar.startOfDay(for: d) }
                change = .set(d.truncatedToSeconds)
            }
            else { throw fail("not a date (try today, tomorrow, fri, eow, 2026-12-01, +3d)") }
            switch key {
            case "due": m.due = change
            case "wait": m.wait = change
            case "scheduled": m.scheduled = change
            default: m.until = change
            }
        }
        return key
    }

    /// `depends:3,5`, `depends:-3` and `-depends:3`: task numbers or UUID prefixes, checked for
    /// form only (the store says whether such tasks exist).
    static func applyDepends(_ value: String, removing: Bool, modify: Bool, to m: inout TaskModification,
                             fail: (String) -> QuickAddError) throws(QuickAddError) {
        if value.isEmpty {
            guard !removing else { throw fail("name the task to stop waiting on (-depends:3)") }
            if modify { m.clearDepends = true }
            return
        }
        for part in value.split(separator: ",", omittingEmptySubsequences: false) {
            var ref = part
            var remove = removing
            if ref.hasPrefix("-") { ref = ref.dropFirst(); remove = true }
            guard isTaskRef(ref) else {
                throw fail(ref.isEmpty ? "a task number or UUID is missing between the commas" : "\(ref) is not a task number or UUID")
            }
            if remove && !modify { throw fail("-\(ref): only modify can remove a dependency") }
            let text = String(ref).lowercased()
            if remove {
                m.addDepends.removeAll { $0 == text }
                if !m.removeDepends.contains(text) { m.removeDepends.append(text) }
            } else {
                m.removeDepends.removeAll { $0 == text }
                if !m.addDepends.contains(text) { m.addDepends.append(text) }
            }
        }
    }

    /// A short number (`3`) or a UUID or UUID prefix of at least 4 hex digits.
    public static func isTaskRef(_ ref: Substring) -> Bool {
        guard !ref.isEmpty, ref.allSatisfy({ $0.isASCII }) else { return false }
        if ref.allSatisfy(\.isNumber) { return ref.count <= 9 && Int(ref).map { $0 > 0 } == true || ref.count >= 4 }
        return ref.count >= 4 && ref.count <= 36 && ref.allSatisfy { $0.isHexDigit || $0 == "-" }
    }

    /// Completions for the token being typed, given the tags and projects already in use.
    public static func completions(for token: String, tags: [String], projects: [String]) -> [String] {
        let lower = token.lowercased()
        if token.hasPrefix("+") || token.hasPrefix("-") {
            let sign = token.prefix(1), stem = token.dropFirst()
            return tags.filter { $0.hasPrefix(stem) && $0 != stem }.sorted().map { sign + $0 }
        }
        if let colon = token.firstIndex(of: ":"), let key = attributeKeys[token[..<colon].lowercased()] {
            let head = token[...colon], stem = String(token[token.index(after: colon)...]).lowercased()
            let values: [String]
            switch key {
            case "project": values = projects.sorted()
            case "priority": values = ["H", "M", "L"]
            case "recur": values = ["daily", "weekdays", "weekly", "biweekly", "monthly", "quarterly", "yearly"]
            case "depends": values = []
            default: values = DateExpression.keywords
            }
            return values.filter { $0.lowercased().hasPrefix(stem) && $0.lowercased() != stem }.map { head + $0 }
        }
        guard !lower.isEmpty else { return [] }
        return ["project:", "due:", "wait:", "pri:", "scheduled:", "recur:", "until:", "depends:"].filter { $0.hasPrefix(lower) && $0 != lower }
    }
}

extension Date {
    /// The date truncated to whole seconds (the store's precision, so JSON round-trips exactly).
    public var truncatedToSeconds: Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
