import TermUI
import Foundation

/// The keys overlay (`?`), generated from the keymap.
enum OverlayView {
    /// The modes listed, in order.
    static let sections: [Mode] = [.normal, .reader, .filter, .add, .confirmDelete, .help]

    /// All lines of the overlay (made once per keymap: scrolling redraws them at every key).
    static func lines(_ keymap: Keymap) -> [StyledLine] {
        made.lock.lock()
        defer { made.lock.unlock() }
        if let last = made.last, last.keymap == keymap { return last.lines }
        let out = makeLines(keymap)
        made.last = (keymap, out)
        return out
    }

    /// The lines of the last keymap drawn.
    private final class Made: @unchecked Sendable {
        let lock = NSLock()
        var last: (keymap: Keymap, lines: [StyledLine])?
    }
    private static let made = Made()

    static func makeLines(_ keymap: Keymap) -> [StyledLine] {
        var out: [StyledLine] = []
        for mode in sections {
            let entries = keymap.entries(in: mode)
            guard !entries.isEmpty else { continue }
            if !out.isEmpty { out.append("") }
            let title = mode == .add ? "Prompts (add, modify, annotate)" : mode.title
            out.append(StyledLine(title, Style.title.with(.bold)))
            for (action, seqs) in entries {
                let keys = seqs.map(\.label).joined(separator: " ")
                out.append(StyledLine([Span(TextLayout.pad(keys, to: 18), Style.keyHint.with(.bold)), Span(action.summary)]))
            }
        }
        out.append("")
        out.append(StyledLine("Queue glyphs", Style.title.with(.bold)))
        out.append(StyledLine("▶ active  ○ pending  ⏸ waiting  ● strong help waiting", .dim))
        out.append(StyledLine("Help glyphs", Style.title.with(.bold)))
        out.append(StyledLine("★ strong match  · weak match  ? unanswered question", .dim))
        out.append(StyledLine("Prompts take readline keys (Ctrl-a/e/w/u/k/y, Alt-b/f/d), ↑/↓ or", .dim))
        out.append(StyledLine("Ctrl-p/n for history, Tab to complete +tags and project:names.", .dim))
        return out
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ body: Rect) {
        let all = lines(state.keymap)
        let width = min(body.width, max(40, min(76, all.map(\.width).max() ?? 40) + 4))
        let box = Rect(x: body.x + (body.width - width) / 2, y: body.y + 1, width: width, height: max(0, body.height - 2))
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        let text = box.inset(by: 1)
        let figure = all.count > text.height ? "\(min(all.count, state.overlayScroll + text.height))/\(all.count)" : ""
        Frame.draw(&buffer, box, title: "Keys", figure: figure, focused: true)
        for (row, line) in all.dropFirst(state.overlayScroll).prefix(text.height).enumerated() {
            buffer.write(line.clipped(to: text.width - 1), x: text.x + 1, y: text.y + row, clip: text)
        }
    }
}
