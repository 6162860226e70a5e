import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

/// Recurring series in the store: made by `add`, stepped by `done` and `delete` once, changed
/// and stopped as a whole, undone like any change.
@Suite struct SeriesStoreTests {
    let cal: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return c
    }()

    func day(_ d: Int, _ h: Int = 9) -> Date {
        cal.date(from: DateComponents(year: 2026, month: 12, day: d, hour: h))!
    }

    func eod(_ d: Int) -> Date { cal.date(from: DateComponents(year: 2026, month: 12, day: d, hour: 23, minute: 59, second: 59))! }

    func add(_ db: AppDatabase, _ line: String, now: Date) throws -> WorkTask {
        try db.addTask(try QuickAdd.parseNew(line, now: now, calendar: cal), now: now, calendar: cal)
    }

    func open(_ db: AppDatabase, _ series: UUID?, now: Date) throws -> [WorkTask] {
        try db.openTasks(now: now).filter { $0.series == series }
    }

    @Test func addMakesASeriesAndItsFirstInstance() throws {
        let db = try makeDatabase("series-add")
        let t = try add(db, "Water plants +home recur:daily due:today until:2026-12-31", now: day(1))
        let series = try #require(try db.series(of: t))
        #expect(t.number == 1 && t.occurrence == 0 && t.due == eod(1))
        #expect(series.recur == "daily" && series.mask == "-" && series.isRunning && series.until == eod(31))
        #expect(series.template.title == "Water plants" && series.template.tags == ["home"] && series.template.due == eod(1))
        #expect(try db.allSeries().count == 1)
        #expect(try db.openTasks(now: day(1)).count == 1)
        // The store checks what the parser checks, for callers that build a change themselves.
        var draft = TaskModification()
        draft.title = "x"
        draft.recur = .set("daily")
        #expect(throws: PicnicError.self) { try db.addTask(draft, now: day(1), calendar: cal) }
        draft.due = .set(eod(5))
        draft.until = .set(eod(2))
        #expect(throws: PicnicError.self) { try db.addTask(draft, now: day(1), calendar: cal) }
        #expect(try db.allSeries().count == 1)
    }

    @Test func aWeekOfDoneMakesOneInstanceEachDay() throws {
        let db = try makeDatabase("series-week")
        let first = try add(db, "Water plants recur:daily due:today", now: day(1))
        var current = first
        for d in 1...7 {
            let result = try db.finish(refs: [current.uuid.uuidString], now: day(d), calendar: cal)
            #expect(result.closed.map(\.uuid) == [current.uuid])
            let next = try #require(result.next.first)
            #expect(result.next.count == 1 && next.due == eod(d + 1) && next.occurrence == d)
            #expect(try open(db, first.series, now: day(d)).map(\.uuid) == [next.uuid])
            current = next
        }
        let series = try #require(try db.series(of: first))
        #expect(series.mask == "+++++++-")
        // Finishing twice is refused and makes nothing.
        let done = try db.allTasks(includeClosed: true, now: day(8)).first { $0.status == .done }!
        #expect(throws: PicnicError.self) { try db.finish(refs: [done.uuid.uuidString], now: day(8), calendar: cal) }
        #expect(try open(db, first.series, now: day(8)).count == 1)
    }

    @Test func theNextInstanceNeverTakesTheNumberJustGivenUp() throws {
        let db = try makeDatabase("series-number")
        _ = try add(db, "Standup recur:weekdays due:today", now: day(1))   // 1
        _ = try add(db, "Other", now: day(1))                               // 2
        let result = try db.finish(refs: ["1"], now: day(1), calendar: cal)
        #expect(result.next.first?.number == 3)
        // So a second `done 1` (two processes at once) cannot finish the new instance.
        #expect(throws: PicnicError.self) { try db.finish(refs: ["1"], now: day(1), calendar: cal) }
    }

    @Test func finishingLateSkipsPassedDatesAndMarksThem() throws {
        let db = try makeDatabase("series-late")
        let t = try add(db, "Water recur:daily due:today", now: day(1))
        let result = try db.finish(refs: ["1"], now: day(5), calendar: cal)
        let next = try #require(result.next.first)
        #expect(next.due == eod(5) && next.occurrence == 4)
        #expect(try db.series(of: t)?.mask == "+XXX-")
    }

    @Test func deleteStepsTooAndWithTheSeriesStops() throws {
        let db = try makeDatabase("series-delete")
        let t = try add(db, "Review recur:weekly due:today", now: day(1))
        let r1 = try db.remove(refs: ["1"], now: day(1), calendar: cal)
        let next = try #require(r1.next.first)
        #expect(next.due == eod(8))
        let r2 = try db.remove(refs: [next.uuid.uuidString], wholeSeries: true, now: day(2), calendar: cal)
        #expect(r2.next.isEmpty && r2.ended.count == 1)
        let series = try #require(try db.series(of: t))
        #expect(!series.isRunning && series.template.status == .deleted && series.mask == "XX")
        #expect(try open(db, t.series, now: day(2)).isEmpty)
        #expect(throws: PicnicError.self) { try db.remove(refs: ["Other"], wholeSeries: true, now: day(2)) }
    }

    @Test func untilEndsTheSeries() throws {
        let db = try makeDatabase("series-until")
        let t = try add(db, "Rent recur:weekly due:2026-12-01 until:2026-12-10", now: day(1))
        let r1 = try db.finish(refs: ["1"], now: day(1), calendar: cal)
        #expect(r1.next.first?.due == eod(8))
        let r2 = try db.finish(refs: [r1.next[0].uuid.uuidString], now: day(8), calendar: cal)
        #expect(r2.next.isEmpty && r2.ended.first?.template.status == .done)
        #expect(try db.series(of: t)?.isRunning == false)
    }

    @Test func anotherOpenInstanceMeansNoNewOne() throws {
        // A Taskwarrior import brings a backlog: two open instances of one series.
        let db = try makeDatabase("series-backlog")
        let template = WorkTask(title: "water", due: eod(1), created: day(1))
        let series = TaskSeries(template: template, recur: "daily", mask: "--")
        let a = WorkTask(title: "water", due: eod(1), created: day(1), series: series.uuid, occurrence: 0)
        let b = WorkTask(title: "water", due: eod(2), created: day(1), series: series.uuid, occurrence: 1)
        let counts = try db.saveImported([a, b], series: [series])
        #expect(counts.inserted == 2 && counts.series == 1 && counts.duplicates.isEmpty)
        #expect(try db.finish(refs: [a.uuid.uuidString], now: day(2), calendar: cal).next.isEmpty)
        let last = try db.finish(refs: [b.uuid.uuidString], now: day(2), calendar: cal)
        #expect(last.next.first?.occurrence == 2 && last.next.first?.due == eod(3))
        #expect(try db.series(of: a)?.mask == "++-")
        // The same occurrence under another UUID is kept once.
        let twin = WorkTask(title: "water", due: eod(3), created: day(1), series: series.uuid, occurrence: 2)
        let again = try db.saveImported([twin], series: [])
        #expect(again.inserted == 0 && again.duplicates.map(\.uuid) == [twin.uuid])
        // And the store refuses a second row for one occurrence whoever writes it.
        #expect(throws: (any Error).self) {
            try db.pool.write { db in
                try db.execute(sql: "UPDATE tasks SET occurrence = 2 WHERE uuid = ?", arguments: [a.uuid.uuidString.lowercased()])
            }
        }
    }

    @Test func undoTakesBackTheStepAndTheNewInstance() throws {
        let db = try makeDatabase("series-undo")
        let t = try add(db, "Water recur:daily due:today", now: day(1))
        let step = try db.finish(refs: ["1"], now: day(1), calendar: cal)
        #expect(step.next.count == 1)
        #expect(try db.undo()?.hasPrefix("finished 1 “Water”") == true)
        let open = try db.openTasks(now: day(1))
        #expect(open.map(\.uuid) == [t.uuid] && open[0].number == 1)
        #expect(try db.series(of: t)?.mask == "-")
        // Stepping again makes the same occurrence again (not a second one).
        let again = try db.finish(refs: ["1"], now: day(1), calendar: cal)
        #expect(again.next.first?.occurrence == 1)
        // Undoing the add of a recurring task takes its series too (journalled by hand).
        let other = try add(db, "Backup recur:weekly due:today", now: day(1))
        #expect(try db.allSeries().count == 2)
        _ = try db.undo()
        #expect(try db.allSeries().count == 1)
        #expect(try db.openTasks(now: day(1)).contains { $0.uuid == other.uuid } == false)
        // And the schema has no triggers on series: nothing for every process to parse.
        let triggers = try db.pool.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'series'") }
        #expect(triggers.isEmpty)
    }

    @Test func aSeriesChangesAndStopsAsAWhole() throws {
        let db = try makeDatabase("series-modify")
        let t = try add(db, "Review recur:weekly due:today", now: day(1))
        // recur: and until: are the series' own.
        try db.modify(ref: "1", with: try QuickAdd.parseModification("recur:2w until:2027-02-01", now: day(1), calendar: cal), now: day(1))
        var series = try #require(try db.series(of: t))
        #expect(series.recur == "2w" && series.until != nil)
        #expect(try db.finish(refs: ["1"], now: day(1), calendar: cal).next.first?.due == eod(15))
        // --series: the template and the open instance get the change.
        let open = try #require(try db.openTasks(now: day(2)).first)
        try db.modify(ref: open.uuid.uuidString, with: try QuickAdd.parseModification("+team pri:H", now: day(2), calendar: cal),
                      wholeSeries: true, now: day(2))
        series = try #require(try db.series(of: t))
        #expect(series.template.tags == ["team"] && series.template.priority == .H)
        #expect(try db.task(ref: open.uuid.uuidString).tags == ["team"])
        // Without it only the instance changes.
        try db.modify(ref: open.uuid.uuidString, with: try QuickAdd.parseModification("+solo", now: day(2), calendar: cal), now: day(2))
        #expect(try db.series(of: t)?.template.tags == ["team"])
        // recur: with nothing stops it; the instance stays.
        try db.modify(ref: open.uuid.uuidString, with: try QuickAdd.parseModification("recur:", now: day(2), calendar: cal), now: day(2))
        #expect(try db.series(of: t)?.isRunning == false)
        #expect(try db.finish(refs: [open.uuid.uuidString], now: day(3), calendar: cal).next.isEmpty)
        // A plain task with a due date can be made to recur; until: alone is refused.
        let plain = try add(db, "Backup due:today", now: day(3))
        #expect(throws: PicnicError.self) {
            try db.modify(ref: plain.uuid.uuidString, with: try QuickAdd.parseModification("until:fri", now: day(3), calendar: cal), now: day(3))
        }
        let made = try db.modify(ref: plain.uuid.uuidString, with: try QuickAdd.parseModification("recur:monthly", now: day(3), calendar: cal), now: day(3))
        let madeSeries = try db.series(of: made)
        #expect(made.series != nil && made.occurrence == 0 && madeSeries?.recur == "monthly")
    }
}
