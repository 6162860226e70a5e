import Foundation
import PicnicCore

/// The todo.txt format (one task per line), per github.com/todotxt/todo.txt.
///
/// Mapping: `(A)`/`(B)`/`(C)` → priority H/M/L (`(D)`–`(Z)` → L, the letter kept as `pri` in
/// `extra`); the first `+project` → project, further ones → `extra["projects"]`; every
/// `@context` → a tag; `due:` → due, `t:` (threshold) → wait, `pri:` → priority of a done task,
/// `uuid:` → the task's UUID; other `key:value` pairs → `extra`. The title is the remaining text.
/// A line without `uuid:` gets a UUID derived from its title and project, so re-imports match.
/// `due:` days end where the person is, as quick-add's (`timeZone`, the local one by default);
/// `t:` days start there. Creation and completion dates are kept as the file says them.
public enum TodoTxtFormat {
    /// Reads the file at `url`.
    public static func read(_ url: URL, now: Date = Date(), timeZone: TimeZone = .current) throws -> [WorkTask] {
        try parse(FormatError.readFile(url), file: url.path, now: now, timeZone: timeZone)
    }

    /// Parses todo.txt bytes; `now` is the creation date of lines that carry none.
    public static func parse(_ data: Data, file: String, now: Date = Date(), timeZone: TimeZone = .current) throws -> [WorkTask] {
        let text = try FormatError.utf8Text(data, file: file)
        var tasks: [WorkTask] = []
        var occurrences: [String: Int] = [:]
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let loc = SourceLocation(file: file, line: lineNo)
            if let bad = line.unicodeScalars.firstIndex(where: { SafeText.isUnsafe($0) && $0 != "\t" }) {
                let col = line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: bad) + 1
                throw FormatError(SourceLocation(file: file, line: lineNo, column: col),
                                  "control character U+\(String(line.unicodeScalars[bad].value, radix: 16, uppercase: true)) (expected text)")
            }
            var task = try parseLine(String(line), at: loc, now: now, timeZone: timeZone)
            if task.extra["uuid"] == nil {
                let key = derivationKey(task)
                let n = occurrences[key, default: 0]
                occurrences[key] = n + 1
                task.uuid = ContentHash.uuid(n == 0 ? key : key + "#\(n)")
            }
            task.extra.removeValue(forKey: "uuid")
            tasks.append(task)
        }
        return tasks
    }

    /// The text a line's derived UUID is named by.
    static func derivationKey(_ task: WorkTask) -> String {
        "todo.txt\u{1F}" + task.title + "\u{1F}" + (task.project ?? "")
    }

    /// Parses one non-empty line.
    public static func parseLine(_ line: String, at loc: SourceLocation, now: Date = Date(),
                                 timeZone: TimeZone = .current) throws -> WorkTask {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func dropLeadingEmpty() { while words.first == "" { words.removeFirst() } }
        func takeDate() -> Date? {
            guard let w = words.first, let d = Timestamps.day(Substring(w)) else { return nil }
            words.removeFirst()
            return d
        }
        func takePriority() -> String? {
            guard let w = words.first, w.count == 3, w.hasPrefix("("), w.hasSuffix(")"), words.count > 1,
                  let c = w.dropFirst().first, c.isASCII, c.isUppercase else { return nil }
            words.removeFirst()
            return String(c)
        }
        var done = false
        var completed: Date?
        var letter: String?
        if line.hasPrefix("x ") {
            done = true
            words.removeFirst()
            letter = takePriority()
            completed = takeDate()
        } else {
            letter = takePriority()
        }
        let created = takeDate()
        dropLeadingEmpty()
        var title: [String] = []
        var projects: [String] = []
        var tags: [String] = []
        var extra: [String: JSONValue] = [:]
        var due: Date?, wait: Date?
        var uuid: UUID?
        for w in words {
            if w.count > 1, w.hasPrefix("+") { projects.append(String(w.dropFirst())); continue }
            if w.count > 1, w.hasPrefix("@") { if !tags.contains(String(w.dropFirst())) { tags.append(String(w.dropFirst())) }; continue }
            if let (k, v) = keyValue(w) {
                switch k {
                case "due":
                    guard let d = Timestamps.day(Substring(v)) else { throw FormatError(loc, "due:\(v): expected due:YYYY-MM-DD") }
                    due = Timestamps.endOfLocalDay(d, timeZone)
                case "t":
                    guard let d = Timestamps.day(Substring(v)) else { throw FormatError(loc, "t:\(v): expected t:YYYY-MM-DD") }
                    wait = Timestamps.localMidnight(d, timeZone)
                case "pri" where v.count == 1 && v.first!.isUppercase && v.first!.isASCII: letter = letter ?? v
                case "uuid":
                    guard let u = UUID(uuidString: v) else { throw FormatError(loc, "uuid:\(v): expected a UUID") }
                    uuid = u
                    extra["uuid"] = .string(v)
                default: if extra[k] == nil { extra[k] = .string(v) }
                }
                continue
            }
            title.append(w)
        }
        var priority: Priority?
        if let l = letter {
            switch l {
            case "A": priority = .H
            case "B": priority = .M
            default: priority = .L; if l != "C" { extra["pri"] = .string(l) }
            }
        }
        if projects.count > 1 { extra["projects"] = .array(projects.dropFirst().map { .string($0) }) }
        var text = title.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { text = line.trimmingCharacters(in: .whitespaces) }
        let createdDate = created ?? completed ?? now
        var task = WorkTask(title: text, project: projects.first, tags: tags, priority: priority, due: due,
                            wait: wait, status: done ? .done : .pending, created: createdDate,
                            modified: completed ?? createdDate, completed: done ? (completed ?? createdDate) : nil,
                            extra: extra)
        if let uuid { task.uuid = uuid }
        return task
    }

    /// `key:value` with both parts non-empty, no further colon, and a key that is not a number
    /// and a value not starting with `//` (so "meet at 10:30" and URLs stay in the title).
    static func keyValue(_ w: String) -> (String, String)? {
        guard let colon = w.firstIndex(of: ":") else { return nil }
        let k = w[..<colon], v = w[w.index(after: colon)...]
        guard !k.isEmpty, !v.isEmpty, !v.contains(":"), !v.hasPrefix("//"), !k.allSatisfy(\.isNumber) else { return nil }
        return (String(k), String(v))
    }
}
