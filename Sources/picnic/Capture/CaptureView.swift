import Foundation
import PicnicCore
import TermUI

/// Draws the capture popup: the quick-add line, its live parse preview and the posts that may
/// already answer it. Pure: the same state and size always give the same buffer.
struct CaptureView {
    var editor: LineEditor
    var preview: Result<TaskModification, QuickAddError>?
    var matches: [ThreadMatch]
    var now: Date

    func render(width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        guard width > 4, height > 0 else { return buffer }
        let field = InputField(prompt: StyledLine("＋ ", .accent), text: editor.text, cursor: editor.cursor,
                               placeholder: "Fix CI +ci project:infra due:fri pri:H")
        field.render(in: Rect(x: 0, y: 0, width: width, height: 1), into: &buffer)
        var y = 1
        if let c = editor.completion, y < height {
            let list = c.candidates.enumerated().map { $0.offset == c.index ? "[\($0.element)]" : $0.element }
            _ = buffer.write(TextLayout.clip(Sanitizer.line(list.joined(separator: " ")), to: width), x: 0, y: y, style: .dim)
            y += 1
        }
        if y < height, let preview {
            switch preview {
            case .success(let m):
                _ = buffer.write(describe(m).clipped(to: width), x: 0, y: y)
            case .failure(let e):
                _ = buffer.write(TextLayout.clip(Sanitizer.line("⚠ " + e.description), to: width), x: 0, y: y, style: .init(.warning))
            }
            y += 1
        }
        if y < height, !matches.isEmpty {
            _ = buffer.write("already answered?", x: 0, y: y, style: .dim)
            y += 1
            for m in matches.prefix(3) where y < height {
                let mark = m.strong ? "★ " : "· "
                let line = mark + Sanitizer.line(m.post.title) + String(format: "  %.2f", m.confidence)
                _ = buffer.write(TextLayout.clip(line, to: width), x: 0, y: y, style: m.strong ? .strong : .normal)
                y += 1
            }
        }
        if height >= 4 {
            _ = buffer.write(TextLayout.clip("⏎ save  Esc cancel  Tab complete  ↑↓ history", to: width),
                             x: 0, y: height - 1, style: .keyHint)
        }
        return buffer
    }

    private func describe(_ m: TaskModification) -> StyledLine {
        var line = StyledLine(Sanitizer.line(m.title), .title)
        if case .set(let p) = m.project { line.append("  project:" + Sanitizer.line(p), .project) }
        for t in m.addTags { line.append("  +" + Sanitizer.line(t), .tag) }
        if case .set(let d) = m.due { line.append("  due " + Self.dateText(d, now: now), d < now ? .overdue : .due) }
        if case .set(let p) = m.priority { line.append("  pri:" + p.rawValue, p == .H ? .priorityHigh : p == .M ? .priorityMedium : .priorityLow) }
        if case .set(let w) = m.wait { line.append("  wait " + Self.dateText(w, now: now), .dim) }
        return line
    }

    /// `2026-12-04 Fri (in 3 days)`.
    static func dateText(_ date: Date, now: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd EEE HH:mm"
        let cal = Calendar.current
        let days = cal.dateComponents([.day], from: cal.startOfDay(for: now), to: cal.startOfDay(for: date)).day ?? 0
        let relative = days == 0 ? "today" : days == 1 ? "tomorrow" : days == -1 ? "yesterday"
            : days > 0 ? "in \(days) days" : "\(-days) days ago"
        return "\(f.string(from: date)) (\(relative))"
    }
}
