import Foundation
import GRDB
import PicnicCore

/// The first screen of the queue without decoding the whole queue: the dashboard draws it while
/// the rest loads (docs/DashboardRuntime.md).
public struct QueueHead: Equatable, Sendable {
    /// The most urgent open tasks, most urgent first (at most the limit asked for).
    public var tasks: [WorkTask]
    /// How many tasks are open in all.
    public var openCount: Int
    /// What is due before the date asked for (`DueCounts`).
    public var due: DueCounts

    public init(tasks: [WorkTask], openCount: Int, due: DueCounts) {
        self.tasks = tasks
        self.openCount = openCount
        self.due = due
    }
}

extension AppDatabase {
    /// The `limit` most urgent open tasks in `Urgency.sorted` order, the number of open tasks and
    /// how many are due before `dueBefore`. Only the columns urgency depends on are read for the
    /// whole queue; the chosen rows alone are decoded in full.
    public func queueHead(limit: Int, dueBefore: Date, now: Date = Date()) throws -> QueueHead {
        try read { db in
            var keys: [RankKey] = []
            var due = DueCounts()
            // Whole numbers only (status and priority as codes) and the tag bytes, read through
            // the C API: no string or GRDB row is made per task.
            let scan = try RawStatement(db, """
                SELECT rowid, CASE status WHEN 'active' THEN 1 WHEN 'waiting' THEN 2 ELSE 0 END, wait,
                       CASE priority WHEN 'H' THEN 3 WHEN 'M' THEN 2 WHEN 'L' THEN 1 ELSE 0 END,
                       due, created, number, tags,
                       CASE WHEN annotations = '[]' OR NOT json_valid(annotations) THEN 0
                            ELSE json_array_length(annotations) END,
                       project IS NOT NULL AND project != '', uuid
                FROM tasks WHERE status IN ('pending', 'active', 'waiting')
                """)
            var marks = try QueueMarks.load(db)
            while try scan.step() {
                let dueDate = Self.date(scan.optionalInt64(4))
                var status = Self.status(scan.int64(1))
                if status == .waiting { status = TaskModification.status(.waiting, wait: Self.date(scan.optionalInt64(2)), now: now) }
                let words = scan.withText(7, Self.tagWords)
                let inputs = Urgency.Inputs(
                    status: status, due: dueDate, priority: Self.priority(scan.int64(3)),
                    created: Self.date(scan.optionalInt64(5)) ?? Date(timeIntervalSince1970: 0),
                    tagCount: words.count, hasNextTag: words.next, annotationCount: Int(scan.int64(8)),
                    hasProject: scan.int64(9) != 0)
                if !marks.isEmpty { _ = marks.visit(scan.textBytes(10), row: keys.count) }
                keys.append(RankKey(rowid: scan.int64(0), later: .distantPast,
                                    score: Urgency.score(inputs, now: now), due: dueDate ?? .distantFuture,
                                    created: inputs.created, number: scan.optionalInt64(6).map { Int($0) } ?? Int.max))
                due.add(status: status, due: dueDate, now: now, endOfDay: dueBefore)
            }
            // The scheduled and dependency terms come last in the score, so adding them now gives
            // what `Urgency.score` gives the marked task.
            for m in marks.rows() {
                keys[m.row].score = Urgency.adding(ready: m.ready(now), blocked: m.blocked, blocking: m.blocking, to: keys[m.row].score)
                keys[m.row].later = m.later(now) ?? .distantPast
                keys[m.row].flags = (m.blocked ? 1 : 0) | (m.blocking ? 2 : 0)
            }
            let head = Self.mostUrgent(keys, limit: limit)
            guard !head.isEmpty else { return QueueHead(tasks: [], openCount: keys.count, due: due) }
            // The chosen rows, decoded by the shared column reader, in rank order.
            let list = head.map { String($0.rowid) }.joined(separator: ",")
            let rank = head.enumerated().map { "WHEN \($0.element.rowid) THEN \($0.offset)" }.joined(separator: " ")
            var tasks = try TaskRecord.fetchTasks(db, sql: """
                SELECT \(TaskRecord.columns) FROM tasks WHERE rowid IN (\(list)) ORDER BY CASE rowid \(rank) END
                """, now: now)
            for (i, k) in head.enumerated() where i < tasks.count {
                tasks[i].blocked = k.flags & 1 != 0
                tasks[i].blocking = k.flags & 2 != 0
            }
            return QueueHead(tasks: tasks, openCount: keys.count, due: due)
        }
    }

    /// What `Urgency.sorted` orders by, for one row.
    struct RankKey {
        var rowid: Int64
        var later: Date
        var score: Double
        var due: Date
        var created: Date
        var number: Int
        /// 1 blocked, 2 blocking.
        var flags: UInt8 = 0

        /// `Urgency.sorted`'s order: ready first, higher score, then earlier due, older, smaller
        /// number (then rowid).
        func precedes(_ o: RankKey) -> Bool {
            if later != o.later { return later < o.later }
            if score != o.score { return score > o.score }
            if due != o.due { return due < o.due }
            if created != o.created { return created < o.created }
            if number != o.number { return number < o.number }
            return rowid < o.rowid
        }
    }

    /// The first `limit` keys in order (the whole list is never sorted).
    static func mostUrgent(_ keys: [RankKey], limit: Int) -> [RankKey] {
        guard limit > 0 else { return [] }
        var best: [RankKey] = []
        best.reserveCapacity(limit + 1)
        for k in keys {
            if best.count == limit, let last = best.last, !k.precedes(last) { continue }
            // Insert after every key that precedes it or ties with it (stable, like the full sort).
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if k.precedes(best[mid]) { hi = mid } else { lo = mid + 1 }
            }
            best.insert(k, at: lo)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    /// Word count of a stored tag list (`" a b "`, split on spaces as `TaskRecord.words` does)
    /// and whether one word is `next`, without making strings.
    static func tagWords(_ text: UnsafeBufferPointer<UInt8>) -> (count: Int, next: Bool) {
        var count = 0, next = false, length = 0, isNext = true
        let word: [UInt8] = [110, 101, 120, 116] // "next"
        func end() {
            if length > 0 { count += 1; if isNext && length == 4 { next = true } }
            length = 0; isNext = true
        }
        for b in text {
            if b == 32 { end(); continue }
            isNext = isNext && length < 4 && b == word[length]
            length += 1
        }
        end()
        return (count, next)
    }

    static func status(_ code: Int64) -> TaskStatus {
        switch code {
        case 1: .active
        case 2: .waiting
        default: .pending
        }
    }

    static func priority(_ code: Int64) -> Priority? {
        switch code {
        case 3: .H
        case 2: .M
        case 1: .L
        default: nil
        }
    }

    static func date(_ secs: Int64?) -> Date? {
        secs.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }
}
