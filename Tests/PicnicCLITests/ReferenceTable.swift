import Foundation
import PicnicCore
@testable import picnic

/// `TaskTable.render` as it was before it wrote cells straight into one buffer (a String per
/// cell, a width per cell): the reference the tests hold the faster one to, byte for byte.
enum ReferenceTable {
    static let header = ["ID", "Age", "Project", "Tags", "Due", "P", "Urg", "Title"]

    static func render(_ tasks: [WorkTask], now: Date, width: Int?) -> [UInt8] {
        let n = tasks.count + 1
        // Cells by column; row 0 is the header.
        var cells = header.map { h -> [String] in
            var column = [h]
            column.reserveCapacity(n)
            return column
        }
        // Many tasks share a due date (day-sized dates all end at 23:59:59): say each once.
        var dueText: [Date: String] = [:]
        let today = TaskTable.localDay(now).day
        // A row from a borrowed task: copying each task value cost its reference counting.
        func addRow(_ t: WorkTask) {
            var due = ""
            if let d = t.due {
                if let known = dueText[d] { due = known } else {
                    due = TaskTable.relative(d, now: now, today: today)
                    dueText[d] = due
                }
            }
            cells[0].append(t.number.map { String($0) } ?? String(t.uuid.uuidString.lowercased().prefix(8)))
            cells[1].append(age(from: t.created, to: now))
            cells[2].append(t.project.map(Terminal.safe) ?? "")
            cells[3].append(t.tags.isEmpty ? "" : Terminal.safe(t.tags.count == 1 ? t.tags[0] : t.tags.joined(separator: " ")))
            cells[4].append(due)
            cells[5].append(t.priority?.rawValue ?? "")
            cells[6].append(oneDecimal(Urgency.score(t, now: now)))
            cells[7].append(marker(t) + Terminal.safe(t.title))
        }
        for i in tasks.indices { addRow(tasks[i]) }
        // Widths of every cell, then of the columns; project and tags are capped so the title keeps room.
        let cellWidths = cells.map { $0.map(Terminal.width(of:)) }
        var widths = cellWidths.map { $0.max() ?? 0 }
        widths[2] = min(widths[2], 16)
        widths[3] = min(widths[3], 20)
        let visible = (0..<header.count).filter { (c: Int) -> Bool in
            if c == 0 || c == 7 || widths[c] > cellWidths[c][0] { return true }
            return cells[c].dropFirst().contains { !$0.isEmpty }
        }
        let last = visible.last!
        // Too wide for the terminal: tags, then project, shrink to their headers before the title.
        if let width {
            var over = visible.map { widths[$0] }.reduce(0, +) + visible.count - 1 - width
            for c in [3, 2] where over > 0 && visible.contains(c) {
                let give = min(over, max(0, widths[c] - header[c].count))
                widths[c] -= give
                over -= give
            }
        }

        var out: [UInt8] = []
        out.reserveCapacity(n * (visible.reduce(0) { $0 + widths[$1] + 1 } + 8))
        var line: [UInt8] = []
        for r in 0..<n {
            line.removeAll(keepingCapacity: true)
            var ascii = true
            for c in visible {
                var cell = cells[c][r], w = cellWidths[c][r]
                if w > widths[c] {
                    cell = Terminal.truncate(cell, to: widths[c])
                    w = Terminal.width(of: cell)
                }
                let padding = c == last ? 0 : max(0, widths[c] - w)
                if c == 0 || c == 6 { line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding)) }
                let start = line.count
                line.append(contentsOf: cell.utf8)
                if ascii, line[start...].contains(where: { $0 >= 0x80 }) { ascii = false }
                if c != 0 && c != 6 { line.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding)) }
                if c != last { line.append(UInt8(ascii: " ")) }
            }
            if let width, !ascii || line.count > width {
                out.append(contentsOf: Terminal.truncate(String(decoding: line, as: UTF8.self), to: width).utf8)
            } else {
                out.append(contentsOf: line)
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// `12.3` without String(format:) or interpolation, which are slow in a 10,000-row loop.
    static func oneDecimal(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let whole = String(abs(tenths) / 10) + "." + String(abs(tenths) % 10)
        return tenths < 0 ? "-" + whole : whole
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

    /// `45s`, `12min`, `3h`, `2d`, `5w`, `4mo`, `2y`.
    static func age(from start: Date, to now: Date) -> String {
        let s = max(0, now.timeIntervalSince(start))
        switch s {
        case ..<60: return String(Int(s)) + "s"
        case ..<3600: return String(Int(s / 60)) + "min"
        case ..<86400: return String(Int(s / 3600)) + "h"
        case ..<(14 * 86400): return String(Int(s / 86400)) + "d"
        case ..<(60 * 86400): return String(Int(s / (7 * 86400))) + "w"
        case ..<(365 * 86400): return String(Int(s / (30 * 86400))) + "mo"
        default: return String(Int(s / (365 * 86400))) + "y"
        }
    }
}
