import Foundation

/// What to do with one field in a modification: leave it, set it, or clear it.
public enum FieldChange<Value: Equatable & Sendable>: Equatable, Sendable {
    case keep
    case set(Value)
    case clear

    /// Applies the change to a stored optional value.
    public func applied(to value: Value?) -> Value? {
        switch self {
        case .keep: return value
        case .set(let v): return v
        case .clear: return nil
        }
    }
}

/// The result of reading a quick-add line: every field it names, and the title (the rest).
///
/// `picnic add` uses it as a new task; `picnic modify` applies it to an existing one, where
/// `-tag` removes a tag and `project:` with no value clears the project.
public struct TaskModification: Equatable, Sendable {
    /// The words that are not attributes, joined with their original spacing; empty when none.
    public var title: String = ""
    public var addTags: [String] = []
    public var removeTags: [String] = []
    public var project: FieldChange<String> = .keep
    public var priority: FieldChange<Priority> = .keep
    public var due: FieldChange<Date> = .keep
    public var wait: FieldChange<Date> = .keep
    public var scheduled: FieldChange<Date> = .keep
    /// `recur:PERIOD` (the canonical period text) makes a series; `recur:` stops one.
    public var recur: FieldChange<String> = .keep
    /// `until:WHEN`: the series makes no instance due after it.
    public var until: FieldChange<Date> = .keep
    /// `depends:3,5`: tasks (numbers, UUIDs or prefixes, as typed) this one waits on; the store
    /// resolves them and refuses unknown ones and cycles.
    public var addDepends: [String] = []
    /// `-depends:3` (or `depends:-3`) in modify: no longer waits on these.
    public var removeDepends: [String] = []
    /// `depends:` with nothing after it, in modify: waits on nothing.
    public var clearDepends = false

    public init() {}

    /// True when the line changes nothing.
    public var isEmpty: Bool {
        title.isEmpty && addTags.isEmpty && removeTags.isEmpty && project == .keep
            && priority == .keep && due == .keep && wait == .keep && scheduled == .keep
            && recur == .keep && until == .keep && addDepends.isEmpty && removeDepends.isEmpty && !clearDepends
    }

    /// Whether the line touches what the store must resolve or keep whole (dependencies and
    /// series), which `apply(to:now:)` leaves alone.
    public var needsStore: Bool {
        recur != .keep || until != .keep || !addDepends.isEmpty || !removeDepends.isEmpty || clearDepends
    }

    /// A new pending (or waiting) task made from this line.
    public func makeTask(now: Date, uuid: UUID = UUID()) -> WorkTask {
        var task = WorkTask(uuid: uuid, title: title, created: now)
        apply(to: &task, now: now)
        task.modified = now
        return task
    }

    /// Applies the line to `task`: a non-empty title replaces the title. Dependencies and
    /// recurrence are the store's to apply (they name other tasks and the series).
    public func apply(to task: inout WorkTask, now: Date) {
        if !title.isEmpty { task.title = title }
        for tag in addTags where !task.tags.contains(tag) { task.tags.append(tag) }
        task.tags.removeAll { removeTags.contains($0) }
        task.project = project.applied(to: task.project)
        task.priority = priority.applied(to: task.priority)
        task.due = due.applied(to: task.due)
        task.wait = wait.applied(to: task.wait)
        task.scheduled = scheduled.applied(to: task.scheduled)
        task.status = Self.status(task.status, wait: task.wait, now: now)
        task.modified = now
    }

    /// A task with a future `wait` is waiting; once the date passes it is pending again.
    public static func status(_ status: TaskStatus, wait: Date?, now: Date) -> TaskStatus {
        switch status {
        case .pending, .waiting:
            if let wait, wait > now { return .waiting }
            return .pending
        default:
            return status
        }
    }
}
