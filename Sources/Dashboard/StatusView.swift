import TermUI
import Foundation

/// The bottom row: key hints from the keymap (or a message) on the left, counts on the right.
enum StatusView {
    /// The actions hinted in each mode, in order.
    static func hinted(_ mode: Mode, focus: Focus) -> [Action] {
        switch mode {
        case .normal:
            focus == .help
                ? [.open, .helpful, .notForThis, .ask, .openLink, .copy, .nextPane]
                : [.add, .done, .startStop, .filter, .open, .helpful, .notForThis]
        case .filter: [.submit, .cancel]
        case .add, .modify, .annotate: [.submit, .cancel]
        case .confirmDelete: [.confirm, .cancel]
        case .reader: [.back, .moveDown, .openLink, .copy, .helpful, .notForThis]
        case .help: [.back]
        }
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, style: .statusBar)
        var counts = "\(state.dueTodayCount) due · \(state.strongHelpCount) help\(state.strongHelpCount == 1 ? "" : "s") "
        if rect.width < 40 { counts = "\(state.dueTodayCount)d·\(state.strongHelpCount)h " }
        let countsWidth = counts.displayWidth
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
            for action in hinted(state.mode, focus: state.focus) where action != .keys {
                guard let key = state.keymap.label(for: action, in: state.mode) else { continue }
                var hint = StyledLine()
                hint.append(" " + key, Style.keyHint.with(.bold))
                hint.append(" " + action.hint + " ", .statusBar)
                if line.width + hint.width > room - reserve { break }
                line.spans += hint.spans
            }
            if showKeysHint, let keysHint, line.width + keysHint.width <= room { line.spans += keysHint.spans }
        }
        buffer.write(line.clipped(to: max(0, room)), x: rect.x, y: rect.y, clip: rect)
        if room > 0 { buffer.write(counts, x: rect.maxX - countsWidth, y: rect.y, style: .statusBar, clip: rect) }
    }
}
