import Foundation
import GRDB
import PicnicCore

/// The thin mapping between a `series` row and a `TaskSeries` (few rows: GRDB's `Row` is fine).
enum SeriesRecord {
    static let columns = "uuid, title, notes, project, tags, priority, due, wait, scheduled, until, recur, mask, status, created, modified, ended, annotations, depends, extra"

    static func series(_ row: Row) -> TaskSeries {
        func date(_ i: Int) -> Date? { (row[i] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) } }
        let uuidText: String = row[0]
        let template = WorkTask(
            uuid: TaskRecord.fastUUID(uuidText) ?? UUID(uuidString: uuidText) ?? UUID(),
            title: row[1], notes: row[2], project: row[3], tags: TaskRecord.words(row[4]),
            priority: (row[5] as String?).flatMap(Priority.init(rawValue:)),
            due: date(6), wait: date(7),
            status: TaskStatus(rawValue: row[12]) ?? .pending,
            created: date(13) ?? Date(timeIntervalSince1970: 0), modified: date(14),
            completed: date(15), annotations: TaskRecord.annotations(row[16]),
            depends: TaskRecord.words(row[17]).compactMap(UUID.init(uuidString:)),
            extra: TaskRecord.extra(row[18]), scheduled: date(8))
        return TaskSeries(template: template, recur: row[10], until: date(9), mask: row[11])
    }

    static func values(_ s: TaskSeries) -> [(any DatabaseValueConvertible)?] {
        func secs(_ d: Date?) -> Int64? { d.map { Int64($0.timeIntervalSince1970.rounded(.down)) } }
        let t = s.template
        let notes = t.annotations.map { TaskRecord.StoredNote(entry: secs($0.entry)!, description: $0.text) }
        return [
            t.uuid.uuidString.lowercased(), t.title, t.notes, t.project, TaskRecord.joinWords(t.tags),
            t.priority?.rawValue, secs(t.due) ?? 0, secs(t.wait), secs(t.scheduled), secs(s.until),
            s.recur, s.mask, t.status.isOpen ? "pending" : t.status.rawValue, secs(t.created)!, secs(t.modified)!,
            secs(t.completed), notes.isEmpty ? "[]" : TaskRecord.json(notes),
            TaskRecord.joinWords(t.depends.map { $0.uuidString.lowercased() }),
            t.extra.isEmpty ? "{}" : TaskRecord.json(t.extra),
        ]
    }

    static func fetch(_ db: Database, uuid: UUID) throws -> TaskSeries? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM series WHERE uuid = ?", arguments: [uuid.uuidString.lowercased()])
            .map(series)
    }

    static func fetchAll(_ db: Database) throws -> [TaskSeries] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM series ORDER BY created, rowid").map(series)
    }

    /// Inserts or replaces the row of `s` (the same rowid when it exists, so undo finds it). The
    /// only writer of `series`: it journals the old row for undo itself (the table has no
    /// triggers, see `QueueSchema.v7`).
    static func save(_ s: TaskSeries, _ db: Database) throws {
        let values = Self.values(s)
        let key = StatementArguments([values[0]])
        let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM series WHERE uuid = ?)", arguments: key) ?? false
        if exists {
            try UndoJournal.record("update", "series", where: "uuid = ?", arguments: key, in: db)
            let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let sets = names.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")
            var v = values
            v.append(v.removeFirst())
            try db.execute(sql: "UPDATE series SET \(sets) WHERE uuid = ?", arguments: StatementArguments(v))
        } else {
            let marks = Array(repeating: "?", count: values.count).joined(separator: ",")
            try db.execute(sql: "INSERT INTO series (\(columns)) VALUES (\(marks))", arguments: StatementArguments(values))
            try UndoJournal.record("insert", "series", where: "rowid = ?", arguments: [db.lastInsertedRowID], in: db)
        }
    }
}
