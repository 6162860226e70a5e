import Foundation

/// Reads the dates people type after `due:`, `wait:` and in filters.
///
/// Day-sized forms (`today`, `tomorrow`, `fri`, `2026-12-01`, `+3d`, `eow`, …) mean the *end* of
/// that day (23:59:59 local time), so a task due today is not overdue until the day is over.
/// Forms with a time of day (`now`, `+3h`, `2026-12-01T14:00`) are exact.
/// Weeks start on Monday (ISO 8601): `eow` is the end of Sunday.
public enum DateExpression {
    /// The words accepted besides ISO dates and offsets, for completion and help.
    public static let keywords = [
        "now", "today", "tomorrow", "yesterday", "sod", "eod", "eow", "eom", "eoy",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "someday",
    ]

    /// Parses `text` relative to `now` in `calendar` (and its time zone); nil when it is not a date.
    public static func parse(_ text: String, now: Date, calendar: Calendar) -> Date? {
        let word = text.lowercased()
        let cal = calendar
        switch word {
        case "now": return now
        case "today", "eod", "tonight": return endOfDay(now, cal)
        case "sod": return cal.startOfDay(for: now)
        case "tomorrow", "tmrw", "tom": return endOfDay(add(.day, 1, to: now, cal), cal)
        case "yesterday": return endOfDay(add(.day, -1, to: now, cal), cal)
        case "eow": return endOfDay(add(.day, daysUntilSunday(now, cal), to: now, cal), cal)
        case "eom":
            let start = cal.dateInterval(of: .month, for: now)?.end ?? now
            return start.addingTimeInterval(-1)
        case "eoy":
            let start = cal.dateInterval(of: .year, for: now)?.end ?? now
            return start.addingTimeInterval(-1)
        case "someday", "later":
            return cal.date(from: DateComponents(year: 9999, month: 12, day: 30, hour: 23, minute: 59, second: 59))
        default: break
        }
        if let weekday = weekdayNumber(word) {
            // The next such day, strictly after today (as in Taskwarrior).
            let today = cal.component(.weekday, from: now)
            var delta = (weekday - today + 7) % 7
            if delta == 0 { delta = 7 }
            return endOfDay(add(.day, delta, to: now, cal), cal)
        }
        if let date = offset(word, now: now, cal) { return date }
        return iso(word, cal)
    }

    /// The end of the day holding `date` (23:59:59).
    public static func endOfDay(_ date: Date, _ cal: Calendar) -> Date {
        let start = cal.startOfDay(for: date)
        return add(.day, 1, to: start, cal).addingTimeInterval(-1)
    }

    static func add(_ unit: Calendar.Component, _ n: Int, to date: Date, _ cal: Calendar) -> Date {
        cal.date(byAdding: unit, value: n, to: date) ?? date
    }

    static func daysUntilSunday(_ date: Date, _ cal: Calendar) -> Int {
        // Calendar weekday: 1 = Sunday … 7 = Saturday, whatever firstWeekday says.
        let weekday = cal.component(.weekday, from: date)
        return weekday == 1 ? 0 : 8 - weekday
    }

    static func weekdayNumber(_ word: String) -> Int? {
        let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        guard word.count >= 3 else { return nil }
        for (i, name) in names.enumerated() where name.hasPrefix(word) { return i + 1 }
        // Common short forms that are not prefixes.
        switch word {
        case "tues": return 3
        case "thur", "thurs": return 5
        default: return nil
        }
    }

    /// `+3d`, `2w`, `-1m`, `+3h`, `+30min`, `1y`: day-sized units land on the end of the day.
    static func offset(_ word: String, now: Date, _ cal: Calendar) -> Date? {
        var s = Substring(word)
        var sign = 1
        if s.hasPrefix("+") { s = s.dropFirst() } else if s.hasPrefix("-") { sign = -1; s = s.dropFirst() }
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 6, let n = Int(digits) else { return nil }
        let unit = String(s.dropFirst(digits.count))
        let value = sign * n
        switch unit {
        case "min", "mins", "minute", "minutes": return add(.minute, value, to: now, cal)
        case "h", "hr", "hrs", "hour", "hours": return add(.hour, value, to: now, cal)
        case "d", "day", "days": return endOfDay(add(.day, value, to: now, cal), cal)
        case "w", "wk", "wks", "week", "weeks": return endOfDay(add(.day, 7 * value, to: now, cal), cal)
        case "m", "mo", "mon", "mos", "month", "months": return endOfDay(add(.month, value, to: now, cal), cal)
        case "y", "yr", "yrs", "year", "years": return endOfDay(add(.year, value, to: now, cal), cal)
        default: return nil
        }
    }

    /// `2026-12-01` (end of that day), `2026-12-01T14:00[:30]`, with an optional `Z` or `±HH:MM`.
    static func iso(_ word: String, _ cal: Calendar) -> Date? {
        let chars = Array(word.utf8)
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= chars.count else { return nil }
            var v = 0
            for c in chars[from..<(from + len)] {
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard chars.count >= 10, let y = num(0, 4), chars[4] == 45, let mo = num(5, 2), chars[7] == 45,
              let d = num(8, 2) else { return nil }
        var comps = DateComponents(year: y, month: mo, day: d)
        var zone = cal.timeZone
        var hasTime = false
        if chars.count > 10 {
            guard chars[10] == UInt8(ascii: "t") || chars[10] == UInt8(ascii: " "),
                  let h = num(11, 2), chars.count >= 16, chars[13] == 58, let mi = num(14, 2) else { return nil }
            comps.hour = h
            comps.minute = mi
            comps.second = 0
            hasTime = true
            var i = 16
            if i < chars.count, chars[i] == 58 {
                guard let sec = num(i + 1, 2) else { return nil }
                comps.second = sec
                i += 3
            }
            if i < chars.count {
                if chars[i] == UInt8(ascii: "z"), i + 1 == chars.count {
                    zone = TimeZone(identifier: "UTC")!
                } else if chars[i] == 43 || chars[i] == 45, chars.count == i + 6, chars[i + 3] == 58,
                          let oh = num(i + 1, 2), let om = num(i + 4, 2) {
                    let secs = (oh * 3600 + om * 60) * (chars[i] == 45 ? -1 : 1)
                    guard let tz = TimeZone(secondsFromGMT: secs) else { return nil }
                    zone = tz
                } else {
                    return nil
                }
            }
            guard h < 24, mi < 60, (comps.second ?? 0) < 60 else { return nil }
        }
        var c = cal
        c.timeZone = zone
        guard (1...12).contains(mo), d >= 1, let date = c.date(from: comps) else { return nil }
        // Reject dates the calendar would roll over (2026-02-30 → March 2).
        let back = c.dateComponents([.year, .month, .day], from: date)
        guard back.year == y, back.month == mo, back.day == d else { return nil }
        return hasTime ? date : endOfDay(date, c)
    }
}
