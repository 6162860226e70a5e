import Foundation

/// How often a recurring task comes back: `recur:daily`, `weekly`, `weekdays`, `monthly`, `2w`, `3d`…
///
/// Dates of a series are counted from its first due date (the anchor) in the local calendar:
/// occurrence `k` is `k` periods after the anchor, so a task due on the 31st comes back on the
/// last day of shorter months and on the 31st again after them, and a due time of 23:59:59 stays
/// 23:59:59 across daylight-saving changes. The stored text is one Taskwarrior 2.6 reads with the
/// same meaning (`canonical`), so an exported series continues alike in `task`.
public enum RecurrencePeriod: Equatable, Hashable, Sendable {
    case days(Int)
    case weeks(Int)
    case months(Int)
    /// Monday to Friday.
    case weekdays

    /// The forms accepted, for help and refusals.
    public static let examples = "daily, weekdays, weekly, monthly, quarterly, yearly, 3d, 2w, 6m, 1y"

    /// The period `text` names (Taskwarrior's names and `N` + unit), or nil.
    public static func parse(_ text: String) -> RecurrencePeriod? {
        let word = text.lowercased()
        switch word {
        case "daily", "day", "1d": return .days(1)
        case "weekdays": return .weekdays
        case "weekly", "week", "1w", "sennight": return .weeks(1)
        case "biweekly", "fortnight": return .weeks(2)
        case "monthly", "month": return .months(1)
        case "bimonthly": return .months(2)
        case "quarterly": return .months(3)
        case "semiannual": return .months(6)
        case "annual", "yearly", "year": return .months(12)
        case "biannual", "biyearly": return .months(24)
        default: break
        }
        let digits = word.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits), n > 0 else { return nil }
        switch word.dropFirst(digits.count) {
        case "d", "day", "days": return .days(n)
        case "w", "wk", "wks", "week", "weeks": return .weeks(n)
        case "m", "mo", "mos", "month", "months": return .months(n)
        case "q", "qtr", "qtrs", "quarter", "quarters": return .months(3 * n)
        case "y", "yr", "yrs", "year", "years": return .months(12 * n)
        default: return nil
        }
    }

    /// The text stored and exported: Taskwarrior reads each as the same calendar period
    /// (`Nm` and `Nq` are calendar months there, while `Ny` would be 365-day years).
    public var canonical: String {
        switch self {
        case .days(1): "daily"
        case .days(let n): "\(n)d"
        case .weeks(1): "weekly"
        case .weeks(let n): "\(n)w"
        case .months(1): "monthly"
        case .months(3): "quarterly"
        case .months(12): "yearly"
        case .months(24): "biannual"
        case .months(let n): "\(n)m"
        case .weekdays: "weekdays"
        }
    }

    /// The date of occurrence `k` of a series whose occurrence 0 is at `anchor`.
    public func date(_ k: Int, from anchor: Date, calendar: Calendar) -> Date {
        guard k > 0 else { return anchor }
        switch self {
        case .days(let n): return calendar.date(byAdding: .day, value: n * k, to: anchor) ?? anchor
        case .weeks(let n): return calendar.date(byAdding: .day, value: 7 * n * k, to: anchor) ?? anchor
        case .months(let n): return calendar.date(byAdding: .month, value: n * k, to: anchor) ?? anchor
        case .weekdays:
            // As Taskwarrior: from Friday (or a weekend anchor) the next one is Monday.
            var d = anchor, left = k
            while left > 0, !(left >= 5 && isMonday(d, calendar)) {
                d = Self.nextWeekday(d, calendar)
                left -= 1
            }
            // From a Monday, five weekdays on is the next Monday.
            if left >= 5 {
                d = calendar.date(byAdding: .day, value: 7 * (left / 5), to: d) ?? d
                left %= 5
            }
            for _ in 0..<left { d = Self.nextWeekday(d, calendar) }
            return d
        }
    }

    /// The first occurrence from `start` on whose date is after `moment` (Taskwarrior piles up
    /// every missed date; Picnic skips to the next one still ahead).
    public func firstOccurrence(from start: Int, after moment: Date, anchor: Date, calendar: Calendar) -> Int {
        var k = max(start, 0)
        // Jump close for long gaps (a daily series left for a year), then step exactly.
        let approxDays: Double? = switch self {
        case .days(let n): Double(n)
        case .weeks(let n): Double(7 * n)
        case .months(let n): Double(n) * 28
        case .weekdays: 1.4
        }
        if let step = approxDays {
            let behind = Int((moment.timeIntervalSince(anchor) / 86400 - 2) / step) - 1
            if behind > k { k = behind }
            while k > start, date(k, from: anchor, calendar: calendar) > moment { k -= 1 }
        }
        while date(k, from: anchor, calendar: calendar) <= moment { k += 1 }
        return max(k, start)
    }

    static func isWeekday(_ d: Date, _ cal: Calendar) -> Bool {
        let w = cal.component(.weekday, from: d) // 1 = Sunday … 7 = Saturday
        return w != 1 && w != 7
    }

    private func isMonday(_ d: Date, _ cal: Calendar) -> Bool { cal.component(.weekday, from: d) == 2 }

    static func nextWeekday(_ d: Date, _ cal: Calendar) -> Date {
        let days: Int
        switch cal.component(.weekday, from: d) {
        case 6: days = 3 // Friday → Monday
        case 7: days = 2 // Saturday → Monday
        default: days = 1
        }
        return cal.date(byAdding: .day, value: days, to: d) ?? d
    }
}
