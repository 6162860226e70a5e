import Foundation

/// A recurring task: the template its instances are made from, how often, and until when.
///
/// The model is Taskwarrior's (a hidden parent task with `recur`, `until` and a `mask`, and
/// instances pointing at it with `parent`/`imask`), so a series imported from Taskwarrior keeps its
/// UUIDs and goes back unchanged. What Picnic does differently: an instance is made when the one
/// before it is finished or deleted (never by the clock), one step at a time, and dates that passed
/// meanwhile are skipped rather than piled up (their mask slot says `X`).
public struct TaskSeries: Equatable, Sendable, Identifiable {
    /// The template: title, tags, project, priority, notes, annotations and depends of every new
    /// instance. `uuid` is the series' UUID (Taskwarrior's parent), `due` the first date (the
    /// anchor), `wait`/`scheduled` are kept as offsets from it. `status` is `.pending` while the
    /// series runs, `.done` once `until` has passed, `.deleted` when it was stopped.
    public var template: WorkTask
    /// The period as stored (`RecurrencePeriod.canonical`, or Taskwarrior's text as imported).
    public var recur: String
    /// No instance is made due after this.
    public var until: Date?
    /// One character per occurrence made so far: `-` open, `W` waiting, `+` done, `X` deleted or
    /// skipped (Taskwarrior's mask; its length is the next occurrence's number).
    public var mask: String

    public var id: UUID { template.uuid }
    public var uuid: UUID { template.uuid }
    public var isRunning: Bool { template.status == .pending }
    /// The period, when Picnic can step it (Taskwarrior's hourly series cannot be).
    public var period: RecurrencePeriod? { RecurrencePeriod.parse(recur) }

    public init(template: WorkTask, recur: String, until: Date? = nil, mask: String = "") {
        self.template = template
        self.recur = recur
        self.until = until
        self.mask = mask
    }

    /// The mask character of an instance in `status`.
    public static func maskCharacter(_ status: TaskStatus) -> Character {
        switch status {
        case .pending, .active: "-"
        case .waiting: "W"
        case .done: "+"
        case .deleted: "X"
        }
    }

    /// Sets the mask slot of occurrence `k`, filling any slot before it with `X` (skipped).
    public mutating func mark(_ k: Int, _ status: TaskStatus) {
        var chars = Array(mask)
        while chars.count <= k { chars.append("X") }
        chars[k] = Self.maskCharacter(status)
        mask = String(chars)
    }

    /// The occurrence to make after `finished` (an instance just done or deleted) at `now`: the
    /// first one not made yet whose date is still ahead. Nil when the series has ended, cannot be
    /// stepped, or the next date would be after `until`.
    public func nextOccurrence(after finished: Int, now: Date, calendar: Calendar) -> (occurrence: Int, due: Date)? {
        guard isRunning, let period, let anchor = template.due else { return nil }
        let start = max(mask.count, finished + 1)
        let k = period.firstOccurrence(from: start, after: now, anchor: anchor, calendar: calendar)
        let due = period.date(k, from: anchor, calendar: calendar)
        if let until, due > until { return nil }
        return (k, due)
    }

    /// A new instance for occurrence `k` due at `due`: the template's fields, `wait` and
    /// `scheduled` at the template's distance before its due date.
    public func makeInstance(occurrence k: Int, due: Date, uuid: UUID = UUID(), now: Date) -> WorkTask {
        var t = template
        t.uuid = uuid
        t.number = nil
        t.due = due
        if let anchor = template.due {
            t.wait = template.wait.map { due.addingTimeInterval($0.timeIntervalSince(anchor)) }
            t.scheduled = template.scheduled.map { due.addingTimeInterval($0.timeIntervalSince(anchor)) }
        }
        t.status = TaskModification.status(.pending, wait: t.wait, now: now)
        t.created = now
        t.modified = now
        t.started = nil
        t.completed = nil
        t.series = template.uuid
        t.occurrence = k
        t.blocked = false
        t.blocking = false
        return t
    }
}
