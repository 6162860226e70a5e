import Foundation
import PicnicCore
import PicnicStore

/// The words and numbers of the table's cells: as Strings for `show`, as bytes for `render`.
extension TaskTable {
    /// `12.3` without String(format:) or interpolation, which are slow in a 10,000-row loop.
    static func oneDecimal(_ x: Double) -> String {
        let bytes = [UInt8](unsafeUninitializedCapacity: 24) { buffer, count in
            var out = ByteWriter(buffer)
            out.tenths(tenths(x))
            count = out.count
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `x` in tenths, rounded half away from zero, as `oneDecimal` prints it.
    static func tenths(_ x: Double) -> Int { Int((x * 10).rounded()) }

    /// The columns (and bytes) of `oneDecimal`, from tenths.
    static func tenthsWidth(_ tenths: Int) -> Int { (tenths < 0 ? 1 : 0) + decimalWidth(abs(tenths) / 10) + 2 }

    /// How many digits a non-negative integer has.
    static func decimalWidth(_ v: Int) -> Int {
        var n = 1, v = v
        while v >= 10 { v /= 10; n += 1 }
        return n
    }

    static func marker(_ t: WorkTask) -> String { marker(t.status) }

    /// The marks shown before a title: blocked, recurring, scheduled later (not blocking: a
    /// blocking task is simply higher in the queue).
    static let shownMarks = TaskListing.Mark.blocked | TaskListing.Mark.recurring | TaskListing.Mark.later

    /// The status marker, then `⊘ ` blocked, `↻ ` recurring, `◷ ` scheduled later.
    static func marker(_ status: TaskStatus, _ marks: UInt8) -> String {
        var m = marker(status)
        if marks & TaskListing.Mark.blocked != 0 { m += "⊘ " }
        if marks & TaskListing.Mark.recurring != 0 { m += "↻ " }
        if marks & TaskListing.Mark.later != 0 { m += "◷ " }
        return m
    }

    static func marker(_ status: TaskStatus) -> String {
        switch status {
        case .active: return "▶ "
        case .waiting: return "… "
        case .done: return "✓ "
        case .deleted: return "✗ "
        case .pending: return ""
        }
    }

    static let ageUnits = ["s", "min", "h", "d", "w", "mo", "y"]

    /// `45s`, `12min`, `3h`, `2d`, `5w`, `4mo`, `2y`.
    static func age(from start: Date, to now: Date) -> String {
        let (value, unit) = ageParts(from: start, to: now)
        return String(value) + ageUnits[unit]
    }

    /// The number and the index in `ageUnits` of `age`.
    static func ageParts(from start: Date, to now: Date) -> (value: Int, unit: Int) {
        let s = max(0, now.timeIntervalSince(start))
        switch s {
        case ..<60: return (Int(s), 0)
        case ..<3600: return (Int(s / 60), 1)
        case ..<86400: return (Int(s / 3600), 2)
        case ..<(14 * 86400): return (Int(s / 86400), 3)
        case ..<(60 * 86400): return (Int(s / (7 * 86400)), 4)
        case ..<(365 * 86400): return (Int(s / (30 * 86400)), 5)
        default: return (Int(s / (365 * 86400)), 6)
        }
    }

    /// `today`, `tomorrow`, `fri`, `in 12d`, `3d ago`, `2026-12-01`: how people say when.
    static func relative(_ due: Date, now: Date) -> String {
        relative(due, now: now, today: localDay(now).day)
    }

    /// `relative`, given the local day number of `now`.
    static func relative(_ due: Date, now: Date, today: Int64) -> String {
        let (day, second) = localDay(due)
        let days = Int(day - today)
        switch days {
        case 0:
            if due < now { return "overdue" }
            let hours = due.timeIntervalSince(now) / 3600
            let endOfDay = second == 86399 && due.timeIntervalSince1970.rounded(.down) == due.timeIntervalSince1970
            return endOfDay || hours >= 1 ? "today" : "in \(Int(hours * 60))min"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case 2...6:
            let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            return names[Int(((day + 4) % 7 + 7) % 7)] // 1970-01-01 was a Thursday
        case 7...60: return "in \(days)d"
        case -60 ... -2: return "\(-days)d ago"
        default: return TaskJSON.format(due).prefix(10).description
        }
    }

    /// The local day (days since 1970-01-01 in the local zone) and second of that day: integer
    /// arithmetic on the C library's offset for that instant (`localtime_r` reads TZ and
    /// /etc/localtime, as Foundation does), because `Calendar`'s first use loads ICU locale data,
    /// a millisecond of every `picnic list`.
    static func localDay(_ date: Date) -> (day: Int64, second: Int64) {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&t, &parts)
        let local = Int64(t) + Int64(parts.tm_gmtoff)
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        return (day, local - day * 86400)
    }

    /// Whether `bytes` are printable ASCII: then `Terminal.safe` leaves it as it is and it is as
    /// many columns wide as it has bytes.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ok = true
        for b in bytes { ok = ok && b &- 0x20 < 0x5F } // no early exit: the loop vectorizes
        return ok
    }
}
