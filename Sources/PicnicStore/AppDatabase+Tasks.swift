import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    // MARK: Reading

    /// The tasks passing `filter`, most urgent first.
    public func tasks(matching filter: TaskFilter, now: Date = Date()) throws -> [WorkTask] {
        var load = filter.statuses
        // Every open task when any is wanted: a waiting task whose date passed is pending, and
        // blocked/blocking depend on all of them.
        if !load.isDisjoint(with: [.pending, .active, .waiting]) { load.formUnion([.pending, .active, .waiting]) }
        let list = TaskStatus.allCases.filter(load.contains).map { "'\($0.rawValue)'" }.joined(separator: ",")
        var tasks = try read { db in
            try TaskRecord.fetchTasks(db, sql: "SELECT \(TaskRecord.columns) FROM tasks WHERE status IN (\(list))", now: now)
        }
        QueueMarks.mark(&tasks)
        tasks.removeAll { !filter.matches($0, now: now) }
        Urgency.sort(&tasks, now: now)
        return tasks
    }

    /// Every task, open ones first by number, then closed ones by completion (for export).
    public func allTasks(includeClosed: Bool, now: Date = Date()) throws -> [WorkTask] {
        let whereClause = includeClosed ? "" : "WHERE status IN ('pending', 'active', 'waiting')"
        var tasks = try read { db in
            try TaskRecord.fetchTasks(db, sql: """
                SELECT \(TaskRecord.columns) FROM tasks \(whereClause)
                ORDER BY number IS NULL, number, coalesce(completed, modified), created, rowid
                """, now: now)
        }
        QueueMarks.mark(&tasks)
        return tasks
    }

    /// Every open task (pending, active, waiting) by number: what the dashboard's queue starts
    /// from. One read, decoded straight from SQLite's column API.
    public func openTasks(now: Date = Date()) throws -> [WorkTask] {
        try allTasks(includeClosed: false, now: now)
    }

    /// The task a person means by `ref`: a short number, a UUID or a UUID prefix (4+ characters).
    /// Throws a usage error when there is no such task or the prefix is ambiguous.
    public func task(ref: String, now: Date = Date()) throws -> WorkTask {
        try read { db in
            var task = try Self.resolve(ref, db, now: now)
            try Self.markDependencies(&task, db)
            return task
        }
    }

    /// Tags in use on open tasks, most used first (for completion).
    public func knownTags() throws -> [String] {
        let rows = try read { db in
            try String.fetchAll(db, sql: "SELECT tags FROM tasks WHERE status IN ('pending', 'active', 'waiting') AND tags != ''")
        }
        var counts: [String: Int] = [:]
        for r in rows { for t in TaskRecord.words(r) { counts[t, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// Projects in use on open tasks, most used first (for completion).
    public func knownProjects() throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT project FROM tasks WHERE project IS NOT NULL AND status IN ('pending', 'active', 'waiting')
                GROUP BY project ORDER BY count(*) DESC, project
                """)
        }
    }

    // MARK: Writing (each call is one IMMEDIATE transaction and one undoable change)

    /// Adds one task from a parsed quick-add line, with an optional first annotation written in
    /// the same transaction; returns it with its short number.
    @discardableResult
    public func addTask(_ draft: TaskModification, annotation: String? = nil, now: Date = Date(),
                        calendar: Calendar = .current) throws -> WorkTask {
        try addTasks([draft], annotation: annotation, now: now, calendar: calendar)[0]
    }

    /// Adds several tasks in one transaction (one undo step); returns them with their numbers.
    /// Linear in the number of drafts: the free numbers are read once for the whole batch.
    /// In an active context each gets the context's tags, project and priority (as Taskwarrior
    /// does); `depends:` names existing tasks; `recur:` makes a series whose first instance this is.
    @discardableResult
    public func addTasks(_ drafts: [TaskModification], annotation: String? = nil, now: Date = Date(),
                         calendar: Calendar = .current) throws -> [WorkTask] {
        let now = now.truncatedToSeconds
        return try writeChange("added") { db in
            let enlarged = try BatchCache.enlarge(db, count: drafts.count, kib: min(max(64 << 10, drafts.count), 1 << 20))
            defer { if enlarged { BatchCache.restore(db) } }
            let context = try Self.contextAdditions(db, now: now, calendar: calendar)
            var added: [WorkTask] = []
            added.reserveCapacity(drafts.count)
            // One task (every `picnic add`) asks the index for two figures; a batch reads the
            // numbers in use once instead of counting them again for every task.
            var free = drafts.count > 1 ? try FreeNumbers(db) : nil
            for var draft in drafts {
                guard !draft.title.isEmpty else { throw PicnicError.usage("empty title: a task needs some words besides its attributes") }
                if let context { Self.merge(context, into: &draft) }
                var task = draft.makeTask(now: now)
                if let annotation, !annotation.allSatisfy(\.isWhitespace) {
                    task.annotations.append(Annotation(entry: now, text: annotation))
                }
                try Self.applyDependencies(draft, to: &task, db, now: now)
                task = try Self.startSeries(draft, instance: task, db)
                task.number = try free?.next() ?? Self.nextNumber(db)
                try Self.insert(task, db)
                added.append(task)
            }
            try UndoJournal.relabel(TaskWords.did("added", added), in: db)
            return added
        }
    }

    /// Marks tasks done (they give up their short numbers). Throws before writing if any ref is bad.
    @discardableResult
    public func markDone(refs: [String], now: Date = Date()) throws -> [WorkTask] {
        try finish(refs: refs, now: now).closed
    }

    /// Marks tasks done and makes the next instance of each recurring one, in one change (one
    /// undo step). A task already done is refused, so two processes finishing the same instance
    /// at once make its next instance once: the second waits for the first's transaction, then
    /// finds the task done.
    public func finish(refs: [String], now: Date = Date(), calendar: Calendar = .current) throws -> FinishResult {
        var result = FinishResult()
        result.closed = try update(refs, verb: "finished", now: now, { task, now, _ in
            guard task.status.isOpen else { throw PicnicError.usage("task \(Self.name(task)) is already \(task.status.rawValue)") }
            task.status = .done
            task.completed = now
            task.number = nil
        }, after: { before, task, db in
            let step = try Self.stepSeries(after: task, releasedNumber: before.number, stop: false, db,
                                           now: now.truncatedToSeconds, calendar: calendar)
            if let next = step.next { result.next.append(next) }
            if let ended = step.ended { result.ended.append(ended) }
        })
        return result
    }

    /// Marks the tasks with these UUIDs done.
    @discardableResult
    public func markDone(ids: [UUID], now: Date = Date()) throws -> [WorkTask] {
        try markDone(refs: ids.map(\.uuidString), now: now)
    }

    /// Starts working on a task (status active).
    @discardableResult
    public func start(ref: String, now: Date = Date()) throws -> WorkTask {
        try update([ref], verb: "started", now: now) { task, now in
            guard task.status.isOpen else { throw PicnicError.usage("task \(Self.name(task)) is \(task.status.rawValue)") }
            guard task.status != .active else { throw PicnicError.usage("task \(Self.name(task)) is already started") }
            task.status = .active
            task.started = now
        }[0]
    }

    /// Stops working on a task (back to pending, or waiting if its wait date is ahead).
    @discardableResult
    public func stop(ref: String, now: Date = Date()) throws -> WorkTask {
        try update([ref], verb: "stopped", now: now) { task, now in
            guard task.status == .active else { throw PicnicError.usage("task \(Self.name(task)) is not started") }
            task.status = TaskModification.status(.pending, wait: task.wait, now: now)
            task.started = nil
        }[0]
    }

    /// Applies a parsed modification (`+tag -tag project: due:…`, new title words, `depends:`,
    /// `recur:`, `until:`) to a task. With `wholeSeries`, a recurring task's template and its other
    /// open instances get the change too.
    @discardableResult
    public func modify(ref: String, with change: TaskModification, wholeSeries: Bool = false, now: Date = Date()) throws -> WorkTask {
        try update([ref], verb: wholeSeries ? "modified the series of" : "modified", now: now, { task, now, db in
            change.apply(to: &task, now: now)
            try Self.applyDependencies(change, to: &task, db, now: now)
            if change.recur != .keep || change.until != .keep || wholeSeries {
                _ = try Self.modifySeries(change, task: &task, wholeSeries: wholeSeries, db, now: now)
            }
        }, after: { _, _, _ in })[0]
    }

    /// Adds a timestamped note to a task.
    @discardableResult
    public func annotate(ref: String, text: String, now: Date = Date()) throws -> WorkTask {
        guard !text.allSatisfy(\.isWhitespace) else { throw PicnicError.usage("empty annotation") }
        return try update([ref], verb: "annotated", now: now) { task, now in
            task.annotations.append(Annotation(entry: now, text: text))
        }[0]
    }

    /// Marks tasks deleted (kept for undo and export; they give up their numbers).
    @discardableResult
    public func delete(refs: [String], now: Date = Date()) throws -> [WorkTask] {
        try remove(refs: refs, now: now).closed
    }

    /// Deletes tasks; a recurring one makes its next instance, unless `wholeSeries` stops its
    /// series with it.
    public func remove(refs: [String], wholeSeries: Bool = false, now: Date = Date(),
                       calendar: Calendar = .current) throws -> FinishResult {
        var result = FinishResult()
        result.closed = try update(refs, verb: wholeSeries ? "deleted the series of" : "deleted", now: now, { task, now, _ in
            guard task.status != .deleted else { throw PicnicError.usage("task \(Self.name(task)) is already deleted") }
            if wholeSeries, task.series == nil { throw PicnicError.usage("--series: task \(Self.name(task)) is not recurring") }
            task.status = .deleted
            task.number = nil
            if task.completed == nil { task.completed = now }
        }, after: { before, task, db in
            guard before.status.isOpen || wholeSeries else { return }
            let step = try Self.stepSeries(after: task, releasedNumber: before.number, stop: wholeSeries, db,
                                           now: now.truncatedToSeconds, calendar: calendar)
            if let next = step.next { result.next.append(next) }
            if let ended = step.ended { result.ended.append(ended) }
        })
        return result
    }

    /// Reverts the newest change made by any command or process; returns what it was, or nil.
    public func undo() throws -> String? {
        try mapErrors {
            try pool.writeWithoutTransaction { db in
                var label: String?
                try db.inTransaction(.immediate) {
                    label = try UndoJournal.undoLast(in: db)
                    return .commit
                }
                return label
            }
        }
    }

    /// Inserts or updates tasks by UUID, keeping every field (for importers). An open task keeps
    /// its number when it is free, else gets the smallest free one; closed tasks hold none.
    /// Returns how many were inserted and how many updated. One transaction, one undo step.
    @discardableResult
    public func saveImportedTasks(_ tasks: [WorkTask], label: String = "imported") throws -> (inserted: Int, updated: Int) {
        let r = try saveImported(tasks, series: [], label: label)
        return (r.inserted, r.updated)
    }

    /// What an import wrote.
    public struct ImportCounts: Equatable, Sendable {
        public var inserted = 0, updated = 0
        /// Series (recurring templates) inserted or updated.
        public var series = 0
        /// Instances not saved because the store already holds that occurrence of their series
        /// under another UUID (both tools made it): kept once, never twice.
        public var duplicates: [WorkTask] = []

        public init() {}
    }

    /// `saveImportedTasks` with recurring templates, saved first (upsert by UUID), so that
    /// instances find their series.
    public func saveImported(_ tasks: [WorkTask], series: [TaskSeries], label: String = "imported") throws -> ImportCounts {
        try writeChange(label) { db in
            var counts = ImportCounts()
            for s in series {
                try SeriesRecord.save(s, db)
                counts.series += 1
            }
            for var task in tasks {
                task.tags = task.tags.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: "_") }.filter { !$0.isEmpty }
                task.blocked = false
                task.blocking = false
                let key = task.uuid.uuidString.lowercased()
                if let sid = task.series, let k = task.occurrence,
                   try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tasks WHERE series = ? AND occurrence = ? AND uuid != ?)",
                                     arguments: [sid.uuidString.lowercased(), k, key]) ?? false {
                    counts.duplicates.append(task)
                    continue
                }
                let existing = try Row.fetchOne(db, sql: "SELECT number FROM tasks WHERE uuid = ?", arguments: [key])
                if task.status.isOpen {
                    let wanted = task.number ?? existing?[0]
                    var free = false
                    if let n = wanted, n > 0 {
                        free = try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tasks WHERE number = ? AND uuid != ?)", arguments: [n, key]) ?? false)
                    }
                    task.number = free ? wanted : try Self.nextNumber(db, excluding: key)
                } else {
                    task.number = nil
                }
                if existing != nil {
                    try Self.update(task, db)
                    counts.updated += 1
                } else {
                    try Self.insert(task, db)
                    counts.inserted += 1
                }
            }
            let written = counts.inserted + counts.updated
            let tasks = "\(written) task\(written == 1 ? "" : "s")"
            try UndoJournal.relabel(counts.series > 0 ? "\(label) (\(tasks), \(counts.series) series)" : "\(label) (\(tasks))", in: db)
            return counts
        }
    }
}
