import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

/// A fresh database in its own temp folder.
func makeStore() throws -> AppDatabase {
    try AppDatabase(path: TestSupport.makeTempDirectory("store").appendingPathComponent("picnic.sqlite").path)
}

func draft(_ line: String, now: Date = Date()) throws -> TaskModification {
    try QuickAdd.parseNew(line, now: now, calendar: .current)
}

@Suite struct TaskStoreTests {
    @Test func aBatchTakesTheSmallestFreeNumbersInOrderAsSingleAddsWould() throws {
        let db = try makeStore()
        try db.addTasks((1...8).map { try draft("t\($0)") })
        try db.markDone(refs: ["2", "3", "6"])
        let batch = try db.addTasks((1...5).map { try draft("b\($0)") })
        #expect(batch.map(\.number) == [2, 3, 6, 9, 10])
        // The same as one add at a time on the same queue.
        let one = try makeStore()
        try one.addTasks((1...8).map { try draft("t\($0)") })
        try one.markDone(refs: ["2", "3", "6"])
        let singles = try (1...5).map { try one.addTask(draft("b\($0)")).number }
        #expect(singles == batch.map(\.number))
        // Imported numbers leave holes anywhere: still the smallest free ones.
        let imported = try makeStore()
        try imported.saveImportedTasks([WorkTask(number: 1, title: "a"), WorkTask(number: 4, title: "b"), WorkTask(number: 5, title: "c")])
        #expect(try imported.addTasks((1...4).map { try draft("n\($0)") }).map(\.number) == [2, 3, 6, 7])
    }

    @Test func addsWithSmallestFreeNumbers() throws {
        let db = try makeStore()
        let a = try db.addTask(draft("one"))
        let b = try db.addTask(draft("two"))
        let c = try db.addTask(draft("three"))
        #expect([a.number, b.number, c.number] == [1, 2, 3])
        try db.markDone(refs: ["2"])
        #expect(try db.addTask(draft("four")).number == 2)
        try db.delete(refs: ["1"])
        #expect(try db.addTask(draft("five")).number == 1)
        #expect(try db.addTask(draft("six")).number == 4)
        let done = try db.task(ref: b.uuid.uuidString)
        #expect(done.number == nil && done.status == .done && done.completed != nil)
    }

    @Test func findsTasksByNumberUUIDAndPrefix() throws {
        let db = try makeStore()
        let t = try db.addTask(draft("find me"))
        #expect(try db.task(ref: "1").uuid == t.uuid)
        #expect(try db.task(ref: t.uuid.uuidString).uuid == t.uuid)
        #expect(try db.task(ref: String(t.uuid.uuidString.lowercased().prefix(6))).uuid == t.uuid)
        for bad in ["2", "0", "zz", "abc", "ffffffff"] {
            #expect { try db.task(ref: bad) } throws: { ($0 as? PicnicError)?.exitCode == 64 }
        }
    }

    @Test func storesEveryFieldAndListsByUrgency() throws {
        let db = try makeStore()
        let now = Date()
        try db.addTask(draft("plain", now: now), now: now)
        let urgent = try db.addTask(draft("Fix flaky CI +ci project:infra due:tomorrow pri:H", now: now), now: now)
        let listed = try db.tasks(matching: .queue, now: now)
        #expect(listed.map(\.title) == ["Fix flaky CI", "plain"])
        let back = listed[0]
        #expect(back.uuid == urgent.uuid && back.tags == ["ci"] && back.project == "infra" && back.priority == .H)
        #expect(back.due == urgent.due && back.created == now.truncatedToSeconds)
        #expect(try db.tasks(matching: TaskFilter.parse(["+ci"], now: now, calendar: .current)).count == 1)
    }

    @Test func startStopModifyAnnotate() throws {
        let db = try makeStore()
        try db.addTask(draft("work +later project:x"))
        #expect(try db.start(ref: "1").status == .active)
        #expect(throws: PicnicError.self) { try db.start(ref: "1") }
        let stopped = try db.stop(ref: "1")
        #expect(stopped.status == .pending && stopped.started == nil)
        let m = try QuickAdd.parseModification("better title -later +now project:", now: Date(), calendar: .current)
        let modified = try db.modify(ref: "1", with: m)
        #expect(modified.title == "better title" && modified.tags == ["now"] && modified.project == nil)
        let annotated = try db.annotate(ref: "1", text: "a note")
        #expect(annotated.annotations.map(\.text) == ["a note"])
        #expect(try db.task(ref: "1") == annotated)
    }

    @Test func aBadRefInABatchChangesNothing() throws {
        let db = try makeStore()
        try db.addTask(draft("one"))
        #expect(throws: PicnicError.self) { try db.markDone(refs: ["1", "7"]) }
        #expect(try db.task(ref: "1").status == .pending)
    }

    @Test func knownTagsAndProjects() throws {
        let db = try makeStore()
        try db.addTask(draft("a +ci +ops project:infra"))
        try db.addTask(draft("b +ci project:infra"))
        try db.addTask(draft("c project:home"))
        #expect(try db.knownTags() == ["ci", "ops"])
        #expect(try db.knownProjects() == ["infra", "home"])
    }

    @Test func importUpsertsByUUIDAndKeepsEverything() throws {
        let db = try makeStore()
        let now = Date().truncatedToSeconds
        let t = WorkTask(number: 7, title: "imported", notes: "n", project: "p", tags: ["a b", "c"], priority: .L,
                         due: now, status: .pending, created: now, annotations: [Annotation(entry: now, text: "x")],
                         depends: [UUID()], extra: ["uda": .string("v")])
        let done = WorkTask(number: 3, title: "finished", status: .done, created: now, completed: now)
        let r = try db.saveImportedTasks([t, done])
        #expect(r.inserted == 2 && r.updated == 0)
        var back = try db.task(ref: t.uuid.uuidString)
        var expected = t
        expected.tags = ["a_b", "c"]
        #expect(back == expected)
        #expect(try db.task(ref: done.uuid.uuidString).number == nil)
        var changed = t
        changed.title = "renamed"
        changed.number = nil
        let r2 = try db.saveImportedTasks([changed])
        #expect(r2.inserted == 0 && r2.updated == 1)
        back = try db.task(ref: t.uuid.uuidString)
        #expect(back.title == "renamed" && back.number == 7)
        #expect(try db.allTasks(includeClosed: true).count == 2)
        #expect(try db.allTasks(includeClosed: false).count == 1)
    }

    @Test func dataVersionChangesWhenAnotherConnectionWrites() throws {
        let db = try makeStore()
        let other = try AppDatabase(path: db.path)
        let v0 = try db.dataVersion()
        #expect(try db.dataVersion() == v0)
        try other.addTask(draft("from elsewhere"))
        let v1 = try db.dataVersion()
        #expect(v1 != v0)
        try db.addTask(draft("from here"))
        #expect(try db.dataVersion() != v1)
    }

    @Test func notADatabaseIsAnIOError() throws {
        let dir = TestSupport.makeTempDirectory("store")
        let path = dir.appendingPathComponent("junk.sqlite").path
        try Data(String(repeating: "not sqlite at all\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect { try AppDatabase(path: path) } throws: { ($0 as? PicnicError)?.exitCode == 74 }
    }
}

@Suite struct TaskRecordTests {
    @Test func fastUUIDParsingAgreesWithFoundation() {
        for _ in 0..<200 {
            let u = UUID()
            #expect(TaskRecord.fastUUID(u.uuidString.lowercased()) == u)
            #expect(TaskRecord.fastUUID(u.uuidString) == u)
        }
        #expect(TaskRecord.fastUUID("not-a-uuid") == nil)
        #expect(TaskRecord.fastUUID("62f89c25-2b48-4196-a4ef-e892aa90602") == nil)
        #expect(TaskRecord.fastUUID("62f89c25-2b48-4196-a4ef-e892aa9060277") == nil)
    }
}
