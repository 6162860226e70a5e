import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

/// The loaders read rows with SQLite's column API; GRDB's `Row` decoding is the reference.
@Suite struct TaskDecoderTests {
    /// A store with every kind of value a task can hold, written the ways Picnic writes and a few
    /// ways only another program would.
    static func variedStore(now: Date) throws -> AppDatabase {
        let db = try makeStore()
        try db.addTasks([draft("Fix CI +ci +ops project:infra.ci due:fri pri:H", now: now),
                         draft("修复 👩‍💻 family 👨‍👩‍👧 wait:+3d", now: now),
                         draft("שלום עולם e\u{301}te\u{301} +日本 pri:L due:yesterday", now: now),
                         draft("to finish pri:M", now: now), draft("to delete +x", now: now),
                         draft("no fields at all", now: now), draft("waited wait:+1d +later", now: now)], now: now)
        try db.start(ref: "1", now: now)
        try db.annotate(ref: "1", text: "looked at the \"logs\" / a\\b\ttab", now: now)
        try db.annotate(ref: "1", text: "second 注釈", now: now)
        try db.markDone(refs: ["4"], now: now)
        try db.delete(refs: ["5"], now: now)
        var imported = WorkTask(title: "imported with extras", created: now.truncatedToSeconds)
        imported.extra = ["estimate": .number(2.5), "count": .number(3), "flag": .bool(false), "none": .null,
                          "nested": .object(["a": .array([.string("x"), .number(-1e-7)])]), "source": .string("tw")]
        imported.depends = [UUID(), UUID()]
        imported.notes = "multi\nline \u{1}"
        imported.tags = ["\u{301}mark", "ascii", "ünï"]
        imported.status = .waiting
        imported.wait = now.addingTimeInterval(-3600) // passed: reads as pending
        var closed = WorkTask(title: "old done", status: .done, created: Date(timeIntervalSince1970: 0))
        closed.completed = Date(timeIntervalSince1970: 86_399)
        try db.saveImportedTasks([imported, closed])
        // Forms only another writer leaves: upper-case UUID, odd spacing in tags, bytes that are
        // not UTF-8, text with a NUL, a priority of NULL beside a due of 0.
        try db.pool.write { db in
            try db.execute(sql: """
                INSERT INTO tasks (uuid, number, title, notes, project, tags, priority, due, wait, status, created, modified)
                VALUES ('\(UUID().uuidString)', 900, 'upper uuid', '', '', '  a  b', NULL, 0, NULL, 'pending', 5, 6),
                       ('\(UUID().uuidString.lowercased())', 901, CAST(x'66ff6f' AS TEXT), CAST(x'610062' AS TEXT), NULL, 'c', 'M', -86400, 1, 'waiting', 7, 8)
                """)
        }
        return db
    }

    @Test func columnDecoderAgreesWithGRDBRowsFieldForField() throws {
        let now = Date()
        let db = try Self.variedStore(now: now)
        let sql = "SELECT \(TaskRecord.columns) FROM tasks ORDER BY rowid"
        let (reference, fast) = try db.pool.read { db in
            (try Row.fetchAll(db, sql: sql).map { TaskRecord.task($0, now: now) },
             try TaskRecord.fetchTasks(db, sql: sql, now: now))
        }
        #expect(reference.count == 11)
        #expect(fast.count == reference.count)
        for (a, b) in zip(fast, reference) {
            #expect(a.uuid == b.uuid); #expect(a.number == b.number); #expect(a.title == b.title)
            #expect(a.notes == b.notes); #expect(a.project == b.project); #expect(a.tags == b.tags)
            #expect(a.priority == b.priority); #expect(a.due == b.due); #expect(a.wait == b.wait)
            #expect(a.status == b.status); #expect(a.created == b.created); #expect(a.modified == b.modified)
            #expect(a.started == b.started); #expect(a.completed == b.completed)
            #expect(a.annotations == b.annotations); #expect(a.depends == b.depends); #expect(a.extra == b.extra)
        }
        #expect(fast == reference)
        // The store really is varied: every status, and the odd forms read as GRDB reads them.
        #expect(Set(fast.map(\.status)) == Set(TaskStatus.allCases))
        #expect(fast.contains { $0.tags.count == 3 && $0.tags.last == "ünï" && $0.tags[0].unicodeScalars.contains("\u{301}") })
        #expect(fast.contains { $0.title == "f\u{FFFD}o" && $0.notes == "a" })
        #expect(fast.contains { $0.tags == ["a", "b"] && $0.due == Date(timeIntervalSince1970: 0) })
    }

    @Test func openTasksAreTheOpenOnesByNumber() throws {
        let now = Date()
        let db = try Self.variedStore(now: now)
        let open = try db.openTasks(now: now)
        #expect(open.allSatisfy { $0.status.isOpen })
        #expect(open.count == 8)
        #expect(open.map(\.number) == open.map(\.number).sorted { ($0 ?? .max) < ($1 ?? .max) })
        #expect(try db.allTasks(includeClosed: false, now: now) == open)
    }
}
