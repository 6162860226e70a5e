import Foundation

/// The stable JSON form of a task (docs/JSON.md), used by `list --json`, `show --json` and
/// `export json`, and read back by the Picnic JSON importer. Dates are ISO 8601 in UTC.
public struct TaskJSON: Codable, Equatable, Sendable {
    /// One annotation: when it was written and what it says (Taskwarrior's field names).
    public struct Note: Codable, Equatable, Sendable {
        public var entry: String
        public var description: String
    }

    public var id: Int?
    public var uuid: String
    public var title: String
    public var notes: String
    public var project: String?
    public var tags: [String]
    public var priority: String?
    public var due: String?
    public var wait: String?
    public var status: String
    public var urgency: Double
    public var annotations: [Note]
    public var created: String
    public var modified: String
    public var started: String?
    public var completed: String?
    public var depends: [String]
    public var extra: [String: JSONValue]
    public var scheduled: String?
    public var series: String?
    public var occurrence: Int?
    public var blocked: Bool
    public var blocking: Bool

    enum CodingKeys: String, CodingKey {
        case id, uuid, title, notes, project, tags, priority, due, wait, status, urgency
        case annotations, created, modified, started, completed, depends, extra
        case scheduled, series, occurrence, blocked, blocking
    }

    /// The JSON form of `task`, with its urgency at `now`.
    public init(_ task: WorkTask, now: Date) {
        id = task.number
        uuid = task.uuid.uuidString.lowercased()
        title = task.title
        notes = task.notes
        project = task.project
        tags = task.tags
        priority = task.priority?.rawValue
        due = task.due.map(Self.format)
        wait = task.wait.map(Self.format)
        status = task.status.rawValue
        urgency = (Urgency.score(task, now: now) * 1000).rounded() / 1000
        annotations = task.annotations.map { Note(entry: Self.format($0.entry), description: $0.text) }
        created = Self.format(task.created)
        modified = Self.format(task.modified)
        started = task.started.map(Self.format)
        completed = task.completed.map(Self.format)
        depends = task.depends.map { $0.uuidString.lowercased() }
        extra = task.extra
        scheduled = task.scheduled.map(Self.format)
        series = task.series.map { $0.uuidString.lowercased() }
        occurrence = task.occurrence
        blocked = task.blocked
        blocking = task.blocking
    }

    public func encode(to encoder: Encoder) throws {
        // Explicit so that absent values are written as null rather than left out.
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(uuid, forKey: .uuid)
        try c.encode(title, forKey: .title)
        try c.encode(notes, forKey: .notes)
        try c.encode(project, forKey: .project)
        try c.encode(tags, forKey: .tags)
        try c.encode(priority, forKey: .priority)
        try c.encode(due, forKey: .due)
        try c.encode(wait, forKey: .wait)
        try c.encode(status, forKey: .status)
        try c.encode(urgency, forKey: .urgency)
        try c.encode(annotations, forKey: .annotations)
        try c.encode(created, forKey: .created)
        try c.encode(modified, forKey: .modified)
        try c.encode(started, forKey: .started)
        try c.encode(completed, forKey: .completed)
        try c.encode(depends, forKey: .depends)
        try c.encode(extra, forKey: .extra)
        try c.encode(scheduled, forKey: .scheduled)
        try c.encode(series, forKey: .series)
        try c.encode(occurrence, forKey: .occurrence)
        try c.encode(blocked, forKey: .blocked)
        try c.encode(blocking, forKey: .blocking)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id)
        uuid = try c.decode(String.self, forKey: .uuid)
        title = try c.decode(String.self, forKey: .title)
        notes = try c.decodeIfPresent(String.self, forKey: .notes) ?? ""
        project = try c.decodeIfPresent(String.self, forKey: .project)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        priority = try c.decodeIfPresent(String.self, forKey: .priority)
        due = try c.decodeIfPresent(String.self, forKey: .due)
        wait = try c.decodeIfPresent(String.self, forKey: .wait)
        status = try c.decodeIfPresent(String.self, forKey: .status) ?? "pending"
        urgency = try c.decodeIfPresent(Double.self, forKey: .urgency) ?? 0
        annotations = try c.decodeIfPresent([Note].self, forKey: .annotations) ?? []
        created = try c.decode(String.self, forKey: .created)
        modified = try c.decodeIfPresent(String.self, forKey: .modified) ?? created
        started = try c.decodeIfPresent(String.self, forKey: .started)
        completed = try c.decodeIfPresent(String.self, forKey: .completed)
        depends = try c.decodeIfPresent([String].self, forKey: .depends) ?? []
        extra = try c.decodeIfPresent([String: JSONValue].self, forKey: .extra) ?? [:]
        scheduled = try c.decodeIfPresent(String.self, forKey: .scheduled)
        series = try c.decodeIfPresent(String.self, forKey: .series)
        occurrence = try c.decodeIfPresent(Int.self, forKey: .occurrence)
        blocked = try c.decodeIfPresent(Bool.self, forKey: .blocked) ?? false
        blocking = try c.decodeIfPresent(Bool.self, forKey: .blocking) ?? false
    }

    /// Back to a task; throws a data error naming the field that does not read.
    public func task() throws(PicnicError) -> WorkTask {
        func date(_ s: String, _ field: String) throws(PicnicError) -> Date {
            guard let d = Self.parse(s) else { throw .data("task \(uuid): \(field): not an ISO 8601 date: \(s)") }
            return d
        }
        func optDate(_ s: String?, _ field: String) throws(PicnicError) -> Date? {
            guard let s else { return nil }
            return try date(s, field)
        }
        guard let u = UUID(uuidString: uuid) else { throw .data("\(uuid): not a UUID") }
        guard let st = TaskStatus(rawValue: status) else { throw .data("task \(uuid): status: unknown: \(status)") }
        var pri: Priority?
        if let priority {
            guard let p = Priority(rawValue: priority) else { throw .data("task \(uuid): priority: must be H, M or L") }
            pri = p
        }
        var notesOut: [Annotation] = []
        for n in annotations { notesOut.append(Annotation(entry: try date(n.entry, "annotations"), text: n.description)) }
        var deps: [UUID] = []
        for d in depends {
            guard let du = UUID(uuidString: d) else { throw .data("task \(uuid): depends: not a UUID: \(d)") }
            deps.append(du)
        }
        var seriesID: UUID?
        if let series {
            guard let s = UUID(uuidString: series) else { throw .data("task \(uuid): series: not a UUID: \(series)") }
            seriesID = s
        }
        // `blocked`/`blocking` are computed by the store, never read back.
        return WorkTask(
            uuid: u, number: id, title: title, notes: notes, project: project, tags: tags,
            priority: pri, due: try optDate(due, "due"), wait: try optDate(wait, "wait"), status: st,
            created: try date(created, "created"), modified: try date(modified, "modified"),
            started: try optDate(started, "started"), completed: try optDate(completed, "completed"),
            annotations: notesOut, depends: deps, extra: extra, scheduled: try optDate(scheduled, "scheduled"),
            series: seriesID, occurrence: occurrence)
    }

    /// `2026-12-01T14:00:00Z`.
    public static func format(_ date: Date) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(20)
        appendISO(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `format` through the C library, for years outside 1–9999 (and the reference in tests).
    static func formatWithGmtime(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var tmv = tm()
        gmtime_r(&t, &tmv)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1,
                      Int(tmv.tm_mday), Int(tmv.tm_hour), Int(tmv.tm_min), Int(tmv.tm_sec))
    }

    /// Reads ISO 8601 with a zone (`Z` or `±HH:MM`), or Taskwarrior's compact `20261201T140000Z`.
    public static func parse(_ s: String) -> Date? {
        var text = s
        if text.count == 16, !text.contains("-") {
            // 20261201T140000Z
            let c = Array(text)
            text = String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8]) + "T"
                + String(c[9..<11]) + ":" + String(c[11..<13]) + ":" + String(c[13..<15]) + "Z"
        }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard text.count > 10 else { return nil }
        return DateExpression.iso(text.lowercased(), utc)
    }

    /// Encodes tasks as a JSON array, UTF-8 verbatim, slashes unescaped, keys sorted; with
    /// `pretty`, one task per line (readable and diffable, still one JSON document).
    public static func encode(_ tasks: [WorkTask], now: Date, pretty: Bool = false) -> Data {
        Data(encodeBytes(tasks, now: now, pretty: pretty))
    }

    /// `encode` as bytes, ready to write.
    public static func encodeBytes(_ tasks: [WorkTask], now: Date, pretty: Bool = false) -> [UInt8] {
        guard !tasks.isEmpty else { return Array("[]".utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(tasks.count * 480)
        out.append(UInt8(ascii: "["))
        if pretty { out.append(UInt8(ascii: "\n")) }
        for i in tasks.indices { // by index: `enumerated()` copied every task
            if i > 0 {
                out.append(UInt8(ascii: ","))
                if pretty { out.append(UInt8(ascii: "\n")) }
            }
            write(tasks[i], now: now, to: &out)
        }
        if pretty { out.append(UInt8(ascii: "\n")) }
        out.append(UInt8(ascii: "]"))
        return out
    }

    /// Decodes a JSON array of task objects (as written by `encode`).
    public static func decode(_ data: Data) throws(PicnicError) -> [WorkTask] {
        let items: [TaskJSON]
        do { items = try JSONDecoder().decode([TaskJSON].self, from: data) } catch {
            throw .data("not a Picnic JSON task array: \(error)")
        }
        var out: [WorkTask] = []
        for item in items { out.append(try item.task()) }
        return out
    }
}
