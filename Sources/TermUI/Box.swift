import Foundation

/// A bordered box with a title on the left of the top edge and a count on the right:
/// `┌ Queue ──────── 7 ┐`. The title is clipped with an ellipsis; the count goes first.
public struct Box: Widget {
    public var title: StyledLine
    public var count: String
    public var focused: Bool
    /// Fill the inside with blanks before drawing the border.
    public var clearsInside: Bool

    /// A box; `count` is shown right-aligned on the top edge when not empty.
    public init(title: StyledLine = StyledLine(), count: String = "", focused: Bool = false, clearsInside: Bool = true) {
        self.title = title; self.count = count; self.focused = focused; self.clearsInside = clearsInside
    }

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let r = area.intersection(buffer.bounds)
        guard r.width >= 2, r.height >= 2 else { return }
        let border = focused ? Style.borderFocused : Style.border
        if clearsInside { buffer.fill(Self.inner(r)) }
        let horizontal = String(repeating: "─", count: r.width - 2)
        buffer.write("┌" + horizontal + "┐", x: r.x, y: r.y, style: border, clip: r)
        buffer.write("└" + horizontal + "┘", x: r.x, y: r.maxY - 1, style: border, clip: r)
        for y in (r.y + 1)..<(r.maxY - 1) {
            buffer.write("│", x: r.x, y: y, style: border, clip: r)
            buffer.write("│", x: r.maxX - 1, y: y, style: border, clip: r)
        }
        // Top edge: "┌ " title " " ─── " " count " ┐"
        var room = r.width - 4            // corners and the spaces around the title
        var countText = Sanitizer.line(count)
        if countText.displayWidth + 3 > room { countText = "" }
        if !countText.isEmpty {
            let cw = countText.displayWidth
            buffer.write(" " + countText + " ", x: r.maxX - 3 - cw, y: r.y, style: border, clip: r)
            room -= cw + 3                  // the count, its spaces, one dash before it
        }
        if title.width > 0 && room >= 1 {
            let t = StyledLine(title.spans.map { Span(Sanitizer.line($0.text), $0.style) }).clipped(to: room)
            buffer.write(" ", x: r.x + 1, y: r.y, style: border, clip: r)
            let w = buffer.write(t, x: r.x + 2, y: r.y, clip: r)
            buffer.write(" ", x: r.x + 2 + w, y: r.y, style: border, clip: r)
        }
    }
}
