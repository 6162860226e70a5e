import Foundation
import PicnicCore

/// Taskwarrior's JSON task format (`task export` / `task import`), version 2.6.
///
/// Reads a JSON array or one object per line. `description` becomes the title, `entry` the
/// creation date, `start`/`end` started/completed. A recurring template (`status: recurring`, or
/// any task with a `mask`) becomes a `TaskSeries`; its instances keep `parent`/`imask` as their
/// series and occurrence. Computed fields (`id`, `urgency`) are dropped; every other key (UDAs
/// included) is kept verbatim in `WorkTask.extra` and written back on export.
public enum TaskwarriorFormat {
    static let known: Set<String> = ["uuid", "description", "project", "tags", "priority", "due", "wait",
                                     "entry", "modified", "start", "end", "status", "annotations",
                                     "depends", "id", "urgency", "notes", "scheduled", "parent", "imask"]
    /// Template fields that are the series' own (the instances carry copies Picnic rewrites).
    static let seriesKeys: Set<String> = ["recur", "mask", "until"]

    /// What a `task export` holds: tasks (instances among them) and recurring templates.
    public struct Contents: Sendable {
        public var tasks: [WorkTask]
        public var series: [TaskSeries]
    }

    /// Reads the file at `url`.
    public static func read(_ url: URL) throws -> [WorkTask] {
        try parse(FormatError.readFile(url), file: url.path)
    }

    /// Parses `task export` output's tasks, leaving templates out; `file` names the input in errors.
    public static func parse(_ data: Data, file: String) throws -> [WorkTask] {
        try parseAll(data, file: file).tasks
    }

    /// Parses `task export` output, templates included; `file` names the input in errors.
    public static func parseAll(_ data: Data, file: String) throws -> Contents {
        let text = try FormatError.utf8Text(data, file: file)
        let trimmed = text.drop(while: { $0.isWhitespace })
        var objects: [(value: JSONValue, line: Int)] = []
        if trimmed.first == "[" {
            let value = try JSONText.parse(text, file: file)
            guard case .array(let items) = value else {
                throw FormatError(SourceLocation(file: file, line: 1), "expected a JSON array of tasks")
            }
            let lines = JSONText.objectLines(text)
            for (i, item) in items.enumerated() { objects.append((item, i < lines.count ? lines[i] : 1)) }
        } else {
            var lineNo = 0
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                lineNo += 1
                var l = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if l.hasSuffix(",") { l.removeLast() }
                if l.isEmpty { continue }
                let value = try JSONText.parse(l, file: file, lineOffset: lineNo - 1)
                objects.append((value, lineNo))
            }
        }
        var seen = Set<UUID>()
        var contents = Contents(tasks: [], series: [])
        for (value, line) in objects {
            let loc = SourceLocation(file: file, line: line)
            guard case .object(let o) = value else { throw FormatError(loc, "expected a task object ({…})") }
            let task = try makeTask(o, at: loc)
            guard seen.insert(task.uuid).inserted else {
                throw FormatError(loc, "duplicate uuid \(task.uuid.uuidString.lowercased())")
            }
            if let series = try makeSeries(o, template: task, at: loc) {
                contents.series.append(series)
            } else {
                contents.tasks.append(task)
            }
        }
        return contents
    }

    /// The series of a template object, or nil for any other task.
    static func makeSeries(_ o: [String: JSONValue], template task: WorkTask, at loc: SourceLocation) throws -> TaskSeries? {
        let status = o["status"]?.stringValue
        guard status == "recurring" || o["mask"] != nil else { return nil }
        guard let recur = o["recur"]?.stringValue, !recur.isEmpty else {
            throw FormatError(loc, "a recurring template needs \"recur\"")
        }
        guard task.due != nil else { throw FormatError(loc, "a recurring template needs \"due\"") }
        var template = task
        for k in seriesKeys { template.extra.removeValue(forKey: k) }
        template.status = status == "recurring" ? .pending : task.status
        if template.status == .waiting || template.status == .active { template.status = .pending }
        template.started = nil
        var until: Date?
        if let u = o["until"], u != .null {
            guard case .string(let text) = u, let d = Timestamps.taskwarrior(text) ?? Timestamps.iso8601(text) else {
                throw FormatError(loc, "until: expected a date like 20261201T000000Z")
            }
            until = d
        }
        return TaskSeries(template: template, recur: recur, until: until, mask: o["mask"]?.stringValue ?? "")
    }

    static func makeTask(_ o: [String: JSONValue], at loc: SourceLocation) throws -> WorkTask {
        func string(_ key: String) throws -> String? {
            guard let v = o[key] else { return nil }
            if case .null = v { return nil }
            guard case .string(let s) = v else { throw FormatError(loc, "\(key): expected a string") }
            return s
        }
        func date(_ key: String) throws -> Date? {
            guard let v = o[key] else { return nil }
            switch v {
            case .null: return nil
            case .number(let n): return Date(timeIntervalSince1970: n)
            case .string(let s):
                if let d = Timestamps.taskwarrior(s) ?? Timestamps.iso8601(s) { return d }
                if let n = Double(s) { return Date(timeIntervalSince1970: n) }
                fallthrough
            default: throw FormatError(loc, "\(key): expected a date like 20261201T000000Z, got \(short(v))")
            }
        }
        guard let uuidText = try string("uuid") else { throw FormatError(loc, "expected a \"uuid\"") }
        guard let uuid = UUID(uuidString: uuidText) else { throw FormatError(loc, "uuid: expected a UUID, got \(uuidText)") }
        guard let description = try string("description") else { throw FormatError(loc, "expected a \"description\"") }
        let entry = try date("entry") ?? date("modified") ?? Date(timeIntervalSince1970: 0)
        var extra: [String: JSONValue] = [:]
        for (k, v) in o where !known.contains(k) { extra[k] = v }
        var priority: Priority?
        if let p = try string("priority"), !p.isEmpty {
            if let known = Priority(rawValue: p) { priority = known } else { extra["priority"] = .string(p) }
        }
        let started = try date("start")
        var status: TaskStatus
        switch try string("status") ?? "pending" {
        case "pending", "recurring": status = started == nil ? .pending : .active
        case "waiting": status = .waiting
        case "completed": status = .done
        case "deleted": status = .deleted
        case let other: throw FormatError(loc, "status: expected pending, waiting, completed, deleted or recurring, got \(other)")
        }
        var tags: [String] = []
        switch o["tags"] {
        case nil, .null?: break
        case .array(let a)?:
            tags = try a.map { guard case .string(let s) = $0 else { throw FormatError(loc, "tags: expected strings") }; return s }
        case .string(let s)?: tags = s.split(separator: ",").map(String.init)
        default: throw FormatError(loc, "tags: expected an array of strings")
        }
        var annotations: [Annotation] = []
        if case .array(let a)? = o["annotations"] {
            for item in a {
                guard case .object(let ao) = item, case .string(let text)? = ao["description"] else {
                    throw FormatError(loc, "annotations: expected objects with a description")
                }
                let when: Date
                if case .string(let e)? = ao["entry"], let d = Timestamps.taskwarrior(e) ?? Timestamps.iso8601(e) { when = d }
                else { when = entry }
                annotations.append(Annotation(entry: when, text: text))
            }
        } else if let v = o["annotations"], v != .null {
            throw FormatError(loc, "annotations: expected an array")
        }
        var depends: [UUID] = []
        var dependTexts: [String] = []
        switch o["depends"] {
        case nil, .null?: break
        case .string(let s)?: dependTexts = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        case .array(let a)?: dependTexts = a.compactMap(\.stringValue)
        default: throw FormatError(loc, "depends: expected a string or an array of UUIDs")
        }
        for d in dependTexts where !d.isEmpty {
            guard let u = UUID(uuidString: d) else { throw FormatError(loc, "depends: expected a UUID, got \(d)") }
            depends.append(u)
        }
        var parent: UUID?
        if let p = try string("parent") {
            guard let u = UUID(uuidString: p) else { throw FormatError(loc, "parent: expected a UUID, got \(p)") }
            parent = u
        }
        var imask: Int?
        switch o["imask"] {
        case nil, .null?: break
        case .number(let n)?: imask = n >= 0 && n < 1e9 && n == n.rounded() ? Int(n) : nil
        case .string(let s)?: imask = Int(s)
        default: break
        }
        if o["imask"] != nil, o["imask"] != .null, imask == nil { throw FormatError(loc, "imask: expected a whole number") }
        return WorkTask(uuid: uuid, title: description, notes: try string("notes") ?? "",
                        project: try string("project").flatMap { $0.isEmpty ? nil : $0 }, tags: tags,
                        priority: priority, due: try date("due"), wait: try date("wait"), status: status,
                        created: entry, modified: try date("modified") ?? entry, started: started,
                        completed: try date("end"), annotations: annotations, depends: depends, extra: extra,
                        scheduled: try date("scheduled"), series: parent, occurrence: parent == nil ? nil : imask)
    }

    static func short(_ v: JSONValue) -> String {
        let data = (try? JSONEncoder().encode(v)) ?? Data()
        let s = String(decoding: data, as: UTF8.self)
        return s.count > 40 ? String(s.prefix(40)) + "…" : s
    }
}
