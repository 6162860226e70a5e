import TermUI
/// Where each part of the screen goes for a terminal size and mode; shared by update and render
/// so scrolling in `update` agrees with what `render` draws.
struct Layout: Equatable {
    /// Below this the dashboard shows a "too small" notice instead.
    static let minWidth = 30
    static let minHeight = 8
    /// Below this width the panes stack instead of sitting side by side.
    static let sideBySideWidth = 64

    var tooSmall: Bool
    /// The queue pane (with its border); empty when hidden.
    var queue: Rect
    /// The help pane (with its border); empty when hidden.
    var help: Rect
    /// The area the reader and overlays use (both panes).
    var body: Rect
    /// The prompt line; empty outside prompt and confirm modes.
    var prompt: Rect
    /// The status bar (bottom row).
    var status: Rect

    init(width: Int, height: Int, mode: Mode, focus: Focus) {
        let w = max(0, width), h = max(0, height)
        tooSmall = mode == .capture ? w < 10 || h < 1 : w < Layout.minWidth || h < Layout.minHeight
        status = Rect(x: 0, y: max(0, h - 1), width: w, height: h > 0 ? 1 : 0)
        let promptRows = (mode.isPrompt || mode == .confirmDelete || mode == .whatHelped) ? 1 : 0
        prompt = Rect(x: 0, y: max(0, h - 1 - promptRows), width: w, height: promptRows)
        body = Rect(x: 0, y: 0, width: w, height: max(0, h - 1 - promptRows))
        if w >= Layout.sideBySideWidth {
            let qw = max(30, w * 9 / 20)
            queue = Rect(x: 0, y: 0, width: qw, height: body.height)
            help = Rect(x: qw, y: 0, width: w - qw, height: body.height)
        } else if body.height >= 14 {
            let qh = body.height / 2
            queue = Rect(x: 0, y: 0, width: w, height: qh)
            help = Rect(x: 0, y: qh, width: w, height: body.height - qh)
        } else if focus == .help && mode != .add {
            queue = Rect(x: 0, y: 0, width: 0, height: 0)
            help = body
        } else {
            queue = body
            help = Rect(x: 0, y: 0, width: 0, height: 0)
        }
    }

    /// Rows of the queue list inside its border.
    var queueRows: Int { max(0, queue.height - 2) }
    /// Lines of the help list inside its border.
    var helpLines: Int { max(0, help.height - 2) }
    /// The reader's text area (inside its border).
    var readerText: Rect { body.inset(by: 1) }
}
