import Foundation
import Testing
@testable import PicnicCore

/// The quick-add and filter forms of recurrence, dependencies, `scheduled:` and contexts.
@Suite struct QueueFormsTests {
    func new(_ s: String) throws -> TaskModification {
        try QuickAdd.parseNew(s, now: Fixture.now, calendar: Fixture.calendar)
    }

    func modify(_ s: String) throws -> TaskModification {
        try QuickAdd.parseModification(s, now: Fixture.now, calendar: Fixture.calendar)
    }

    func refusal(_ s: String, modify: Bool = false) -> QuickAddError? {
        do {
            _ = modify ? try self.modify(s) : try new(s)
            return nil
        } catch {
            return error as? QuickAddError
        }
    }

    @Test func recurrenceWithDueAndUntil() throws {
        let m = try new("Water plants recur:weekdays due:fri until:2027-03-01")
        #expect(m.title == "Water plants" && m.recur == .set("weekdays"))
        #expect(m.due == .set(Fixture.eod(2026, 11, 27)) && m.until == .set(Fixture.eod(2027, 3, 1)))
        #expect(try new("Review recur:2wks due:mon").recur == .set("2w"))
        #expect(try new("Rent recur:1y due:2026-12-01").recur == .set("yearly"))
        #expect(try modify("recur:").recur == .clear)
        #expect(try modify("until:").until == .clear)
        #expect(try modify("until:fri").until == .set(Fixture.eod(2026, 11, 27)))
    }

    @Test func refusalsSayWhatAndWhere() throws {
        let cases: [(String, String, String)] = [
            ("Water recur:fortnightly due:fri", "recur:fortnightly", "not a period (try daily, weekdays, weekly, monthly, quarterly, yearly, 3d, 2w, 6m, 1y)"),
            ("Water recur:weekly", "recur:weekly", "a recurring task needs due: to count from (e.g. due:fri)"),
            ("Water until:fri", "until:fri", "only for a recurring task (add recur:)"),
            ("Water recur:daily due:fri until:thu", "until:thu", "before the first due date"),
            ("Water scheduled:someday-ish", "scheduled:someday-ish", "not a date (try today, tomorrow, fri, eow, 2026-12-01, +3d)"),
            ("Ship depends:x", "depends:x", "x is not a task number or UUID"),
            ("Ship depends:3,,5", "depends:3,,5", "a task number or UUID is missing between the commas"),
            ("Ship depends:-3", "depends:-3", "-3: only modify can remove a dependency"),
        ]
        for (line, token, reason) in cases {
            let e = try #require(refusal(line), "\(line)")
            #expect(e.token == token && e.reason == reason, "\(line): \(e)")
            // The range points at the token, for the live preview's highlight.
            #expect(e.range.map { String(line[$0]) } == token)
        }
        #expect(refusal("-depends:", modify: true)?.reason == "name the task to stop waiting on (-depends:3)")
        // The preview says the same.
        if case .failure(let e) = QuickAdd.preview("x recur:fortnightly due:fri", now: Fixture.now, calendar: Fixture.calendar) {
            #expect(e.description == "recur:fortnightly: not a period (try \(RecurrencePeriod.examples))")
        } else {
            Issue.record("the preview accepted recur:fortnightly")
        }
    }

    @Test func dependenciesAddAndRemove() throws {
        let m = try new("Ship it depends:3,5 dep:62f89c25")
        #expect(m.title == "Ship it" && m.addDepends == ["3", "5", "62f89c25"])
        let change = try modify("-depends:3 depends:-5,7 depends:9")
        #expect(change.removeDepends == ["3", "5"] && change.addDepends == ["7", "9"])
        #expect(try modify("depends:").clearDepends)
        let plain = try modify("pri:H")
        #expect(change.needsStore && !plain.needsStore)
        // A word that only looks like one stays in the title.
        #expect(try new("Read -dependsx now").title == "Read -dependsx now")
    }

    @Test func scheduledMeansFromTheStartOfThatDay() throws {
        #expect(try new("Plan scheduled:fri").scheduled == .set(Fixture.date(2026, 11, 27)))
        #expect(try new("Plan sched:2026-12-01T14:00").scheduled == .set(Fixture.date(2026, 12, 1, 14)))
        var task = try new("Plan scheduled:fri").makeTask(now: Fixture.now)
        #expect(!task.isReady(now: Fixture.now) && task.isReady(now: Fixture.date(2026, 11, 27)))
        try modify("scheduled:").apply(to: &task, now: Fixture.now)
        #expect(task.scheduled == nil && task.isReady(now: Fixture.now))
    }

    @Test func completionsOfferTheNewAttributes() {
        #expect(QuickAdd.completions(for: "re", tags: [], projects: []) == ["recur:"])
        #expect(QuickAdd.completions(for: "recur:w", tags: [], projects: []) == ["recur:weekdays", "recur:weekly"])
        #expect(QuickAdd.completions(for: "sch", tags: [], projects: []) == ["scheduled:"])
    }

    func filter(_ s: String) throws -> TaskFilter {
        try TaskFilter.parse([s], now: Fixture.now, calendar: Fixture.calendar)
    }

    @Test func orAndParenthesesGroupTerms() throws {
        let work = WorkTask(title: "deploy", project: "infra.ci", tags: ["work"], created: Fixture.now)
        let infra = WorkTask(title: "rotate certs", project: "infra", created: Fixture.now)
        let home = WorkTask(title: "plumber", tags: ["home"], created: Fixture.now)
        let f = try filter("+work or project:infra")
        #expect(f.terms == [.anyOf([[.tag("work", present: true)], [.project("infra")]])])
        #expect(f.matches(work, now: Fixture.now) && f.matches(infra, now: Fixture.now) && !f.matches(home, now: Fixture.now))
        // `and` binds closer than `or`; parentheses may touch their terms.
        let g = try filter("(+work or +home) -work")
        #expect(!g.matches(work, now: Fixture.now) && g.matches(home, now: Fixture.now))
        let h = try filter("+home or project:infra certs")
        #expect(h.matches(home, now: Fixture.now) && h.matches(infra, now: Fixture.now) && !h.matches(work, now: Fixture.now))
        // `--` still makes words of what follows.
        #expect(try filter("-- or").terms == [.word("or")])
        for bad in ["(+work", "+work)", "or +work", "+work or", "( ) or"] {
            #expect(throws: PicnicError.self, "\(bad)") { try filter(bad) }
        }
    }

    @Test func virtualTagsOfTheQueue() throws {
        var blocked = WorkTask(title: "b", created: Fixture.now, blocked: true)
        let blocking = WorkTask(title: "k", created: Fixture.now, blocking: true)
        let later = WorkTask(title: "l", created: Fixture.now, scheduled: Fixture.date(2026, 12, 1))
        let recurring = WorkTask(title: "r", created: Fixture.now, series: UUID(), occurrence: 0)
        let all = [blocked, blocking, later, recurring]
        func names(_ f: String) throws -> [String] { try all.filter { try filter(f).matches($0, now: Fixture.now) }.map(\.title) }
        #expect(try names("+BLOCKED") == ["b"])
        #expect(try names("+UNBLOCKED") == ["k", "l", "r"])
        #expect(try names("-BLOCKED") == ["k", "l", "r"])
        #expect(try names("+BLOCKING") == ["k"])
        #expect(try names("+READY") == ["k", "r"])
        #expect(try names("+SCHEDULED") == ["l"])
        #expect(try names("+RECURRING") == ["r"])
        blocked.status = .waiting
        let ready = try filter("+READY")
        #expect(!ready.matches(blocked, now: Fixture.now))
    }

    @Test func urgencyUsesTaskwarriorsDependencyAndScheduledCoefficients() {
        let now = Fixture.now
        let plain = WorkTask(title: "x", created: now)
        #expect(Urgency.score(plain, now: now) == 0)
        #expect(Urgency.score(WorkTask(title: "x", created: now, blocked: true), now: now) == -5)
        #expect(Urgency.score(WorkTask(title: "x", created: now, blocking: true), now: now) == 8)
        #expect(Urgency.score(WorkTask(title: "x", created: now, scheduled: now.addingTimeInterval(-1)), now: now) == 5)
        #expect(Urgency.score(WorkTask(title: "x", created: now, scheduled: now.addingTimeInterval(60)), now: now) == 0)
        // Tasks scheduled later come after every ready task, soonest first, whatever their urgency.
        let soon = WorkTask(title: "soon", priority: .H, created: now, scheduled: now.addingTimeInterval(3_600))
        let later = WorkTask(title: "later", priority: .H, created: now, scheduled: now.addingTimeInterval(7_200))
        let low = WorkTask(title: "low", created: now, blocked: true)
        #expect(Urgency.sorted([later, soon, low, plain], now: now).map(\.title) == ["x", "low", "soon", "later"])
    }

    @Test func aContextGivesNewTasksWhatItAsks() throws {
        func additions(_ f: String) throws -> TaskModification { QueueContext.additions(try filter(f)) }
        let work = try additions("+work or project:infra")
        #expect(work.addTags == ["work"] && work.project == .keep)
        let home = try additions("+home project:house pri:L -personal garden")
        #expect(home.addTags == ["home"] && home.project == .set("house") && home.priority == .set(.L))
        let grouped = try additions("(project:infra or +ops) +work")
        #expect(grouped.addTags == ["work"] && grouped.project == .set("infra"))
        // What the line says wins.
        var draft = try new("Fix it project:garage +x")
        QueueContext.merge(home, into: &draft)
        #expect(draft.project == .set("garage") && draft.addTags == ["x", "home"] && draft.priority == .set(.L))
        #expect(QueueContext.isValidName("work-2") && !QueueContext.isValidName("none") && !QueueContext.isValidName("a b"))
    }
}
