import Foundation
import Testing
@testable import PicnicCore

@Suite struct QuickAddTests {
    func new(_ s: String) throws -> TaskModification {
        try QuickAdd.parseNew(s, now: Fixture.now, calendar: Fixture.calendar)
    }

    func modify(_ s: String) throws -> TaskModification {
        try QuickAdd.parseModification(s, now: Fixture.now, calendar: Fixture.calendar)
    }

    @Test func readsEveryAttributeAndKeepsTheRestAsTitle() throws {
        let m = try new("Fix flaky CI +ci project:infra due:tomorrow pri:H")
        #expect(m.title == "Fix flaky CI")
        #expect(m.addTags == ["ci"])
        #expect(m.project == .set("infra"))
        #expect(m.priority == .set(.H))
        #expect(m.due == .set(Fixture.eod(2026, 11, 26)))
        #expect(m.wait == .keep)
    }

    @Test func attributesMayStandAnywhereAndAliasesWork() throws {
        let m = try new("+ops pro:home Call the plumber priority:l wait:mon +urgent due:2026-12-01")
        #expect(m.title == "Call the plumber")
        #expect(m.addTags == ["ops", "urgent"])
        #expect(m.project == .set("home"))
        #expect(m.priority == .set(.L))
        #expect(m.wait == .set(Fixture.eod(2026, 11, 30)))
        #expect(m.due == .set(Fixture.eod(2026, 12, 1)))
    }

    @Test func titleKeepsItsSpacingAndUnknownColonWords() throws {
        #expect(try new("Meet  at 10:30 re:budget +x").title == "Meet  at 10:30 re:budget")
        #expect(try new("vote +1 on -verbose flag").title == "vote +1 on -verbose flag")
        #expect(try new("a +t b").title == "a b")
    }

    @Test func doubleDashMakesTheRestTitle() throws {
        let m = try new("Explain -- +tags and due:soon")
        #expect(m.title == "Explain +tags and due:soon")
        #expect(m.addTags.isEmpty)
    }

    @Test func titlesInAnyScriptSurviveByteForByte() throws {
        for title in ["修复 CI 测试", "👩‍👩‍👧‍👦 family call", "Cafe\u{301} re\u{301}sume\u{301}", "إصلاح الاختبار", "עברית ו-English"] {
            let m = try new(title + " +t")
            #expect(Array(m.title.utf8) == Array(title.utf8), "\(title)")
        }
    }

    func failure(_ s: String) -> QuickAddError? {
        if case .failure(let e) = QuickAdd.preview(s, now: Fixture.now, calendar: Fixture.calendar) { return e }
        return nil
    }

    @Test func errorsNameTheTokenAndReason() {
        let date = failure("Call due:fryday")
        #expect(date?.token == "due:fryday")
        #expect(date?.description.hasPrefix("due:fryday: not a date") == true)
        #expect(date?.picnicError.exitCode == 65)
        #expect(failure("Call pri:X")?.description == "pri:X: priority must be H, M or L")
        let empty = failure("+ci project:infra")
        #expect(empty?.token == "")
        #expect(empty?.picnicError.exitCode == 64)
        #expect(failure("   ")?.picnicError.exitCode == 64)
        #expect(failure("x wait:2026-02-30")?.token == "wait:2026-02-30")
    }

    @Test func previewNeverThrows() {
        guard case .failure(let e) = QuickAdd.preview("x wait:soonish", now: Fixture.now, calendar: Fixture.calendar) else {
            Issue.record("expected a failure"); return
        }
        #expect(e.token == "wait:soonish")
        let line = "x wait:soonish"
        #expect(e.range.map { String(line[$0]) } == "wait:soonish")
        guard case .success(let m) = QuickAdd.preview("x +y", now: Fixture.now, calendar: Fixture.calendar) else {
            Issue.record("expected a draft"); return
        }
        #expect(m.title == "x")
    }

    @Test func modifyRemovesTagsAndClearsFields() throws {
        let m = try modify("-later +now project: due: pri:")
        #expect(m.title.isEmpty)
        #expect(m.removeTags == ["later"])
        #expect(m.addTags == ["now"])
        #expect(m.project == .clear && m.due == .clear && m.priority == .clear)
        var task = WorkTask(title: "Old", project: "p", tags: ["later", "keep"], priority: .H, due: Fixture.now)
        m.apply(to: &task, now: Fixture.now)
        #expect(task.title == "Old")
        #expect(task.tags == ["keep", "now"])
        #expect(task.project == nil && task.due == nil && task.priority == nil)
        #expect(throws: QuickAddError.self) { try modify("   ") }
    }

    @Test func futureWaitMakesTheTaskWait() throws {
        let t = try new("Renew passport wait:+2w").makeTask(now: Fixture.now)
        #expect(t.status == .waiting)
        let p = try new("Renew passport wait:yesterday").makeTask(now: Fixture.now)
        #expect(p.status == .pending)
    }

    @Test func completesTagsProjectsAndDates() {
        let tags = ["ci", "cooking", "ops"], projects = ["infra", "home"]
        #expect(QuickAdd.completions(for: "+c", tags: tags, projects: projects) == ["+ci", "+cooking"])
        #expect(QuickAdd.completions(for: "pro:h", tags: tags, projects: projects) == ["pro:home"])
        #expect(QuickAdd.completions(for: "due:to", tags: tags, projects: projects) == ["due:today", "due:tomorrow"])
        #expect(QuickAdd.completions(for: "pri:", tags: tags, projects: projects) == ["pri:H", "pri:M", "pri:L"])
        #expect(QuickAdd.completions(for: "du", tags: tags, projects: projects) == ["due:"])
    }
}

@Suite struct TaskWordsTests {
    @Test func oneVoiceForTaskMessages() {
        let t = WorkTask(uuid: UUID(uuidString: "62F89C25-0000-0000-0000-000000000000")!, number: 3, title: "Fix flaky CI")
        #expect(TaskWords.said("finished", [t]) == "Finished 3 “Fix flaky CI”.")
        var closed = t
        closed.number = nil
        #expect(TaskWords.did("finished", [closed]) == "finished 62f89c25 “Fix flaky CI”")
        #expect(TaskWords.did("finished", [closed], numbers: [t.uuid: 3]) == "finished 3 “Fix flaky CI”")
        #expect(TaskWords.said("added", [t, closed]) == "Added 2 tasks.")
        let long = WorkTask(number: 13, title: String(repeating: "word ", count: 20) + "+tag")
        #expect(TaskWords.said("added", [long]) == "Added 13 “" + String(repeating: "word ", count: 8).prefix(39) + "…”.")
        #expect(TaskWords.sentence("undid: it.") == "Undid: it.")
    }
}
