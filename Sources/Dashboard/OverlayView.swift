import TermUI
import Foundation

/// The keys overlay (`?`), generated from the keymap.
enum OverlayView {
    /// The modes listed, in order.
    static let sections: [Mode] = [.normal, .reader, .filter, .add, .confirmDelete, .help, .ask, .answer, .couldHelp,
                                   .ledger, .whatHelped]

    /// All lines of the overlay with the binding each shows, if any (made once per keymap:
    /// scrolling redraws them at every key).
    static func lines(_ keymap: Keymap) -> [(line: StyledLine, entry: (mode: Mode, action: Action)?)] {
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
        var last: (keymap: Keymap, lines: [(line: StyledLine, entry: (mode: Mode, action: Action)?)])?
    }
    private static let made = Made()

    static func makeLines(_ keymap: Keymap) -> [(line: StyledLine, entry: (mode: Mode, action: Action)?)] {
        var out: [(line: StyledLine, entry: (mode: Mode, action: Action)?)] = []
        func append(_ line: StyledLine, _ entry: (Mode, Action)? = nil) { out.append((line, entry)) }
        for mode in sections {
            let entries = keymap.entries(in: mode)
            guard !entries.isEmpty else { continue }
            if !out.isEmpty { append("") }
            let title = mode == .add ? "Prompts (add, modify, annotate)" : mode.title
            append(StyledLine(title, Style.title.with(.bold)))
            for (action, seqs) in entries {
                let keys = seqs.map(\.label).joined(separator: " ")
                append(StyledLine([Span(TextLayout.pad(keys, to: 18), Style.keyHint.with(.bold)), Span(action.summary)]), (mode, action))
            }
        }
        append("")
        append(StyledLine("Queue glyphs", Style.title.with(.bold)))
        append(StyledLine("▶ active  ○ pending  ⏸ waiting  ● strong help waiting", .dim))
        append(StyledLine("◆ a new answer to your question  ? your question, waiting", .dim))
        append(StyledLine("Help glyphs", Style.title.with(.bold)))
        append(StyledLine("★ strong match  · weak match  ? unanswered question", .dim))
        append(StyledLine("Prompts take readline keys (Ctrl-a/e/w/u/k/y, Alt-b/f/d), ↑/↓ or", .dim))
        append(StyledLine("Ctrl-p/n for history, Tab to complete +tags and project:names.", .dim))
        return out
    }

    /// A line as drawn now, `width` wide: an action of the mode behind the overlay that cannot be
    /// used in this state is dim, and its reason replaces the end of the summary.
    static func current(_ line: StyledLine, _ entry: (mode: Mode, action: Action)?, behind: AppState, width: Int) -> StyledLine {
        guard let entry, entry.mode == behind.mode, let reason = entry.action.unavailable(in: behind),
              let keys = line.spans.first else { return line.clipped(to: width) }
        let tail = " — " + reason
        var dimmed = StyledLine(keys.text, .dim)
        dimmed.append(TextLayout.clip(entry.action.summary, to: max(1, width - keys.width - tail.displayWidth)), .dim)
        dimmed.append(tail, .dim)
        return dimmed.clipped(to: width)
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ body: Rect) {
        let all = lines(state.keymap)
        let width = min(body.width, max(40, min(76, all.map(\.line.width).max() ?? 40) + 4))
        let box = Rect(x: body.x + (body.width - width) / 2, y: body.y + 1, width: width, height: max(0, body.height - 2))
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        let text = box.inset(by: 1)
        let figure = all.count > text.height ? "\(min(all.count, state.overlayScroll + text.height))/\(all.count)" : ""
        buffer.render(Box(title: StyledLine("Keys"), count: figure, focused: true), in: box)
        var behind = state
        behind.mode = state.reader == nil ? .normal : .reader
        for (row, item) in all.dropFirst(state.overlayScroll).prefix(text.height).enumerated() {
            let line = current(item.line, item.entry, behind: behind, width: text.width - 1)
            buffer.write(line, x: text.x + 1, y: text.y + row, clip: text)
        }
    }
}
