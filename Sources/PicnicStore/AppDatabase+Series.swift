import Foundation
import GRDB
import PicnicCore

/// What finishing or deleting tasks did: the tasks closed, and the instances made next.
public struct FinishResult: Equatable, Sendable {
    public var closed: [WorkTask]
    /// The next instance of each recurring series that got one, in the order of `closed`.
    public var next: [WorkTask]
    /// Series that ended with these tasks (`until` passed, or stopped with the delete).
    public var ended: [TaskSeries]

    public init(closed: [WorkTask] = [], next: [WorkTask] = [], ended: [TaskSeries] = []) {
        self.closed = closed
        self.next = next
        self.ended = ended
    }
}

extension AppDatabase {
    /// Every recurring series, running or ended, oldest first (for export).
    public func allSeries() throws -> [TaskSeries] {
        try read { db in try SeriesRecord.fetchAll(db) }
    }

    /// The series a task belongs to, or nil.
    public func series(of task: WorkTask) throws -> TaskSeries? {
        guard let id = task.series else { return nil }
        return try read { db in try SeriesRecord.fetch(db, uuid: id) }
    }

    /// Makes a series from a new task that has `recur:` (its template is the task itself) and
    /// returns the first instance, still to be inserted.
    static func startSeries(_ draft: TaskModification, instance task: WorkTask, _ db: Database) throws -> WorkTask {
        guard case .set(let recur) = draft.recur else { return task }
        guard let due = task.due else { throw PicnicError.usage("recur:\(recur): a recurring task needs due: to count from (e.g. due:fri)") }
        var template = task
        template.uuid = UUID()
        template.number = nil
        template.status = .pending
        var series = TaskSeries(template: template, recur: recur, until: draft.until.applied(to: nil))
        if let until = series.until, until < due { throw PicnicError.usage("until: before the first due date") }
        var first = task
        first.series = template.uuid
        first.occurrence = 0
        series.mark(0, first.status)
        try SeriesRecord.save(series, db)
        return first
    }

    /// After `instance` was finished or deleted: marks its slot in its series and, when no other
    /// instance is open, makes the next one (its number is never the one `instance` just gave
    /// up, so a second `done 3` racing this one cannot finish the new instance). Returns the new
    /// instance, or the series when it ended instead.
    static func stepSeries(after instance: WorkTask, releasedNumber: Int?, stop: Bool, _ db: Database,
                           now: Date, calendar: Calendar) throws -> (next: WorkTask?, ended: TaskSeries?) {
        guard let id = instance.series, let k = instance.occurrence, var series = try SeriesRecord.fetch(db, uuid: id) else {
            return (nil, nil)
        }
        series.mark(k, instance.status)
        if stop, series.isRunning {
            series.template.status = .deleted
            series.template.completed = now
            series.template.modified = now
            try SeriesRecord.save(series, db)
            return (nil, series)
        }
        let othersOpen = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM tasks WHERE series = ? AND uuid != ? AND status IN ('pending', 'active', 'waiting'))
            """, arguments: [id.uuidString.lowercased(), instance.uuid.uuidString.lowercased()]) ?? false
        guard series.isRunning, !othersOpen else {
            try SeriesRecord.save(series, db)
            return (nil, nil)
        }
        guard let (occurrence, due) = series.nextOccurrence(after: k, now: now, calendar: calendar) else {
            if series.period != nil {
                // Nothing left before `until`: the series is over.
                series.template.status = .done
                series.template.completed = now
                series.template.modified = now
                try SeriesRecord.save(series, db)
                return (nil, series)
            }
            try SeriesRecord.save(series, db)
            return (nil, nil)
        }
        var next = series.makeInstance(occurrence: occurrence, due: due, now: now)
        next.number = try nextNumber(db, avoiding: releasedNumber)
        series.mark(occurrence, next.status)
        try insert(next, db)
        try SeriesRecord.save(series, db)
        return (next, nil)
    }

    /// The smallest free number other than `avoiding`.
    static func nextNumber(_ db: Database, avoiding: Int?) throws -> Int {
        let n = try nextNumber(db)
        guard let a = avoiding, n == a else { return n }
        return try Int.fetchOne(db, sql: """
            SELECT min(n) FROM (
                SELECT :a + 1 AS n WHERE NOT EXISTS (SELECT 1 FROM tasks WHERE number = :a + 1)
                UNION ALL
                SELECT t.number + 1 FROM tasks t
                 WHERE t.number > :a AND NOT EXISTS (SELECT 1 FROM tasks u WHERE u.number = t.number + 1))
            """, arguments: ["a": a]) ?? a + 1
    }

    /// The series-wide part of a `modify`: `recur:` (change the period, start a series from a
    /// plain task, or stop it with an empty value) and `until:`; with `wholeSeries`, the rest of
    /// the change goes to the template and every open instance too. Returns the other open
    /// instances it changed.
    static func modifySeries(_ change: TaskModification, task: inout WorkTask, wholeSeries: Bool, _ db: Database,
                             now: Date) throws -> [WorkTask] {
        let existing = try task.series.flatMap { try SeriesRecord.fetch(db, uuid: $0) }
        if task.series == nil || existing == nil {
            guard change.until == .keep || change.recur != .keep else {
                throw PicnicError.usage("until: task \(name(task)) is not recurring (add recur: first)")
            }
            if wholeSeries { throw PicnicError.usage("--series: task \(name(task)) is not recurring") }
            guard case .set = change.recur else {
                if change.recur == .clear { throw PicnicError.usage("recur: task \(name(task)) is not recurring") }
                return []
            }
            var draft = TaskModification()
            draft.recur = change.recur
            draft.until = change.until
            task = try startSeries(draft, instance: task, db)
            return []
        }
        guard var series = existing else { return [] }
        switch change.recur {
        case .set(let recur): series.recur = recur
        case .clear:
            if series.isRunning {
                series.template.status = .deleted
                series.template.completed = now
            }
        case .keep: break
        }
        series.until = change.until.applied(to: series.until)
        if let until = series.until, let due = task.due, until < due, change.until != .keep {
            throw PicnicError.usage("until: before the due date of task \(name(task))")
        }
        var others: [WorkTask] = []
        if wholeSeries {
            var fields = change
            fields.recur = .keep
            fields.until = .keep
            fields.due = .keep
            let status = series.template.status
            fields.apply(to: &series.template, now: now)
            series.template.status = status // a template is never waiting
            try applyDependencies(fields, to: &series.template, db, now: now)
            others = try TaskRecord.fetchTasks(db, sql: """
                SELECT \(TaskRecord.columns) FROM tasks
                 WHERE series = ? AND uuid != ? AND status IN ('pending', 'active', 'waiting')
                """, now: now, bind: {
                    $0.bind(1, series.uuid.uuidString.lowercased())
                    $0.bind(2, task.uuid.uuidString.lowercased())
                })
            for i in others.indices {
                fields.apply(to: &others[i], now: now)
                try applyDependencies(fields, to: &others[i], db, now: now)
                others[i].modified = now
                try update(others[i], db)
            }
        }
        series.template.modified = now
        try SeriesRecord.save(series, db)
        return others
    }
}
