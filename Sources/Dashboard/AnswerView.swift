import TermUI
import Foundation

/// The answer being typed, in a box under the thread it answers.
enum AnswerView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard let draft = state.answerDraft, rect.height >= 3 else { return }
        buffer.fill(rect)
        let send = state.keymap.label(for: .send, in: .answer) ?? "send"
        let title = state.community.joined ? "Your answer (sent with \(send), not before)" : "Your answer"
        Frame.draw(&buffer, rect, title: title, figure: "\(draft.lines.count) line\(draft.lines.count == 1 ? "" : "s")", focused: true)
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        let wrapped = draft.wrapped(width: max(1, inner.width - 1))
        let first = max(0, wrapped.cursor.y - inner.height + 1)
        for (i, row) in wrapped.rows.dropFirst(first).prefix(inner.height).enumerated() {
            buffer.write(StyledLine(" " + Sanitizer.line(row), .input), x: inner.x, y: inner.y + i, clip: inner)
        }
        if draft.isBlank {
            let hint = " Type the answer; Enter starts a new line, \(send) sends it, Esc keeps it for later."
            buffer.write(StyledLine(hint, .dim).clipped(to: inner.width), x: inner.x, y: inner.y, clip: inner)
        }
        buffer.cursor = Point(x: inner.x + 1 + wrapped.cursor.x, y: inner.y + wrapped.cursor.y - first)
    }
}
