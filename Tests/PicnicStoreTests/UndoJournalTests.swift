import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

@Suite struct UndoJournalTests {
    func snapshot(_ db: AppDatabase) throws -> [WorkTask] { try db.allTasks(includeClosed: true) }

    @Test func undoesFiftyChangesOfEveryKindInOrder() throws {
        let db = try makeStore()
        var history: [[WorkTask]] = [try snapshot(db)]
        for i in 0..<60 {
            switch i % 6 {
            case 0, 1: try db.addTask(draft("task \(i) +t\(i)"))
            case 2: try db.markDone(refs: ["1"])
            case 3: try db.modify(ref: "2", with: QuickAdd.parseModification("renamed \(i) pri:H", now: Date(), calendar: .current))
            case 4: try db.annotate(ref: "2", text: "note \(i)")
            default:
                if try db.task(ref: "2").status == .active { try db.stop(ref: "2") } else { try db.start(ref: "2") }
            }
            history.append(try snapshot(db))
        }
        for i in stride(from: 59, through: 0, by: -1) {
            #expect(try db.undo() != nil)
            #expect(try snapshot(db) == history[i], "after undoing change \(i)")
        }
        #expect(try db.undo() == nil)
    }

    @Test func keepsAtLeastFiftyAndPrunesBeyondTheDepth() throws {
        let db = try makeStore()
        for i in 0..<(UndoJournal.depth + 20) { try db.addTask(draft("t\(i)")) }
        var undone = 0
        while try db.undo() != nil { undone += 1 }
        #expect(undone == UndoJournal.depth)
        #expect(undone >= 50)
        #expect(try snapshot(db).count == 20)
    }

    @Test func undoRestoresDeletedRowsAndLabelsChanges() throws {
        let db = try makeStore()
        try db.addTasks([draft("a"), draft("b")])
        try db.delete(refs: ["1", "2"])
        #expect(try db.undo() == "deleted 2 tasks")
        #expect(try db.tasks(matching: .queue).count == 2)
        #expect(try db.undo() == "added 2 tasks")
        #expect(try snapshot(db).isEmpty)
    }

    @Test func aFailedWriteLeavesNoUndoStep() throws {
        let db = try makeStore()
        try db.addTask(draft("one"))
        #expect(throws: PicnicError.self) { try db.markDone(refs: ["9"]) }
        #expect(try db.undo() == "added 1 “one”")
    }

    @Test func anotherTableOptsInWithOneCall() throws {
        let db = try makeStore()
        try db.pool.write { d in
            try d.execute(sql: "CREATE TABLE verdicts (id INTEGER PRIMARY KEY, task TEXT, post INTEGER, verdict TEXT)")
            try UndoJournal.track("verdicts", in: d)
        }
        try db.writeChange("feedback +") { d in
            try d.execute(sql: "INSERT INTO verdicts (task, post, verdict) VALUES ('t', 1, 'helpful')")
        }
        try db.writeChange("feedback change") { d in
            try d.execute(sql: "UPDATE verdicts SET verdict = 'not for this' WHERE post = 1")
            try d.execute(sql: "INSERT INTO verdicts (task, post, verdict) VALUES ('t', 2, 'helpful')")
        }
        // Writes outside a change are not journalled.
        try db.pool.write { d in try d.execute(sql: "INSERT INTO verdicts (task, post, verdict) VALUES ('t', 3, 'x')") }
        func rows() throws -> [String] {
            try db.pool.read { try String.fetchAll($0, sql: "SELECT post || ':' || verdict FROM verdicts ORDER BY post") }
        }
        #expect(try db.undo() == "feedback change")
        #expect(try rows() == ["1:helpful", "3:x"])
        #expect(try db.undo() == "feedback +")
        #expect(try rows() == ["3:x"])
    }
}
