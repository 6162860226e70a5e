import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

extension ImportCommand {
    /// Tasks match by UUID: unchanged ones are skipped, changed ones updated, new ones added.
    func importTasks() throws {
        let (data, name) = try readInput()
        let now = Clock.now()
        var series: [TaskSeries] = []
        let tasks: [WorkTask]
        if format == .taskwarrior {
            let contents = try TaskwarriorFormat.parseAll(data, file: name)
            tasks = contents.tasks
            series = contents.series
        } else {
            tasks = try TodoTxtFormat.parse(data, file: name, now: now)
        }
        let db = try Global.openDatabase()
        let storedSeries = Dictionary(try db.allSeries().map { ($0.uuid, $0) }, uniquingKeysWith: { a, _ in a })
        let changedSeries = series.filter { s in storedSeries[s.uuid].map { !Self.sameSeries($0, s) } ?? true }
        let existing = Dictionary(try db.allTasks(includeClosed: true, now: now).map { ($0.uuid, $0) },
                                  uniquingKeysWith: { a, _ in a })
        var changed: [WorkTask] = []
        var skipped = 0
        for var task in tasks {
            if let old = existing[task.uuid] {
                if format == .todotxt {
                    // todo.txt carries no notes, annotations, dependencies or timestamps beyond
                    // dates: keep Picnic's, and a line without a creation date keeps the first one.
                    if task.created == now { task.created = old.created }
                    task.modified = old.modified
                    task.notes = old.notes
                    task.annotations = old.annotations
                    task.depends = old.depends
                    if task.status.isOpen, old.status == .active { task.status = .active; task.started = old.started }
                }
                if Self.sameTask(old, task) { skipped += 1; continue }
                if format == .todotxt { task.modified = now }
            }
            changed.append(task)
        }
        let counts = changed.isEmpty && changedSeries.isEmpty ? AppDatabase.ImportCounts()
            : try db.saveImported(changed, series: changedSeries, label: "imported from \(format.rawValue)")
        for d in counts.duplicates {
            Global.note("Kept once: \(Terminal.safe(TaskWords.quoted(d.title))) (occurrence \(d.occurrence ?? 0) of its series is already here as another task)")
        }
        var summary = ImportSummary(added: counts.inserted, updated: counts.updated, skipped: skipped).description
        if !series.isEmpty { summary += "; \(series.count) recurring series (\(changedSeries.count) new or changed)" }
        if !counts.duplicates.isEmpty { summary += "; \(counts.duplicates.count) duplicate instances not added" }
        Global.note("Imported \(format.rawValue) \(PostOutput.safe(name, max: 120)): " + summary)
    }

    /// Equal series, timestamps compared in whole seconds.
    static func sameSeries(_ a: TaskSeries, _ b: TaskSeries) -> Bool {
        a.recur == b.recur && a.mask == b.mask && a.until == b.until && sameTask(a.template, b.template)
    }

    /// Equal in everything a person sees (the short number and timestamps of the store aside).
    static func sameTask(_ a: WorkTask, _ b: WorkTask) -> Bool {
        var x = a, y = b
        y.number = x.number
        y.blocked = x.blocked // computed by the store, not data
        y.blocking = x.blocking
        y.tags = y.tags.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: "_") }.filter { !$0.isEmpty }
        func whole(_ d: Date?) -> Date? { d.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } }
        for t in [0, 1] {
            var v = t == 0 ? x : y
            v.created = whole(v.created)!
            v.modified = whole(v.modified)!
            v.due = whole(v.due); v.wait = whole(v.wait); v.started = whole(v.started); v.completed = whole(v.completed)
            v.scheduled = whole(v.scheduled)
            v.annotations = v.annotations.map { Annotation(entry: whole($0.entry)!, text: $0.text) }
            if t == 0 { x = v } else { y = v }
        }
        return x == y
    }
}
