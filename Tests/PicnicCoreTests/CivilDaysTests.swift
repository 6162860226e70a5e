import Foundation
import Testing
@testable import PicnicCore

@Suite struct CivilDaysTests {
    @Test func knownDates() {
        #expect(CivilDays.date(0) == (1970, 1, 1))
        #expect(CivilDays.days(year: 2026, month: 11, day: 29) == 20_786)
        #expect(CivilDays.date(20_786) == (2026, 11, 29))
        #expect(CivilDays.date(CivilDays.days(year: 2024, month: 2, day: 29)) == (2024, 2, 29))
        #expect(CivilDays.days(year: 1, month: 1, day: 1) == -719_162)
    }

    @Test func daysAndDatesAreInverseAndAgreeWithGmtime() {
        var previous: (Int64, Int64, Int64)?
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let d = CivilDays.date(days)
            #expect(CivilDays.days(year: d.year, month: d.month, day: d.day) == days)
            var t = time_t(days * 86400)
            var parts = tm()
            gmtime_r(&t, &parts)
            #expect(d == (Int64(parts.tm_year) + 1900, Int64(parts.tm_mon) + 1, Int64(parts.tm_mday)))
            if let previous { #expect(previous < (d.year, d.month, d.day)) }
            previous = (d.year, d.month, d.day)
        }
    }
}
