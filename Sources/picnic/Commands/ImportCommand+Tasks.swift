import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

extension ImportCommand {
    /// Tasks match by UUID: unchanged ones are skipped, changed ones updated, new ones added.
    func importTasks() throws {
        let (data, name) = try readInput()
        let now = Date()
        let tasks = format == .taskwarrior
            ? try TaskwarriorFormat.parse(data, file: name)
            : try TodoTxtFormat.parse(data, file: name, now: now)
        let db = try Global.openDatabase()
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
        let counts = changed.isEmpty ? (inserted: 0, updated: 0)
            : try db.saveImportedTasks(changed, label: "imported from \(format.rawValue)")
        Global.note("Imported \(format.rawValue) \(PostOutput.safe(name, max: 120)): " + ImportSummary(
            added: counts.inserted, updated: counts.updated, skipped: skipped).description)
    }

    /// Equal in everything a person sees (the short number and timestamps of the store aside).
    static func sameTask(_ a: WorkTask, _ b: WorkTask) -> Bool {
        var x = a, y = b
        y.number = x.number
        y.tags = y.tags.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: "_") }.filter { !$0.isEmpty }
        func whole(_ d: Date?) -> Date? { d.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) } }
        for t in [0, 1] {
            var v = t == 0 ? x : y
            v.created = whole(v.created)!
            v.modified = whole(v.modified)!
            v.due = whole(v.due); v.wait = whole(v.wait); v.started = whole(v.started); v.completed = whole(v.completed)
            v.annotations = v.annotations.map { Annotation(entry: whole($0.entry)!, text: $0.text) }
            if t == 0 { x = v } else { y = v }
        }
        return x == y
    }
}
