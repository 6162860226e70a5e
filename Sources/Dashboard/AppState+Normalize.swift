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
        let questions = help.task.flatMap { questionsByTask[$0] } ?? []
        if questions != help.questions {
            // Keep the cursor on the same match when a question appears or goes.
            help.cursor = max(0, help.cursor + questions.count - help.questions.count)
            help.questions = questions
        }
        if help.count > 0 { help.cursor = min(max(0, help.cursor), help.count - 1) } else { help.cursor = 0 }
        let perMatch = HelpView.linesPerMatch
        let shown = max(1, (layout.helpLines - HelpView.headerLines(self)) / perMatch)
        let matchCursor = help.cursor - help.questions.count
        if matchCursor >= 0 {
            if matchCursor < help.scroll { help.scroll = matchCursor }
            if matchCursor >= help.scroll + shown { help.scroll = matchCursor - shown + 1 }
        }
        help.scroll = max(0, min(help.scroll, help.matches.count - shown))
        if mode == .couldHelp {
            let rows = max(1, (layout.body.height - 2) / perMatch)
            couldHelp.cursor = min(max(0, couldHelp.cursor), max(0, couldHelp.matches.count - 1))
            if couldHelp.cursor < couldHelp.scroll { couldHelp.scroll = couldHelp.cursor }
            if couldHelp.cursor >= couldHelp.scroll + rows { couldHelp.scroll = couldHelp.cursor - rows + 1 }
            couldHelp.scroll = max(0, min(couldHelp.scroll, couldHelp.matches.count - rows))
        }
        if reader != nil {
            if reader!.wrapWidth != layout.readerText.width {
                let laid = ReaderView.layout(self, width: layout.readerText.width)
                reader!.wrapped = laid.lines
                reader!.answerStarts = laid.answerStarts
                reader!.wrapWidth = layout.readerText.width
            }
            let page = ReaderView.textHeight(self, layout)
            if reader!.revealAnswer, reader!.root != nil, let id = reader!.selectedAnswer, let start = reader!.answerStarts[id] {
                reader!.scroll = start
                reader!.revealAnswer = false
            }
            let lines = reader!.wrapped.count
            reader!.scroll = max(0, min(reader!.scroll, lines - max(1, page - 1)))
        }
        if mode == .help {
            let overlayLines = OverlayView.lines(keymap).count
            overlayScroll = max(0, min(overlayScroll, overlayLines - max(1, layout.body.height - 4)))
        }
        if mode != .confirmDelete { deleteTarget = nil }
    }
}
