import Foundation
import Testing
@testable import PicnicCore

@Suite struct DateExpressionTests {
    func parse(_ s: String) -> Date? { DateExpression.parse(s, now: Fixture.now, calendar: Fixture.calendar) }

    @Test(arguments: [
        ("today", Fixture.eod(2026, 11, 25)),
        ("eod", Fixture.eod(2026, 11, 25)),
        ("TODAY", Fixture.eod(2026, 11, 25)),
        ("sod", Fixture.date(2026, 11, 25)),
        ("tomorrow", Fixture.eod(2026, 11, 26)),
        ("yesterday", Fixture.eod(2026, 11, 24)),
        ("now", Fixture.now),
        ("thu", Fixture.eod(2026, 11, 26)),
        ("fri", Fixture.eod(2026, 11, 27)),
        ("friday", Fixture.eod(2026, 11, 27)),
        ("sat", Fixture.eod(2026, 11, 28)),
        ("sun", Fixture.eod(2026, 11, 29)),
        ("mon", Fixture.eod(2026, 11, 30)),
        ("tue", Fixture.eod(2026, 12, 1)),
        ("wed", Fixture.eod(2026, 12, 2)),   // today is Wednesday: the next one
        ("eow", Fixture.eod(2026, 11, 29)),  // weeks end on Sunday
        ("eom", Fixture.eod(2026, 11, 30)),
        ("eoy", Fixture.eod(2026, 12, 31)),
        ("2026-12-01", Fixture.eod(2026, 12, 1)),
        ("2026-12-01T14:00", Fixture.date(2026, 12, 1, 14, 0)),
        ("2026-12-01t14:00:30", Fixture.date(2026, 12, 1, 14, 0, 30)),
        ("+3d", Fixture.eod(2026, 11, 28)),
        ("3d", Fixture.eod(2026, 11, 28)),
        ("-1d", Fixture.eod(2026, 11, 24)),
        ("+2w", Fixture.eod(2026, 12, 9)),
        ("+1m", Fixture.eod(2026, 12, 25)),
        ("+1y", Fixture.eod(2027, 11, 25)),
        ("+3h", Fixture.date(2026, 11, 25, 13, 30)),
        ("+30min", Fixture.date(2026, 11, 25, 11, 0)),
    ])
    func readsWhatPeopleType(input: String, expected: Date) {
        #expect(parse(input) == expected, "\(input)")
    }

    @Test func isoWithZoneIsExact() {
        #expect(parse("2026-12-01T14:00:00Z") == Date(timeIntervalSince1970: 1_796_133_600))
        #expect(parse("2026-12-01T15:00+01:00") == Date(timeIntervalSince1970: 1_796_133_600))
    }

    @Test(arguments: ["fryday", "", "2026-02-30", "2026-13-01", "2026-12-01T25:00", "+3x", "12", "tomorrowish",
                      "2026-12-1", "mo", "2026-12-01T14", "+d"])
    func refusesWhatIsNotADate(input: String) {
        #expect(parse(input) == nil, "\(input)")
    }

    @Test func endOfMonthHandlesShortMonths() {
        let feb = Fixture.date(2027, 2, 10, 9)
        #expect(DateExpression.parse("eom", now: feb, calendar: Fixture.calendar) == Fixture.eod(2027, 2, 28))
        #expect(DateExpression.parse("+1m", now: Fixture.date(2027, 1, 31), calendar: Fixture.calendar) == Fixture.eod(2027, 2, 28))
    }

    @Test func eowOnSundayIsToday() {
        let sunday = Fixture.date(2026, 11, 29, 8)
        #expect(DateExpression.parse("eow", now: sunday, calendar: Fixture.calendar) == Fixture.eod(2026, 11, 29))
    }
}
