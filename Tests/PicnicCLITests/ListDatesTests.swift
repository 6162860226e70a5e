import Foundation
import Testing
import TestSupport

/// `picnic list` says when tasks are due with integer arithmetic on the zone's offset, not
/// Calendar: in zones with odd offsets and daylight saving it must still agree with Calendar.
@Suite struct ListDatesTests {
    @Test(arguments: ["UTC", "Pacific/Chatham", "America/St_Johns", "Australia/Lord_Howe", "Asia/Kolkata"])
    func relativeDueDatesAgreeWithCalendar(zone: String) throws {
        let db = freshDB("listdates")
        let env = ["TZ": zone]
        for (days, title) in [(1, "one"), (3, "three"), (5, "five"), (20, "twenty"), (-2, "past")] {
            let due = days > 0 ? "+\(days)d" : "today"
            #expect(try TestSupport.picnic(["add", title, "due:\(due)"], db: db, environment: env).status == 0)
        }
        try TestSupport.picnic(["modify", "5", "due:\(Self.isoDay(-2, zone))"], db: db, environment: env)
        let out = try TestSupport.picnic(["list"], db: db, environment: env).stdout
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: zone)!
        let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
        func weekday(_ days: Int) -> String {
            names[cal.component(.weekday, from: cal.date(byAdding: .day, value: days, to: Date())!) - 1]
        }
        func row(_ title: String) -> String { out.split(separator: "\n").first { $0.hasSuffix(" " + title) }.map(String.init) ?? "" }
        #expect(row("one").contains(" tomorrow "), "\(zone): \(row("one"))")
        #expect(row("three").contains(" \(weekday(3)) "), "\(zone): \(row("three"))")
        #expect(row("five").contains(" \(weekday(5)) "), "\(zone): \(row("five"))")
        #expect(row("twenty").contains(" in 20d "), "\(zone): \(row("twenty"))")
        #expect(row("past").contains(" 2d ago "), "\(zone): \(row("past"))")
    }

    /// `YYYY-MM-DD` of the local day `days` from today in `zone`.
    static func isoDay(_ days: Int, _ zone: String) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: zone)!
        let c = cal.dateComponents([.year, .month, .day], from: cal.date(byAdding: .day, value: days, to: Date())!)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
