import TermUI
import Foundation
import PicnicCore

/// The pane beside the queue while adding or modifying: the parsed reading of the line and, when
/// adding, the threads that already answer what is being typed.
enum DraftView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard !rect.isEmpty else { return }
        let title = state.mode == .add ? "New task"
            : "Modify “\(Sanitizer.line(state.selectedTask?.title ?? ""))”"
        buffer.render(Box(title: StyledLine(title), count: "", focused: true), in: rect)
        drawBody(&buffer, state, rect.inset(by: 1))
    }

    /// The reading of the line and the threads that may answer it (also the capture popup's body).
    static func drawBody(_ buffer: inout ScreenBuffer, _ state: AppState, _ inner: Rect) {
        guard !inner.isEmpty else { return }
        let adding = state.mode != .modify
        var y = inner.y
        func put(_ line: StyledLine) {
            guard y < inner.maxY else { return }
            buffer.write(line.clipped(to: inner.width), x: inner.x, y: y, clip: inner)
            y += 1
        }
        if let preview = state.promptPreview {
            let style: Style = preview.hasPrefix("⚠") ? .warning : .info
            // Every wrapped line keeps the one-column left padding of the first.
            for l in TextLayout.wrap(Sanitizer.line(preview), width: max(1, inner.width - 1)) { put(StyledLine(" " + l, style)) }
        } else {
            put(StyledLine(adding ? " Title, then +tag project:name due:fri pri:H" : " e.g. pri:H +tag -oldtag due:mon project:", .dim))
        }
        guard adding else { return }
        put("")
        guard !state.draftMatches.isEmpty else {
            if (state.prompt?.text.count ?? 0) >= 3 { put(StyledLine(" No thread answers this yet.", .dim)) }
            return
        }
        put(StyledLine(" Already answered?", Style.title.with(.bold)))
        for m in state.draftMatches {
            for line in HelpView.lines(m, width: inner.width, state: state, selected: false).prefix(2) { put(line) }
        }
    }
}
