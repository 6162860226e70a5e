import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

/// Dependencies: resolved and checked when written, blocked/blocking worked out by every loader
/// alike, undone like any change.
@Suite struct DependencyStoreTests {
    func add(_ db: AppDatabase, _ line: String) throws -> WorkTask {
        try db.addTask(try QuickAdd.parseNew(line, now: Date(), calendar: .current))
    }

    func modify(_ db: AppDatabase, _ ref: String, _ line: String) throws {
        try db.modify(ref: ref, with: try QuickAdd.parseModification(line, now: Date(), calendar: .current))
    }

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return (error as? PicnicError)?.message }
    }

    @Test func blockedSinksBlockingRisesAndFinishingUnblocks() throws {
        let db = try makeDatabase("deps-basic")
        let a = try add(db, "Order parts")
        let b = try add(db, "Assemble depends:1")
        #expect(b.depends == [a.uuid])
        var queue = try db.tasks(matching: .queue)
        #expect(queue.map(\.title) == ["Order parts", "Assemble"])
        #expect(queue[0].blocking && !queue[0].blocked && queue[1].blocked && !queue[1].blocking)
        #expect(Urgency.score(queue[0], now: Date()) > 7.9 && Urgency.score(queue[1], now: Date()) < -4.9)
        try db.markDone(refs: ["1"])
        queue = try db.tasks(matching: .queue)
        #expect(queue.map(\.title) == ["Assemble"] && !queue[0].blocked)
        _ = try db.undo()
        let two = try db.task(ref: "2"), one = try db.task(ref: "1")
        #expect(two.blocked && one.blocking)
    }

    @Test func refusalsNameTheProblem() throws {
        let db = try makeDatabase("deps-refuse")
        _ = try add(db, "A")
        _ = try add(db, "B depends:1")
        _ = try add(db, "C depends:2")
        #expect(message { try modify(db, "1", "depends:3") } == "depends:3: would make a cycle: 1 → 3 → 2 → 1")
        #expect(message { try modify(db, "1", "depends:1") } == "depends:1: a task cannot depend on itself")
        #expect(message { try modify(db, "1", "depends:9") } == "depends:9: no open task 9 (see 'picnic list')")
        #expect(message { try modify(db, "3", "-depends:1") } == "-depends:1: task 3 does not depend on 1")
        #expect(message { _ = try add(db, "D depends:7") } == "depends:7: no open task 7 (see 'picnic list')")
        // Nothing was written by the refusals.
        let first = try db.task(ref: "1")
        #expect(first.depends.isEmpty)
        #expect(try db.openTasks().count == 3)
        try modify(db, "3", "-depends:2 depends:1")
        #expect(try db.task(ref: "3").depends == [try db.task(ref: "1").uuid])
        try modify(db, "3", "depends:")
        #expect(try db.task(ref: "3").depends.isEmpty)
        // A dependency change is undone like any change, and with it the marks.
        try modify(db, "3", "depends:2")
        #expect(try db.task(ref: "3").blocked)
        #expect(try db.undo() == "modified 3 “C”")
        let three = try db.task(ref: "3")
        #expect(three.depends.isEmpty && !three.blocked)
    }

    /// The three loaders (tasks, the listing, the dashboard's first screen) mark alike and rank alike.
    @Test func everyLoaderAgreesOnAMixedQueue() throws {
        let db = try makeDatabase("deps-loaders")
        let now = Date().truncatedToSeconds
        var tasks: [WorkTask] = []
        var rng = SystemRandomNumberGenerator()
        for i in 0..<300 {
            tasks.append(WorkTask(number: i + 1, title: "t\(i)", tags: i % 3 == 0 ? ["x"] : [],
                                  priority: [Priority.H, .M, nil][i % 3], due: i % 4 == 0 ? now.addingTimeInterval(Double(i) * 3_600) : nil,
                                  wait: i % 17 == 0 ? now.addingTimeInterval(86_400) : nil,
                                  status: i % 17 == 0 ? .waiting : i % 23 == 0 ? .done : .pending,
                                  created: now.addingTimeInterval(-Double(i) * 60),
                                  scheduled: i % 19 == 0 ? now.addingTimeInterval(Double(i % 3 - 1) * 7_200) : nil,
                                  series: i % 11 == 0 ? UUID() : nil, occurrence: i % 11 == 0 ? i : nil))
        }
        // Random dependencies, self and missing ones included.
        for i in tasks.indices where i % 5 == 0 {
            let n = Int.random(in: 1...3, using: &rng)
            tasks[i].depends = (0..<n).map { _ in tasks[Int.random(in: 0..<tasks.count, using: &rng)].uuid } + (i % 25 == 0 ? [UUID(), tasks[i].uuid] : [])
        }
        try db.saveImportedTasks(tasks)
        let queue = try db.tasks(matching: .queue, now: now)
        #expect(queue.contains { $0.blocked } && queue.contains { $0.blocking } && queue.contains { $0.series != nil })
        #expect(queue.contains { !$0.isReady(now: now) } && queue.contains { $0.scheduled != nil && $0.isReady(now: now) })
        let listing = try db.queueListing(now: now)
        TaskListingTests.expectSame(listing, TaskListing(queue, now: now))
        for (i, k) in listing.order.enumerated() {
            #expect(listing.marks[k] == TaskListing.Mark.of(queue[i], now: now), "row \(i)")
        }
        // The reference for marks: worked out from the tasks by hand.
        let open = Set(tasks.filter { $0.status.isOpen }.map(\.uuid))
        for t in queue {
            let deps = t.depends.filter { $0 != t.uuid }
            #expect(t.blocked == deps.contains(where: open.contains), "\(t.title)")
            #expect(t.blocking == tasks.contains { $0.status.isOpen && $0.uuid != t.uuid && $0.depends.contains(t.uuid) })
        }
        let dashboard = try db.openTasks(now: now)
        let head = try db.queueHead(limit: 40, dueBefore: now.addingTimeInterval(86_400), now: now)
        #expect(head.tasks == Array(Urgency.sorted(dashboard, now: now).prefix(40)))
    }
}
