import Foundation
import Testing
@testable import PicnicCore

@Suite struct RecurrenceTests {
    let cal = Fixture.calendar

    @Test func readsTaskwarriorsPeriodsAndRefusesOthers() {
        let cases: [(String, RecurrencePeriod)] = [
            ("daily", .days(1)), ("day", .days(1)), ("3d", .days(3)), ("10days", .days(10)),
            ("weekly", .weeks(1)), ("2w", .weeks(2)), ("2wks", .weeks(2)), ("biweekly", .weeks(2)), ("fortnight", .weeks(2)),
            ("weekdays", .weekdays), ("monthly", .months(1)), ("6m", .months(6)), ("3mo", .months(3)),
            ("bimonthly", .months(2)), ("quarterly", .months(3)), ("2q", .months(6)), ("semiannual", .months(6)),
            ("yearly", .months(12)), ("annual", .months(12)), ("1y", .months(12)), ("biannual", .months(24)),
            ("Weekly", .weeks(1)),
        ]
        for (text, period) in cases { #expect(RecurrencePeriod.parse(text) == period, "\(text)") }
        for bad in ["fortnightly", "hourly", "2h", "0d", "-1w", "", "w", "12345d", "weekday", "3x"] {
            #expect(RecurrencePeriod.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func canonicalTextReadsBackAsTheSamePeriod() {
        let periods: [RecurrencePeriod] = [.days(1), .days(3), .weeks(1), .weeks(2), .months(1), .months(3), .months(6),
                                           .months(12), .months(24), .months(36), .weekdays]
        for p in periods { #expect(RecurrencePeriod.parse(p.canonical) == p, "\(p)") }
        #expect(RecurrencePeriod.months(36).canonical == "36m") // Taskwarrior's "3y" would be 365-day years
        #expect(RecurrencePeriod.weeks(1).canonical == "weekly" && RecurrencePeriod.days(3).canonical == "3d")
    }

    @Test func monthsCountFromTheAnchorSoMonthEndsComeBack() {
        let anchor = Fixture.eod(2027, 1, 31)
        let p = RecurrencePeriod.months(1)
        #expect(p.date(1, from: anchor, calendar: cal) == Fixture.eod(2027, 2, 28))
        #expect(p.date(2, from: anchor, calendar: cal) == Fixture.eod(2027, 3, 31))
        #expect(p.date(3, from: anchor, calendar: cal) == Fixture.eod(2027, 4, 30))
        #expect(RecurrencePeriod.months(12).date(1, from: Fixture.eod(2028, 2, 29), calendar: cal) == Fixture.eod(2029, 2, 28))
    }

    @Test func daysKeepTheirTimeOfDayAcrossDaylightSaving() {
        // Berlin leaves summer time on 2026-10-25: 23:59:59 stays 23:59:59, a day is 25 hours there.
        let anchor = Fixture.eod(2026, 10, 23)
        for k in 0..<5 {
            #expect(RecurrencePeriod.days(1).date(k, from: anchor, calendar: cal) == Fixture.eod(2026, 10, 23 + k))
        }
        #expect(RecurrencePeriod.weeks(1).date(1, from: Fixture.eod(2027, 3, 24), calendar: cal) == Fixture.eod(2027, 3, 31))
    }

    @Test func weekdaysSkipTheWeekend() {
        // 2026-11-27 is a Friday.
        let friday = Fixture.eod(2026, 11, 27)
        let p = RecurrencePeriod.weekdays
        #expect(p.date(1, from: friday, calendar: cal) == Fixture.eod(2026, 11, 30))
        #expect(p.date(5, from: friday, calendar: cal) == Fixture.eod(2026, 12, 4))
        #expect(p.date(6, from: friday, calendar: cal) == Fixture.eod(2026, 12, 7))
        // A Saturday anchor: the next one is Monday, as in Taskwarrior.
        #expect(p.date(1, from: Fixture.eod(2026, 11, 28), calendar: cal) == Fixture.eod(2026, 11, 30))
        // The jump by whole weeks agrees with stepping one weekday at a time.
        for start in 0..<7 {
            let anchor = Fixture.eod(2026, 11, 23 + start)
            var d = anchor
            for k in 1...40 {
                d = RecurrencePeriod.nextWeekday(d, cal)
                #expect(p.date(k, from: anchor, calendar: cal) == d, "anchor +\(start), k \(k)")
            }
        }
    }

    @Test func theFirstOccurrenceAheadSkipsWhatPassed() {
        let anchor = Fixture.eod(2026, 1, 1)
        let periods: [RecurrencePeriod] = [.days(1), .days(3), .weeks(2), .months(1), .months(12), .weekdays]
        for p in periods {
            for start in [0, 1, 5] {
                for moment in [Fixture.date(2026, 1, 1), Fixture.date(2026, 3, 9, 12), Fixture.now, Fixture.date(2031, 7, 4)] {
                    // The reference: step one occurrence at a time.
                    var k = start
                    while p.date(k, from: anchor, calendar: cal) <= moment { k += 1 }
                    #expect(p.firstOccurrence(from: start, after: moment, anchor: anchor, calendar: cal) == k, "\(p) \(start) \(moment)")
                }
            }
        }
    }

    func series(_ recur: String = "daily", due: Date = Fixture.eod(2026, 11, 20), until: Date? = nil, mask: String = "-") -> TaskSeries {
        TaskSeries(template: WorkTask(title: "water", tags: ["home"], due: due, wait: due.addingTimeInterval(-86_400),
                                      created: Fixture.date(2026, 11, 1), scheduled: due.addingTimeInterval(-3_600)),
                   recur: recur, until: until, mask: mask)
    }

    @Test func theNextInstanceIsTheFirstDateStillAhead() throws {
        let s = series()
        // Finished on time (the 20th, before its end): the next is the 21st.
        let onTime = try #require(s.nextOccurrence(after: 0, now: Fixture.date(2026, 11, 20, 9), calendar: cal))
        #expect(onTime.occurrence == 1 && onTime.due == Fixture.eod(2026, 11, 21))
        // Finished five days late (the 25th): the 21st–24th are skipped, today's comes next.
        let late = try #require(s.nextOccurrence(after: 0, now: Fixture.now, calendar: cal))
        #expect(late.occurrence == 5 && late.due == Fixture.eod(2026, 11, 25))
        // Past `until`: none, and a series that is not running makes none.
        #expect(series(until: Fixture.eod(2026, 11, 24)).nextOccurrence(after: 0, now: Fixture.now, calendar: cal) == nil)
        var stopped = s
        stopped.template.status = .deleted
        #expect(stopped.nextOccurrence(after: 0, now: Fixture.now, calendar: cal) == nil)
        // A period Picnic cannot step (Taskwarrior's hourly) makes none either.
        #expect(series("hourly").nextOccurrence(after: 0, now: Fixture.now, calendar: cal) == nil)
        // Occurrences already made (the mask) are never made again.
        let made = series(mask: "-+X")
        #expect(made.nextOccurrence(after: 0, now: Fixture.date(2026, 11, 20, 9), calendar: cal)?.occurrence == 3)
    }

    @Test func instancesCopyTheTemplateAndKeepItsOffsets() {
        let s = series()
        let due = Fixture.eod(2026, 11, 26)
        let t = s.makeInstance(occurrence: 6, due: due, now: Fixture.now)
        #expect(t.title == "water" && t.tags == ["home"] && t.series == s.uuid && t.occurrence == 6)
        #expect(t.due == due && t.wait == due.addingTimeInterval(-86_400) && t.scheduled == due.addingTimeInterval(-3_600))
        #expect(t.status == .waiting && t.uuid != s.uuid && t.number == nil && t.created == Fixture.now)
    }

    @Test func theMaskMarksSkippedSlots() {
        var s = series(mask: "-")
        s.mark(0, .done)
        s.mark(3, .pending)
        #expect(s.mask == "+XX-")
        s.mark(3, .waiting)
        s.mark(1, .deleted)
        #expect(s.mask == "+XXW")
    }
}
