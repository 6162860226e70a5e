import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

/// `queueListing` reads the plain queue's table rows straight from SQLite; the tasks
/// `tasks(matching: .queue)` returns, made into rows, are the reference, field for field.
@Suite struct TaskListingTests {
    static func expectSame(_ fast: TaskListing, _ reference: TaskListing) {
        #expect(fast.count == reference.count)
        let a = fast.order, b = reference.order
        for (i, j) in zip(a, b) {
            #expect(fast.numbers[i] == reference.numbers[j])
            #expect(fast.created[i] == reference.created[j])
            #expect(fast.due[i] == reference.due[j])
            #expect(fast.priorities[i] == reference.priorities[j])
            #expect(fast.statuses[i] == reference.statuses[j])
            #expect(fast.urgency[i] == reference.urgency[j])
            for field in TaskListing.Field.allCases {
                #expect(fast.string(i, field) == reference.string(j, field), "\(field) of row \(i)")
                #expect(fast.withText(i, field) { Array($0) } == reference.withText(j, field) { Array($0) })
            }
        }
    }

    @Test func theListingAgreesWithTheQueueTasksOnAVariedStore() throws {
        let now = Date()
        let db = try TaskDecoderTests.variedStore(now: now)
        // Forms only other writers leave: no number on an open task, tags with a combining mark
        // after a space, NUL inside a title, the next tag, annotations, a waiting task still waiting.
        try db.pool.write { db in
            try db.execute(sql: """
                INSERT INTO tasks (uuid, number, title, notes, project, tags, priority, due, wait, status, created, modified, annotations)
                VALUES ('\(UUID().uuidString.lowercased())', NULL, 'no number', '', 'p', ' next x ', 'H', NULL, NULL, 'active', 9, 9, '[]'),
                       ('\(UUID().uuidString.uppercased())', NULL, 'upper, no number', '', NULL, '', NULL, NULL, NULL, 'pending', 9, 9, '[]'),
                       ('\(UUID().uuidString.lowercased())', 950, 'mark tags', '', '', ' a \u{301}b  c ', NULL, 1, NULL, 'pending', 10, 10,
                        '[{"description":"n","entry":5},{"description":"m","entry":6}]'),
                       ('\(UUID().uuidString.lowercased())', 951, CAST(x'61006263' AS TEXT), '', CAST(x'e282' AS TEXT), 'next', 'L', 2, NULL, 'pending', 11, 11, '[]'),
                       ('\(UUID().uuidString.lowercased())', 952, 'still waiting', '', NULL, '', NULL, NULL, \(Int(now.timeIntervalSince1970) + 86400), 'waiting', 12, 12, '[]')
                """)
        }
        let fast = try db.queueListing(now: now)
        let tasks = try db.tasks(matching: .queue, now: now)
        #expect(tasks.count >= 8)
        #expect(fast.count == tasks.count)
        Self.expectSame(fast, TaskListing(tasks, now: now))
        // The odd rows really are there, read as the task decoder reads them.
        let rows = fast.order
        #expect(rows.contains { fast.numbers[$0] == TaskListing.noNumber && fast.string($0, .id).count == 8 })
        #expect(rows.contains { fast.string($0, .tags) == "next x" })
        #expect(rows.contains { fast.string($0, .title) == "a" && fast.string($0, .project).hasPrefix("\u{FFFD}") })
        #expect(!rows.contains { fast.string($0, .title) == "still waiting" })
    }

    /// The benchmark's kind of queue, with many equal urgencies (ties go by due, age, number).
    @Test func theListingAgreesOnALargePlainQueue() throws {
        let now = Date().truncatedToSeconds
        let db = try makeStore()
        let priorities: [Priority?] = [.H, .M, .L, nil]
        let tasks = (0..<600).map { (i: Int) -> WorkTask in
            let tags: [String] = i % 2 == 0 ? ["t\(i % 7)"] : (i % 11 == 0 ? ["next", "x"] : [])
            let due: Date? = i % 5 == 0 ? now.addingTimeInterval(Double(i % 40 - 10) * 86400) : nil
            let status: TaskStatus = i % 29 == 0 ? .active : (i % 31 == 0 ? .done : .pending)
            return WorkTask(number: i + 1, title: "Task \(i)", project: i % 3 == 0 ? "p\(i % 13)" : nil, tags: tags,
                            priority: priorities[i % 4], due: due, status: status,
                            created: now.addingTimeInterval(-Double(i % 50) * 600))
        }
        try db.saveImportedTasks(tasks)
        let fast = try db.queueListing(now: now)
        let reference = try db.tasks(matching: .queue, now: now)
        #expect(fast.count == reference.count)
        #expect(fast.order.map { fast.numbers[$0] } == reference.map { $0.number ?? TaskListing.noNumber })
        Self.expectSame(fast, TaskListing(reference, now: now))
        #expect(try makeStore().queueListing(now: now).count == 0)
    }

    @Test func storedStatusesAreReadAsTheirRawValues() {
        for text in ["pending", "active", "waiting", "done", "deleted", "", "p", "dond", "dele", "deletes", "pendingx",
                     "Pending", "done ", "activ", "waitinG", "deleted\u{0}", "xyz"] {
            let parsed = Array(text.utf8).withUnsafeBufferPointer(TaskRecord.status)
            #expect(parsed == TaskStatus(rawValue: text), "\(text.debugDescription)")
        }
    }
}
