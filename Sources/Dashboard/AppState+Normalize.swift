import TermUI
extension AppState {
    /// Keeps scroll offsets and cursors inside their lists after any change, and the selected
    /// row on screen.
    mutating func normalize() {
        let layout = Layout(width: width, height: height, mode: mode, focus: focus)
        let visible = max(1, layout.queueRows)
        if let i = selectedIndex {
            selectedRowHint = i
            if i < queueScroll { queueScroll = i }
            if i >= queueScroll + visible { queueScroll = i - visible + 1 }
        }
        queueScroll = max(0, min(queueScroll, rows.count - visible))
        if !help.matches.isEmpty { help.cursor = min(max(0, help.cursor), help.matches.count - 1) } else { help.cursor = 0 }
        let perMatch = HelpView.linesPerMatch
        let shown = max(1, (layout.helpLines - HelpView.headerLines(self)) / perMatch)
        if help.cursor < help.scroll { help.scroll = help.cursor }
        if help.cursor >= help.scroll + shown { help.scroll = help.cursor - shown + 1 }
        help.scroll = max(0, min(help.scroll, help.matches.count - shown))
        if reader != nil {
            if reader!.wrapWidth != layout.readerText.width {
                reader!.wrapped = ReaderView.lines(self, width: layout.readerText.width)
                reader!.wrapWidth = layout.readerText.width
            }
            let lines = reader!.wrapped.count
            reader!.scroll = max(0, min(reader!.scroll, lines - max(1, layout.readerText.height - 1)))
        }
        if mode == .help {
            let overlayLines = OverlayView.lines(keymap).count
            overlayScroll = max(0, min(overlayScroll, overlayLines - max(1, layout.body.height - 4)))
        }
        if mode != .confirmDelete { deleteTarget = nil }
    }
}
