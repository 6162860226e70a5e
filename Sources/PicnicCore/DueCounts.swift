import Foundation

/// What "due" means everywhere (the dashboard's status bar, `picnic status`, the queue head):
/// open tasks that are not waiting, split into those past due and those due later today.
///
/// A waiting task said "not before its date", so it is not due until it wakes (a task whose wait
/// has passed reads as pending). The day ends at the next local midnight (`endOfDay`, which
/// is 23 or 25 hours away on daylight-saving days).
public struct DueCounts: Equatable, Sendable {
    /// Open tasks already past due.
    public var overdue = 0
    /// Open tasks due from now to the end of today.
    public var today = 0

    public init(overdue: Int = 0, today: Int = 0) {
        self.overdue = overdue
        self.today = today
    }

    /// Counts the tasks (each read as of `now`).
    public init(_ tasks: some Sequence<WorkTask>, now: Date, endOfDay: Date) {
        for t in tasks { add(status: t.status, due: t.due, now: now, endOfDay: endOfDay) }
    }

    /// Counts one task.
    public mutating func add(status: TaskStatus, due: Date?, now: Date, endOfDay: Date) {
        guard status == .pending || status == .active, let due, due < endOfDay else { return }
        if due < now { overdue += 1 } else { today += 1 }
    }

    /// Both together: what is due by the end of today.
    public var total: Int { overdue + today }

    /// `2 due today · 1 overdue`, leaving out a zero overdue; nil when nothing is due.
    public var text: String? {
        switch (today, overdue) {
        case (0, 0): nil
        case (_, 0): "\(today) due today"
        case (0, _): "\(overdue) overdue"
        default: "\(today) due today · \(overdue) overdue"
        }
    }

    /// The first instant of the next local day: the end of today for due counts.
    public static func endOfDay(_ now: Date, _ calendar: Calendar) -> Date {
        let start = calendar.startOfDay(for: now)
        return calendar.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86400)
    }
}
