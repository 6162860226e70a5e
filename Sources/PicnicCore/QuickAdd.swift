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
/// `+tag`, `project:NAME` (`pro:`, `proj:`), `due:WHEN`, `wait:WHEN`, `pri:H|M|L` (`priority:`,
/// `prio:`); everything else is the title, spacing kept. In modify mode `-tag` removes a tag and
/// an attribute with no value clears it. A bare `--` makes the rest of the line title words.
/// Pure: the same input, `now` and calendar always give the same result.
public enum QuickAdd {
    /// Attribute names, canonical first.
    public static let attributeKeys: [String: String] = [
        "project": "project", "pro": "project", "proj": "project",
        "due": "due", "wait": "wait",
        "pri": "priority", "prio": "priority", "priority": "priority",
    ]

    /// Reads a line typed to create a task. Throws when a value is unreadable or the title is empty.
    public static func parseNew(_ line: String, now: Date, calendar: Calendar) throws(QuickAddError) -> TaskModification {
        let m = try parse(line, now: now, calendar: calendar, modify: false)
        if m.title.isEmpty { throw QuickAddError(token: "", reason: "empty title: a task needs some words besides its attributes") }
        return m
    }

    /// Reads a line of changes for `modify`. Throws when a value is unreadable or nothing changes.
    public static func parseModification(_ line: String, now: Date, calendar: Calendar) throws(QuickAddError) -> TaskModification {
        let m = try parse(line, now: now, calendar: calendar, modify: true)
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

    static func parse(_ line: String, now: Date, calendar: Calendar, modify: Bool) throws(QuickAddError) -> TaskModification {
        var m = TaskModification()
        var title = ""
        var lastTitleEnd: String.Index?
        var literal = false
        for (token, range) in tokens(line) {
            if !literal, try apply(token, range: range, to: &m, now: now, calendar: calendar, modify: modify) {
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

    /// Applies one token when it is an attribute; false when it is a title word.
    static func apply(_ token: Substring, range: Range<String.Index>, to m: inout TaskModification,
                      now: Date, calendar: Calendar, modify: Bool) throws(QuickAddError) -> Bool {
        func fail(_ reason: String) -> QuickAddError { QuickAddError(token: String(token), reason: reason, range: range) }
        if token.hasPrefix("+"), isTagName(token.dropFirst()) {
            let tag = String(token.dropFirst())
            m.removeTags.removeAll { $0 == tag }
            if !m.addTags.contains(tag) { m.addTags.append(tag) }
            return true
        }
        if modify, token.hasPrefix("-"), isTagName(token.dropFirst()) {
            let tag = String(token.dropFirst())
            m.addTags.removeAll { $0 == tag }
            if !m.removeTags.contains(tag) { m.removeTags.append(tag) }
            return true
        }
        guard let colon = token.firstIndex(of: ":"),
              let key = attributeKeys[token[..<colon].lowercased()] else { return false }
        let value = String(token[token.index(after: colon)...])
        switch key {
        case "project":
            m.project = value.isEmpty ? .clear : .set(value)
        case "priority":
            if value.isEmpty { m.priority = .clear }
            else if let p = Priority(rawValue: value.uppercased()) { m.priority = .set(p) }
            else { throw fail("priority must be H, M or L") }
        default:
            let change: FieldChange<Date>
            if value.isEmpty { change = .clear }
            else if let d = DateExpression.parse(value, now: now, calendar: calendar) { change = .set(d.truncatedToSeconds) }
            else { throw fail("not a date (try today, tomorrow, fri, eow, 2026-12-01, +3d)") }
            if key == "due" { m.due = change } else { m.wait = change }
        }
        return true
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
            default: values = DateExpression.keywords
            }
            return values.filter { $0.lowercased().hasPrefix(stem) && $0.lowercased() != stem }.map { head + $0 }
        }
        guard !lower.isEmpty else { return [] }
        return ["project:", "due:", "wait:", "pri:"].filter { $0.hasPrefix(lower) && $0 != lower }
    }
}

extension Date {
    /// The date truncated to whole seconds (the store's precision, so JSON round-trips exactly).
    public var truncatedToSeconds: Date {
        Date(timeIntervalSince1970: timeIntervalSince1970.rounded(.down))
    }
}
