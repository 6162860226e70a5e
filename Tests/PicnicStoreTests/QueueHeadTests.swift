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
            #expect(head.dueCount == all.filter { ($0.due ?? .distantFuture) < end }.count)
        }
    }

    @Test func anEmptyQueueHasAnEmptyHead() throws {
        let db = try makeStore()
        #expect(try db.queueHead(limit: 10, dueBefore: Date()) == QueueHead(tasks: [], openCount: 0, dueCount: 0))
    }
}
