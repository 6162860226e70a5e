import TermUI
import Foundation

/// The prompt row for filter, add, modify and annotate, and the delete question.
enum PromptView {
    static func label(_ mode: Mode) -> String {
        switch mode {
        case .filter: "/"
        case .add: "Add ›"
        case .modify: "Modify ›"
        case .annotate: "Annotate ›"
        case .capture: "＋"
        default: ""
        }
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: .input)
        if state.mode == .confirmDelete {
            // The keys are in the status bar below (y yes, Esc cancel): the question says them no more.
            let task = state.rows.first { $0.uuid == state.deleteTarget }
            let number = task?.number.map { "\($0) " } ?? ""
            let title = task.map { Sanitizer.line($0.title) } ?? "this task"
            let room = max(0, rect.width - 12 - number.count)
            buffer.write(StyledLine([Span(" Delete \(number)“", Style.warning.with(.bold)),
                                     Span(TextLayout.clip(title, to: room), .warning),
                                     Span("”?", Style.warning.with(.bold))]), x: rect.x, y: rect.y, clip: rect)
            return
        }
        guard let prompt = state.prompt else { return }
        let head = " " + label(state.mode) + " "
        let headWidth = head.displayWidth
        buffer.write(head, x: rect.x, y: rect.y, style: Style.accent.with(.bold), clip: rect)
        let room = max(1, rect.width - headWidth - 1)
        // Scroll the text so the cursor stays visible.
        let chars = Array(Sanitizer.line(prompt.text))
        let cursor = min(prompt.cursor, chars.count)
        var start = 0
        while String(chars[start..<cursor]).displayWidth >= room { start += 1 }
        let visible = TextLayout.prefix(String(chars[start...]), width: room)
        buffer.write(visible, x: rect.x + headWidth, y: rect.y, style: .input, clip: rect)
        let cx = rect.x + headWidth + String(chars[start..<cursor]).displayWidth
        buffer.cursor = Point(x: min(cx, rect.maxX - 1), y: rect.y)
        let x = rect.x + headWidth + visible.displayWidth + 1
        if !prompt.completions.isEmpty {
            // The Tab cycle: every candidate, the one shown in bold.
            var line = StyledLine(" ⇥", .dim)
            for (i, c) in prompt.completions.enumerated() {
                line.append(" " + Sanitizer.line(c), i == prompt.editor.completion?.index ? Style.accent.with(.bold) : .dim)
            }
            if x + 4 < rect.maxX { buffer.write(line.clipped(to: rect.maxX - x), x: x, y: rect.y, clip: rect) }
        } else if state.mode == .filter, let error = state.filterError {
            let note = " ⚠ " + Sanitizer.line(error)
            if x + 4 < rect.maxX { buffer.write(note, x: x, y: rect.y, style: .warning, clip: rect) }
        }
    }
}
