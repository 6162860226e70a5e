import Foundation
import PicnicCore

/// The human table of `picnic list`: id, age, project, tags, due, priority, urgency, title.
enum TaskTable {
    /// Renders rows; with a `width` (a terminal) each line is cut to fit, the title giving way first.
    static func render(_ tasks: [WorkTask], now: Date, calendar: Calendar, width: Int?) -> String {
        let header = ["ID", "Age", "Project", "Tags", "Due", "P", "Urg", "Title"]
        var rows: [[String]] = [header]
        rows.reserveCapacity(tasks.count + 1)
        // Many tasks share a due date (day-sized dates all end at 23:59:59): say each once.
        var dueText: [Date: String] = [:]
        let today = calendar.startOfDay(for: now)
        for t in tasks {
            var due = ""
            if let d = t.due {
                if let known = dueText[d] { due = known } else {
                    due = relative(d, now: now, today: today, calendar: calendar)
                    dueText[d] = due
                }
            }
            rows.append([
                t.number.map(String.init) ?? String(t.uuid.uuidString.lowercased().prefix(8)),
                age(from: t.created, to: now),
                Terminal.safe(t.project ?? ""),
                Terminal.safe(t.tags.joined(separator: " ")),
                due,
                t.priority?.rawValue ?? "",
                oneDecimal(Urgency.score(t, now: now)),
                marker(t) + Terminal.safe(t.title),
            ])
        }
        // Column widths; project and tags are capped so the title keeps room.
        var widths = (0..<header.count).map { c in rows.map { Terminal.width(of: $0[c]) }.max() ?? 0 }
        widths[2] = min(widths[2], 16)
        widths[3] = min(widths[3], 20)
        let visible = (0..<header.count).filter { c in c == 0 || c == 7 || widths[c] > Terminal.width(of: header[c]) || rows.dropFirst().contains { !$0[c].isEmpty } }
        var out = ""
        for row in rows {
            var line = ""
            for (i, c) in visible.enumerated() {
                let cell = Terminal.truncate(row[c], to: widths[c])
                if i == visible.count - 1 { line += cell } else {
                    line += (c == 0 || c == 6 ? leftPad(cell, widths[c]) : Terminal.pad(cell, to: widths[c])) + " "
                }
            }
            if let width { line = Terminal.truncate(line, to: width) }
            out += line + "\n"
        }
        return out
    }

    /// `12.3` without String(format:), which is slow in a 10,000-row loop.
    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func marker(_ t: WorkTask) -> String {
        switch t.status {
        case .active: return "▶ "
        case .waiting: return "… "
        case .done: return "✓ "
        case .deleted: return "✗ "
        case .pending: return ""
        }
    }

    static func leftPad(_ s: String, _ n: Int) -> String {
        let w = Terminal.width(of: s)
        return w >= n ? s : String(repeating: " ", count: n - w) + s
    }

    /// `45s`, `12min`, `3h`, `2d`, `5w`, `4mo`, `2y`.
    static func age(from start: Date, to now: Date) -> String {
        let s = max(0, now.timeIntervalSince(start))
        switch s {
        case ..<60: return "\(Int(s))s"
        case ..<3600: return "\(Int(s / 60))min"
        case ..<86400: return "\(Int(s / 3600))h"
        case ..<(14 * 86400): return "\(Int(s / 86400))d"
        case ..<(60 * 86400): return "\(Int(s / (7 * 86400)))w"
        case ..<(365 * 86400): return "\(Int(s / (30 * 86400)))mo"
        default: return "\(Int(s / (365 * 86400)))y"
        }
    }

    /// `today`, `tomorrow`, `fri`, `in 12d`, `3d ago`, `2026-12-01`: how people say when.
    static func relative(_ due: Date, now: Date, calendar: Calendar) -> String {
        relative(due, now: now, today: calendar.startOfDay(for: now), calendar: calendar)
    }

    static func relative(_ due: Date, now: Date, today: Date, calendar: Calendar) -> String {
        let days = calendar.dateComponents([.day], from: today, to: calendar.startOfDay(for: due)).day ?? 0
        switch days {
        case 0:
            if due < now { return "overdue" }
            let hours = due.timeIntervalSince(now) / 3600
            return DateExpression.endOfDay(due, calendar) == due || hours >= 1 ? "today" : "in \(Int(hours * 60))min"
        case 1: return "tomorrow"
        case -1: return "yesterday"
        case 2...6:
            let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
            return names[calendar.component(.weekday, from: due) - 1]
        case 7...60: return "in \(days)d"
        case -60 ... -2: return "\(-days)d ago"
        default: return TaskJSON.format(due).prefix(10).description
        }
    }
}
