import TermUI
import Foundation
import PicnicCore

/// Short human words for dates, ages and parsed tasks.
enum Describe {
    /// Due as relative days, never wider than `dueWidth`: `today`, `tmrw`, `2d`, `3w`, `4mo`,
    /// `2y`, and the same with `-` when overdue (`-3d`, `-11mo`, `-5y`; `-99y+` beyond).
    static func due(_ date: Date, now: Date, calendar: Calendar) -> String {
        let days = dayNumber(date, calendar) - dayNumber(now, calendar)
        switch days {
        case 0: return "today"
        case 1: return "tmrw"
        default:
            let sign = days < 0 ? "-" : "", n = abs(days)
            switch n {
            case ..<14: return "\(sign)\(n)d"
            case ..<60: return "\(sign)\(n / 7)w"
            case ..<365: return "\(sign)\(max(2, n / 30))mo"
            case ..<(100 * 365): return "\(sign)\(n / 365)y"
            default: return "\(sign)99y+"
            }
        }
    }

    /// The columns of the queue's due cell: the widest text `due` gives.
    static let dueWidth = 5

    /// The local calendar day of a date as a day count (cheaper than Calendar arithmetic, which
    /// dominated drawing a full queue).
    static func dayNumber(_ date: Date, _ calendar: Calendar) -> Int {
        let local = date.timeIntervalSince1970 + Double(calendar.timeZone.secondsFromGMT(for: date))
        return Int((local / 86400).rounded(.down))
    }

    /// Age of a post: `just now`, `5 min ago`, `3 hours ago`, `3 days ago`, `2 years ago`.
    static func age(_ date: Date, now: Date) -> String {
        let s = now.timeIntervalSince(date)
        func unit(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s") ago" }
        switch s {
        case ..<60: return "just now"
        case ..<3600: return "\(Int(s / 60)) min ago"
        case ..<86400: return unit(Int(s / 3600), "hour")
        case ..<(86400 * 30): return unit(Int(s / 86400), "day")
        case ..<(86400 * 365): return unit(Int(s / (86400 * 30)), "month")
        default: return unit(Int(s / (86400 * 365)), "year")
        }
    }

    /// A one-line reading of a parsed task: `“Fix CI” · H · due fri (2d) · +ci · project:infra`.
    static func preview(_ task: WorkTask, now: Date, calendar: Calendar) -> String {
        var parts = ["“\(task.title.isEmpty ? "(no title)" : task.title)”"]
        if let p = task.priority { parts.append("pri \(p.rawValue)") }
        if let d = task.due {
            parts.append("due \(dayFormat.string(d, calendar, now: now)) (\(due(d, now: now, calendar: calendar)))")
        }
        if let w = task.wait, w > now { parts.append("waits \(due(w, now: now, calendar: calendar))") }
        if let s = task.scheduled, s > now { parts.append("not before \(dayFormat.string(s, calendar, now: now))") }
        parts += task.tags.map { "+" + $0 }
        if let p = task.project { parts.append("project:\(p)") }
        return parts.joined(separator: " · ")
    }

    /// `preview` with what only the change says: the series (`↻ weekly until Mon 1 Mar`), the
    /// tasks it waits on (by number and title when open), and what the context added.
    static func preview(_ p: QueueRules.Preview, state: AppState) -> String {
        var text = preview(p.task, now: state.now, calendar: state.calendar)
        let cal = state.calendar
        switch p.change.recur {
        case .set(let period):
            var series = "↻ \(period)"
            if case .set(let until) = p.change.until { series += " until \(dayFormat.string(until, cal))" }
            text += " · " + series
        case .clear: text += " · stops the series"
        case .keep:
            if case .set(let until) = p.change.until { text += " · series until \(dayFormat.string(until, cal))" }
            if p.change.until == .clear { text += " · series without end" }
        }
        func named(_ ref: String) -> String {
            guard let n = Int(ref), ref.count < 4, let t = state.tasks.first(where: { $0.number == n }) else { return ref }
            let title = t.title.count > 24 ? String(t.title.prefix(23)) + "…" : t.title
            return "\(n) “\(title)”"
        }
        if !p.change.addDepends.isEmpty { text += " · waits on " + p.change.addDepends.map(named).joined(separator: ", ") }
        if !p.change.removeDepends.isEmpty { text += " · no longer waits on " + p.change.removeDepends.map(named).joined(separator: ", ") }
        if p.change.clearDepends { text += " · waits on nothing" }
        if state.mode == .modify && state.modifyWholeSeries { text = "whole series: " + text }
        if let c = p.context { text += " · (context \(c))" }
        return text
    }

    /// `EEE d MMM` in English (with the year when it is not `now`'s), with one formatter per
    /// calendar (making one per key of the add prompt's live preview cost more than the rest of
    /// the key).
    static let dayFormat = DayFormat()

    final class DayFormat: @unchecked Sendable {
        private let lock = NSLock()
        private var formatter: DateFormatter?
        private var madeFor: Calendar?

        func string(_ date: Date, _ calendar: Calendar, now: Date? = nil) -> String {
            let day = string(date, calendar)
            guard let now, calendar.component(.year, from: date) != calendar.component(.year, from: now) else { return day }
            return day + " \(calendar.component(.year, from: date))"
        }

        private func string(_ date: Date, _ calendar: Calendar) -> String {
            lock.lock()
            defer { lock.unlock() }
            if madeFor != calendar || formatter == nil {
                let f = DateFormatter()
                f.calendar = calendar; f.timeZone = calendar.timeZone; f.locale = Locale(identifier: "en_US_POSIX")
                f.dateFormat = "EEE d MMM"
                formatter = f
                madeFor = calendar
            }
            return formatter!.string(from: date)
        }
    }
}
