import TermUI
import Foundation

/// The bottom row: key hints from the binding records for the focused pane and mode (or a
/// message) on the left, counts on the right. An action that cannot be used now is hinted dim.
enum StatusView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: .statusBar)
        // The active context narrows the queue and the counts: say which (`counts`).
        let counts = state.mode == .capture ? StyledLine(state.context.map { "[\(Sanitizer.line($0.name))] " } ?? "", .statusBar)
            : self.counts(state, width: rect.width)
        let countsWidth = counts.width
        let room = rect.width - countsWidth - 1
        var line = StyledLine()
        if let m = state.message {
            line.append(" " + Sanitizer.line(m.text), m.isError ? Style.error.with(.bold) : .info)
        } else {
            // The keys hint is kept last whatever the width: it leads to everything else.
            let keysHint = state.keymap.label(for: .keys, in: state.mode).map { k -> StyledLine in
                StyledLine([Span(" " + k, Style.keyHint.with(.bold)), Span(" keys ", .statusBar)])
            }
            let showKeysHint = state.mode == .normal || state.mode == .reader
            let reserve = showKeysHint ? (keysHint?.width ?? 0) : 0
            for action in Binding.hinted(at: .of(state)) where action != .keys {
                guard let key = state.keymap.label(for: action, in: state.mode) else { continue }
                let usable = action.unavailable(in: state) == nil
                if !usable && Binding.hintedOnlyWhenUsable.contains(action) { continue }
                var hint = StyledLine()
                hint.append(" " + key, usable ? Style.keyHint.with(.bold) : Style.statusBar.with(.dim))
                hint.append(" " + action.hint + " ", usable ? .statusBar : Style.statusBar.with(.dim))
                if line.width + hint.width > room - reserve { break }
                line.spans += hint.spans
            }
            if showKeysHint, let keysHint, line.width + keysHint.width <= room { line.spans += keysHint.spans }
        }
        buffer.write(line.clipped(to: max(0, room)), x: rect.x, y: rect.y, clip: rect)
        if room > 0 { buffer.write(counts, x: rect.maxX - countsWidth, y: rect.y, clip: rect) }
    }
}
