import Foundation
import PicnicCore

/// A fixed clock for date tests: Wednesday 2026-11-25 10:30 in Berlin.
enum Fixture {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Berlin")!
        return c
    }()

    static func date(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Date {
        calendar.date(from: DateComponents(year: y, month: m, day: d, hour: h, minute: mi, second: s))!
    }

    /// The end of a local day.
    static func eod(_ y: Int, _ m: Int, _ d: Int) -> Date { date(y, m, d, 23, 59, 59) }

    static let now = date(2026, 11, 25, 10, 30)
}
