import Foundation
import Testing
import TestSupport
import PicnicCore
@testable import PicnicStore

/// `queueHead` must pick exactly the rows `Urgency.sorted` puts first, reading only the columns
/// urgency depends on.
@Suite struct QueueHeadTests {
    /// Tasks covering every urgency term, with many exact ties (same score, due and created).
    static func tasks(_ n: Int, now: Date) -> [WorkTask] {
        var rng = SystemRandomNumberGenerator()
        let day = 86400.0
        let base = now.addingTimeInterval(-30 * day).timeIntervalSince1970.rounded(.down)
        return (0..<n).map { i in
            let pick = { (k: Int) in Int.random(in: 0..<k, using: &rng) }
            let tagPool = ["next", "ci", "ops", "docs", "review"]
            let tags = Array(tagPool.shuffled().prefix(pick(4)))
            let status: TaskStatus = [.pending, .pending, .active, .waiting, .done][pick(5)]
            let due: Date? = pick(3) == 0 ? nil : Date(timeIntervalSince1970: base + Double(pick(60)) * day)
            let wait: Date? = status == .waiting ? now.addingTimeInterval(Double(pick(5) - 2) * day) : nil
            let notes = (0..<pick(5)).map { Annotation(entry: now, text: "note \($0)") }
            return WorkTask(number: i + 1, title: "task \(i)", project: pick(3) == 0 ? "infra" : (pick(2) == 0 ? "" : nil),
                            tags: tags, priority: [nil, .L, .M, .H][pick(4)], due: due, wait: wait, status: status,
                            created: Date(timeIntervalSince1970: base + Double(pick(4)) * day),
                            modified: now, annotations: notes)
        }
    }

    @Test func picksTheSameRowsAsTheFullSortInTheSameOrder() throws {
        let db = try makeStore()
        let now = Date().addingTimeInterval(0.25)
        _ = try db.saveImportedTasks(Self.tasks(600, now: now))
        let all = try db.allTasks(includeClosed: false, now: now)
        let sorted = Urgency.sorted(all, now: now)
        let end = now.addingTimeInterval(86400)
        for limit in [0, 1, 7, 40, 599, 1000] {
            let head = try db.queueHead(limit: limit, dueBefore: end, now: now)
            #expect(head.tasks == Array(sorted.prefix(limit)), "limit \(limit)")
            #expect(head.openCount == all.count)
            #expect(head.due == DueCounts(all, now: now, endOfDay: end))
            // Waiting tasks (still waiting) are not due; the others by their due date.
            let dueOpen = all.filter { $0.status != .waiting && ($0.due ?? .distantFuture) < end }
            #expect(head.due.total == dueOpen.count && head.due.overdue == dueOpen.filter { $0.due! < now }.count)
        }
    }

    /// `picnic status` and the dashboard (its first frame and its recount) say the same due counts.
    @Test func statusAndTheDashboardCountDueTheSameWay() throws {
        let dir = TestSupport.makeTempDirectory("due")
        let path = dir.appendingPathComponent("picnic.sqlite").path
        let db = try AppDatabase(path: path)
        let now = Date().addingTimeInterval(0.25)
        _ = try db.saveImportedTasks(Self.tasks(400, now: now))
        let end = Date(timeIntervalSince1970: TimeInterval(StatusSnapshot.endOfLocalDay(Int(now.timeIntervalSince1970))))
        let status = try StatusSnapshot.read(path: path, now: now)
        let head = try db.queueHead(limit: 5, dueBefore: end, now: now)
        #expect(status.due == head.due, "\(status.due) \(head.due)")
        #expect(status.due == DueCounts(try db.openTasks(now: now), now: now, endOfDay: end))
        #expect(status.due.total > 0 && status.due.overdue > 0)
    }

    @Test func anEmptyQueueHasAnEmptyHead() throws {
        let db = try makeStore()
        #expect(try db.queueHead(limit: 10, dueBefore: Date()) == QueueHead(tasks: [], openCount: 0, due: DueCounts()))
    }
}
