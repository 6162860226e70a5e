import Foundation
import PicnicCore

/// Fast, locale-free parsing and formatting of the date forms the formats use.
public enum Timestamps {
    /// Seconds since 1970 for a UTC civil date and time.
    public static func epoch(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int {
        Int(CivilDays.days(year: Int64(y), month: Int64(mo), day: Int64(d))) * 86400 + h * 3600 + mi * 60 + s
    }

    /// The UTC civil fields of a date: (year, month, day, hour, minute, second).
    public static func civil(_ date: Date) -> (Int, Int, Int, Int, Int, Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down))
        let days = t >= 0 ? t / 86400 : (t - 86399) / 86400
        let secs = t - days * 86400
        let (y, m, d) = CivilDays.date(Int64(days))
        return (Int(y), Int(m), Int(d), secs / 3600, secs % 3600 / 60, secs % 60)
    }

    /// Taskwarrior's `20261201T000000Z`.
    public static func taskwarrior(_ s: String) -> Date? {
        let u = Array(s.utf8)
        guard u.count == 16, u[8] == UInt8(ascii: "T"), u[15] == UInt8(ascii: "Z"),
              let y = num(u, 0, 4), let mo = num(u, 4, 2), let d = num(u, 6, 2),
              let h = num(u, 9, 2), let mi = num(u, 11, 2), let sec = num(u, 13, 2),
              valid(mo, d, h, mi, sec) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(epoch(y, mo, d, h, mi, sec)))
    }

    /// Formats a date in Taskwarrior's `20261201T000000Z` form (UTC, whole seconds).
    public static func taskwarriorString(_ date: Date) -> String {
        let (y, mo, d, h, mi, s) = civil(date)
        return pad(y, 4) + pad(mo, 2) + pad(d, 2) + "T" + pad(h, 2) + pad(mi, 2) + pad(s, 2) + "Z"
    }

    /// `YYYY-MM-DD` as midnight UTC.
    public static func day(_ s: Substring) -> Date? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              let y = num(u, 0, 4), let mo = num(u, 5, 2), let d = num(u, 8, 2), valid(mo, d, 0, 0, 0) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(epoch(y, mo, d)))
    }

    /// The last second of the day `utcMidnight` (a `day(_:)` result) names, in `timeZone`: what
    /// quick-add makes of a day (`due:2026-12-01` is due until that day ends, where you are).
    public static func endOfLocalDay(_ utcMidnight: Date, _ timeZone: TimeZone) -> Date {
        localMidnight(utcMidnight.addingTimeInterval(86400), timeZone).addingTimeInterval(-1)
    }

    /// The first second of that day in `timeZone` (a todo.txt threshold shows the task from then).
    public static func localMidnight(_ utcMidnight: Date, _ timeZone: TimeZone) -> Date {
        let (y, mo, d, _, _, _) = civil(utcMidnight)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        return cal.date(from: DateComponents(year: y, month: mo, day: d)) ?? utcMidnight
    }

    /// `YYYY-MM-DD` of the day `date` falls in, in `timeZone`.
    public static func localDayString(_ date: Date, _ timeZone: TimeZone) -> String {
        dayString(date.addingTimeInterval(TimeInterval(timeZone.secondsFromGMT(for: date))))
    }

    /// Formats `YYYY-MM-DD` (UTC).
    public static func dayString(_ date: Date) -> String {
        let (y, mo, d, _, _, _) = civil(date)
        return pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2)
    }

    /// ISO 8601 / RFC 3339: `2014-01-21T20:26:05.383`, with `Z` or `±hh:mm`, or a bare date.
    /// A time without a zone is taken as UTC (as Stack Exchange dumps are).
    public static func iso8601(_ s: String) -> Date? {
        let u = Array(s.utf8)
        if u.count == 10 { return day(Substring(s)) }
        guard u.count >= 19, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
              u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " "),
              u[13] == UInt8(ascii: ":"), u[16] == UInt8(ascii: ":"),
              let y = num(u, 0, 4), let mo = num(u, 5, 2), let d = num(u, 8, 2),
              let h = num(u, 11, 2), let mi = num(u, 14, 2), let sec = num(u, 17, 2),
              valid(mo, d, h, mi, sec) else { return nil }
        var i = 19
        var frac = 0.0
        if i < u.count, u[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            while i < u.count, u[i] >= 0x30, u[i] <= 0x39 { frac += Double(u[i] - 0x30) * scale; scale /= 10; i += 1 }
        }
        var offset = 0
        if i < u.count {
            if u[i] == UInt8(ascii: "Z") || u[i] == UInt8(ascii: "z") { i += 1 }
            else if u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                let sign = u[i] == UInt8(ascii: "-") ? -1 : 1
                guard let oh = num(u, i + 1, 2) else { return nil }
                var j = i + 3
                if j < u.count, u[j] == UInt8(ascii: ":") { j += 1 }
                let om = num(u, j, 2) ?? 0
                offset = sign * (oh * 3600 + om * 60)
                i = num(u, j, 2) == nil ? j : j + 2
            }
        }
        guard i == u.count else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(epoch(y, mo, d, h, mi, sec) - offset) + frac)
    }

    /// RFC 822 / 2822 dates as in RSS `pubDate` and mail `Date:` (`Tue, 10 Jun 2003 04:00:00 GMT`).
    public static func rfc2822(_ s: String) -> Date? {
        var parts = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        if let first = parts.first, first.count >= 3, Int(first) == nil, first.last != ":" , !first.contains(":") {
            if months[first.prefix(3).lowercased()] == nil { parts.removeFirst() }
        }
        guard parts.count >= 4 else { return nil }
        var day = Int(parts[0]), month = months[parts[1].prefix(3).lowercased()]
        if day == nil, let m = months[parts[0].prefix(3).lowercased()] { month = m; day = Int(parts[1]) }
        guard let d = day, let mo = month, var y = Int(parts[2]) else { return nil }
        if y < 100 { y += y < 50 ? 2000 : 1900 }
        let hms = parts[3].split(separator: ":").compactMap { Int($0) }
        guard hms.count >= 2 else { return nil }
        var offset = 0
        if parts.count >= 5 {
            let z = parts[4]
            if z.first == "+" || z.first == "-", z.count == 5, let v = Int(z.dropFirst()) {
                offset = (z.first == "-" ? -1 : 1) * (v / 100 * 3600 + v % 100 * 60)
            } else if let named = zones[z.uppercased()] {
                offset = named * 3600
            }
        }
        guard valid(mo, d, hms[0], hms[1], hms.count > 2 ? hms[2] : 0) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(
            epoch(y, mo, d, hms[0], hms[1], hms.count > 2 ? hms[2] : 0) - offset))
    }

    /// Any of the forms feeds use: RFC 3339 first, then RFC 822.
    public static func feedDate(_ s: String) -> Date? {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        return iso8601(t) ?? rfc2822(t)
    }

    static let months: [String: Int] = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
    static let zones: [String: Int] = ["GMT": 0, "UT": 0, "UTC": 0, "Z": 0, "EST": -5, "EDT": -4,
                                       "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
                                       "CET": 1, "CEST": 2, "MET": 1, "MEST": 2, "BST": 1]

    @inline(__always) static func num(_ u: [UInt8], _ at: Int, _ len: Int) -> Int? {
        guard at + len <= u.count else { return nil }
        var v = 0
        for i in at..<(at + len) {
            let c = u[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    static func valid(_ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int) -> Bool {
        (1...12).contains(mo) && (1...31).contains(d) && (0...23).contains(h) && (0...59).contains(mi) && (0...60).contains(s)
    }

    static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
