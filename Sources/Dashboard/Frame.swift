import TermUI

/// A pane's frame: TermUI's `Box` under the name the community views call (their owners switch
/// them to `Box` directly).
enum Frame {
    static func draw(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String, figure: String = "", focused: Bool) {
        buffer.render(Box(title: StyledLine(title), count: figure, focused: focused), in: rect)
    }
}
