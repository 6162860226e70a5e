import Foundation
import Testing
@testable import PicnicCore

@Suite struct UrgencyTests {
    let now = Fixture.now
    func task(_ title: String, _ edit: (inout WorkTask) -> Void = { _ in }) -> WorkTask {
        var t = WorkTask(title: title, created: now)
        edit(&t)
        return t
    }

    @Test func ordersMostUrgentFirst() {
        let plain = task("plain")
        let low = task("low") { $0.priority = .L }
        let high = task("high") { $0.priority = .H }
        let dueFar = task("due in a month") { $0.due = now.addingTimeInterval(30 * 86400) }
        let overdue = task("overdue a week") { $0.due = now.addingTimeInterval(-8 * 86400) }
        let active = task("started") { $0.status = .active; $0.started = now }
        let next = task("next") { $0.tags = ["next"] }
        let waiting = task("waiting") { $0.status = .waiting; $0.wait = now.addingTimeInterval(86400) }
        let sorted = Urgency.sorted([plain, waiting, low, dueFar, high, overdue, active, next], now: now).map(\.title)
        #expect(sorted == ["next", "overdue a week", "high", "started", "due in a month", "low", "plain", "waiting"])
    }

    @Test func dueTermRisesAsTheDateNears() {
        let far = Urgency.dueFactor(now.addingTimeInterval(20 * 86400), now: now)
        let soon = Urgency.dueFactor(now.addingTimeInterval(2 * 86400), now: now)
        let today = Urgency.dueFactor(now, now: now)
        let late = Urgency.dueFactor(now.addingTimeInterval(-10 * 86400), now: now)
        #expect(far == 0.2)
        #expect(far < soon && soon < today && today < late)
        #expect(late == 1)
        #expect(abs(today - (14 * 0.8 / 21 + 0.2)) < 1e-9)
    }

    @Test func ageTagsAnnotationsAndProjectAddALittle() {
        let young = task("young")
        let old = task("old") { $0.created = now.addingTimeInterval(-400 * 86400) }
        #expect(Urgency.score(old, now: now) - Urgency.score(young, now: now) == Urgency.Coefficient.age)
        let tagged = task("t") { $0.tags = ["a"]; $0.project = "p"; $0.annotations = [Annotation(entry: now, text: "n")] }
        #expect(abs(Urgency.score(tagged, now: now) - (0.8 + 1 + 0.8)) < 1e-9)
    }

    @Test func closedTasksHaveNoUrgency() {
        #expect(Urgency.score(task("d") { $0.status = .done; $0.priority = .H }, now: now) == 0)
    }

    @Test func tiesBreakByDueThenAge() {
        let a = task("a") { $0.created = now.addingTimeInterval(-10) }
        let b = task("b")
        #expect(Urgency.sorted([b, a], now: now).map(\.title) == ["a", "b"])
    }

    /// The order the standard library's (stable) sort gives by the same rule: what `sort` did
    /// before it merged indices itself.
    func referenceOrder(_ tasks: [WorkTask]) -> [String] {
        let scores = tasks.map { Urgency.score($0, now: now) }
        return tasks.indices.sorted { i, j in
            if scores[i] != scores[j] { return scores[i] > scores[j] }
            let da = tasks[i].due ?? .distantFuture, db = tasks[j].due ?? .distantFuture
            if da != db { return da < db }
            if tasks[i].created != tasks[j].created { return tasks[i].created < tasks[j].created }
            return (tasks[i].number ?? .max) < (tasks[j].number ?? .max)
        }.map { tasks[$0].title }
    }

    @Test(arguments: [0, 1, 2, 3, 7, 64, 333])
    func sortAgreesWithTheStandardLibrarysSortTiesIncluded(count: Int) {
        // Few distinct values per key, closed tasks without numbers: many full ties.
        let tasks = (0..<count).map { i in
            task("t\(i)") {
                $0.priority = [Priority.H, nil][i % 2]
                $0.due = i % 3 == 0 ? nil : now.addingTimeInterval(Double(i % 4) * 86400)
                $0.created = now.addingTimeInterval(-Double(i % 5) * 60)
                $0.number = i % 7 == 0 ? nil : (i * 37) % 1000
                $0.status = i % 11 == 0 ? .done : .pending
            }
        }
        #expect(Urgency.sorted(tasks, now: now).map(\.title) == referenceOrder(tasks))
        #expect(Urgency.sorted(tasks.reversed(), now: now).map(\.title) == referenceOrder(tasks.reversed()))
    }

    @Test func stableOrderKeepsEqualOnesInPlace() {
        for n in [0, 1, 2, 5, 16, 17, 100, 1000] {
            let keys = (0..<n).map { ($0 * 7919) % 13 }
            let merged = Urgency.stableOrder(n) { keys[$0] < keys[$1] }
            let reference = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
            #expect(merged == reference, "\(n)")
        }
    }
}
