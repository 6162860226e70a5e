import Foundation

/// Where a task stands in its life.
public enum TaskStatus: String, Codable, CaseIterable, Sendable {
    case pending, active, waiting, done, deleted

    /// Open tasks are the ones in the queue (they hold a short number).
    public var isOpen: Bool { self == .pending || self == .active || self == .waiting }
}

/// Task priority: H, M, L, or none (nil at use sites).
public enum Priority: String, Codable, CaseIterable, Sendable, Comparable {
    case H, M, L

    /// Numeric weight: H > M > L.
    public var rank: Int {
        switch self { case .H: 3; case .M: 2; case .L: 1 }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rank < rhs.rank }
}

/// A timestamped note attached to a task.
public struct Annotation: Codable, Equatable, Hashable, Sendable {
    public var entry: Date
    public var text: String

    public init(entry: Date, text: String) {
        self.entry = entry
        self.text = text
    }
}

/// One item of a person's work queue.
///
/// `uuid` is stable forever; `number` is the short number people type. Only open tasks hold a
/// number (the smallest free one at creation, as in Taskwarrior); finished tasks have `nil`.
public struct WorkTask: Codable, Equatable, Hashable, Identifiable, Sendable {
    public var uuid: UUID
    public var number: Int?
    public var title: String
    public var notes: String
    public var project: String?
    public var tags: [String]
    public var priority: Priority?
    public var due: Date?
    public var wait: Date?
    public var status: TaskStatus
    public var created: Date
    public var modified: Date
    public var started: Date?
    public var completed: Date?
    public var annotations: [Annotation]
    /// UUIDs of the tasks this one waits on (Taskwarrior `depends`).
    public var depends: [UUID]
    /// Not ready before this date: shown apart from the ready queue until then.
    public var scheduled: Date?
    /// The recurring series this task is an instance of (Taskwarrior `parent`).
    public var series: UUID?
    /// Which occurrence of its series it is, from 0 (Taskwarrior `imask`).
    public var occurrence: Int?
    /// Computed by the store as it loads open tasks, never stored: some task this one depends on
    /// is still open.
    public var blocked: Bool
    /// Computed likewise: some open task depends on this one.
    public var blocking: Bool
    /// Attributes Picnic does not model (Taskwarrior UDAs, todo.txt key:value), kept verbatim as JSON.
    public var extra: [String: JSONValue]

    public var id: UUID { uuid }

    public init(
        uuid: UUID = UUID(), number: Int? = nil, title: String, notes: String = "",
        project: String? = nil, tags: [String] = [], priority: Priority? = nil,
        due: Date? = nil, wait: Date? = nil, status: TaskStatus = .pending,
        created: Date = Date(), modified: Date? = nil, started: Date? = nil,
        completed: Date? = nil, annotations: [Annotation] = [], depends: [UUID] = [],
        extra: [String: JSONValue] = [:], scheduled: Date? = nil, series: UUID? = nil, occurrence: Int? = nil,
        blocked: Bool = false, blocking: Bool = false
    ) {
        self.uuid = uuid
        self.number = number
        self.title = title
        self.notes = notes
        self.project = project
        self.tags = tags
        self.priority = priority
        self.due = due
        self.wait = wait
        self.status = status
        self.created = created
        self.modified = modified ?? created
        self.started = started
        self.completed = completed
        self.annotations = annotations
        self.depends = depends
        self.extra = extra
        self.scheduled = scheduled
        self.series = series
        self.occurrence = occurrence
        self.blocked = blocked
        self.blocking = blocking
    }

    /// Ready to work on: open, and its scheduled date (if any) has come.
    public func isReady(now: Date) -> Bool {
        status.isOpen && (scheduled.map { $0 <= now } ?? true)
    }
}
