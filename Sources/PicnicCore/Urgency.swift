import Foundation

/// How urgent a task is: a sum of weighted terms in the spirit of Taskwarrior's urgency
/// (same coefficients), documented in docs/Urgency.md. Higher is more urgent.
public enum Urgency {
    /// The weights of each term.
    public enum Coefficient {
        public static let next = 15.0
        public static let due = 12.0
        public static let priorityH = 6.0
        public static let priorityM = 3.9
        public static let priorityL = 1.8
        public static let active = 4.0
        public static let age = 2.0
        public static let tags = 1.0
        public static let annotations = 1.0
        public static let project = 1.0
        public static let waiting = -3.0
        /// Waits on an open task.
        public static let blocked = -5.0
        /// An open task waits on it.
        public static let blocking = 8.0
        /// Scheduled, and the date has come.
        public static let scheduled = 5.0
        /// Age at which the age term is full.
        public static let ageMaxDays = 365.0
    }

    /// The urgency of `task` at `now`; 0 for done and deleted tasks.
    public static func score(_ task: WorkTask, now: Date) -> Double {
        score(Inputs(task), now: now)
    }

    /// The few fields urgency depends on, so a store can rank rows it has not decoded.
    public struct Inputs: Sendable {
        public var status: TaskStatus
        public var due: Date?
        public var priority: Priority?
        public var created: Date
        public var tagCount: Int
        public var hasNextTag: Bool
        public var annotationCount: Int
        public var hasProject: Bool
        public var blocked: Bool
        public var blocking: Bool
        public var scheduled: Date?

        public init(status: TaskStatus, due: Date?, priority: Priority?, created: Date, tagCount: Int,
                    hasNextTag: Bool, annotationCount: Int, hasProject: Bool,
                    blocked: Bool = false, blocking: Bool = false, scheduled: Date? = nil) {
            self.status = status; self.due = due; self.priority = priority; self.created = created
            self.tagCount = tagCount; self.hasNextTag = hasNextTag
            self.annotationCount = annotationCount; self.hasProject = hasProject
            self.blocked = blocked; self.blocking = blocking; self.scheduled = scheduled
        }

        /// The inputs of a task.
        public init(_ task: WorkTask) {
            self.init(status: task.status, due: task.due, priority: task.priority, created: task.created,
                      tagCount: task.tags.count, hasNextTag: task.tags.contains("next"),
                      annotationCount: task.annotations.count, hasProject: !(task.project ?? "").isEmpty,
                      blocked: task.blocked, blocking: task.blocking, scheduled: task.scheduled)
        }
    }

    /// The urgency of a task given by its inputs; 0 for done and deleted tasks.
    public static func score(_ task: Inputs, now: Date) -> Double {
        guard task.status.isOpen else { return 0 }
        var u = 0.0
        if task.hasNextTag { u += Coefficient.next }
        if let due = task.due { u += Coefficient.due * dueFactor(due, now: now) }
        switch task.priority {
        case .H: u += Coefficient.priorityH
        case .M: u += Coefficient.priorityM
        case .L: u += Coefficient.priorityL
        case nil: break
        }
        if task.status == .active { u += Coefficient.active }
        let ageDays = max(0, now.timeIntervalSince(task.created) / 86400)
        u += Coefficient.age * min(ageDays / Coefficient.ageMaxDays, 1)
        u += Coefficient.tags * countFactor(task.tagCount)
        u += Coefficient.annotations * countFactor(task.annotationCount)
        if task.hasProject { u += Coefficient.project }
        if task.status == .waiting { u += Coefficient.waiting }
        return adding(ready: task.scheduled.map { $0 <= now } ?? false, blocked: task.blocked, blocking: task.blocking, to: u)
    }

    /// `score` with the terms that depend on other rows or on `scheduled` added last (scheduled
    /// and come, blocked, blocking, in this order), so that a store can rank rows before it knows
    /// them and add these afterwards with exactly the same floating-point result.
    @inlinable
    public static func adding(ready: Bool = false, blocked: Bool, blocking: Bool, to score: Double) -> Double {
        var u = score
        if ready { u += Coefficient.scheduled }
        if blocked { u += Coefficient.blocked }
        if blocking { u += Coefficient.blocking }
        return u
    }

    /// 0.2 when due two weeks or more ahead, rising linearly to 1.0 at a week overdue.
    public static func dueFactor(_ due: Date, now: Date) -> Double {
        let daysOverdue = now.timeIntervalSince(due) / 86400
        if daysOverdue >= 7 { return 1 }
        if daysOverdue >= -14 { return (daysOverdue + 14) * 0.8 / 21 + 0.2 }
        return 0.2
    }

    /// 0 for none, 0.8 for one, 0.9 for two, 1.0 for three or more.
    static func countFactor(_ n: Int) -> Double {
        switch n {
        case 0: return 0
        case 1: return 0.8
        case 2: return 0.9
        default: return 1
        }
    }

    /// Ready tasks first; tasks scheduled later after them, soonest first (shown apart).
    /// `.distantPast` for a ready task, else its scheduled date: the first key of the queue order.
    @inlinable
    public static func laterKey(_ scheduled: Date?, now: Date) -> Date {
        if let s = scheduled, s > now { return s }
        return .distantPast
    }

    /// Ready tasks before those scheduled later (soonest first), then most urgent first; ties
    /// broken by earlier due, then older, then smaller number.
    public static func sorted(_ tasks: [WorkTask], now: Date) -> [WorkTask] {
        var tasks = tasks
        sort(&tasks, now: now)
        return tasks
    }

    /// `sorted` in place: the order is found on indices and applied by moving the values, so no
    /// task is copied (at 10,000 tasks the copies' reference counting showed in profiles).
    public static func sort(_ tasks: inout [WorkTask], now: Date) {
        // The keys, read once per task.
        var scores: [Double] = [], dues: [Date] = [], created: [Date] = [], numbers: [Int] = [], later: [Date] = []
        scores.reserveCapacity(tasks.count); dues.reserveCapacity(tasks.count)
        created.reserveCapacity(tasks.count); numbers.reserveCapacity(tasks.count); later.reserveCapacity(tasks.count)
        for t in tasks {
            later.append(laterKey(t.scheduled, now: now))
            scores.append(score(t, now: now))
            dues.append(t.due ?? .distantFuture)
            created.append(t.created)
            numbers.append(t.number ?? .max)
        }
        let order = stableOrder(tasks.count) { i, j in
            if later[i] != later[j] { return later[i] < later[j] }
            if scores[i] != scores[j] { return scores[i] > scores[j] }
            if dues[i] != dues[j] { return dues[i] < dues[j] }
            if created[i] != created[j] { return created[i] < created[j] }
            return numbers[i] < numbers[j]
        }
        // Position k takes the task at order[k]: follow each cycle of the permutation with swaps.
        var placed = [Bool](repeating: false, count: order.count)
        tasks.withUnsafeMutableBufferPointer { t in
            for start in order.indices where !placed[start] {
                var k = start
                placed[k] = true
                while order[k] != start {
                    t.swapAt(k, order[k])
                    k = order[k]
                    placed[k] = true
                }
            }
        }
    }

    /// The indices `0..<count` ordered by `before`, equal ones keeping their order (a bottom-up
    /// merge sort): the standard library's sort instantiates generic metadata on its first use in
    /// a process, which costs more than sorting a thousand tasks.
    @inlinable
    public static func stableOrder(_ count: Int, by before: (Int, Int) -> Bool) -> [Int] {
        var a = Array(0..<count), b = a
        var width = 1
        while width < count {
            var lo = 0
            while lo < count {
                let mid = min(lo + width, count), hi = min(lo + 2 * width, count)
                var i = lo, j = mid, k = lo
                while i < mid && j < hi {
                    if before(a[j], a[i]) { b[k] = a[j]; j += 1 } else { b[k] = a[i]; i += 1 }
                    k += 1
                }
                while i < mid { b[k] = a[i]; i += 1; k += 1 }
                while j < hi { b[k] = a[j]; j += 1; k += 1 }
                lo = hi
            }
            swap(&a, &b)
            width *= 2
        }
        return a
    }
}
