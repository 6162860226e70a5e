import Foundation

/// A bordered box with a title on the left of the top edge and a count on the right:
/// `┌ Queue ──────── 7 ┐` (the dashboard's panes). The count goes first when room is short
/// (it needs four columns of edge to spare), then the title, clipped with an ellipsis, keeping at
/// least one dash before the count. Unstyled parts of the title are drawn as `.title`, bold when
/// the box is focused.
public struct Box: Widget {
    public var title: StyledLine
    public var count: String
    public var focused: Bool

    /// A box; `count` is shown right-aligned on the top edge when not empty.
    public init(title: StyledLine = StyledLine(), count: String = "", focused: Bool = false) {
        self.title = title; self.count = count; self.focused = focused
    }

    /// The area inside the border.
    public static func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let r = area.intersection(buffer.bounds)
        guard r.width >= 2, r.height >= 2 else { return }
        let border = focused ? Style.borderFocused : Style.border
        let horizontal = String(repeating: "─", count: r.width - 2)
        buffer.write("┌" + horizontal + "┐", x: r.x, y: r.y, style: border, clip: r)
        buffer.write("└" + horizontal + "┘", x: r.x, y: r.maxY - 1, style: border, clip: r)
        for y in (r.y + 1)..<(r.maxY - 1) {
            buffer.write("│", x: r.x, y: y, style: border, clip: r)
            buffer.write("│", x: r.maxX - 1, y: y, style: border, clip: r)
        }
        let room = r.width - 4              // the corners and a space inside each
        guard room > 0 else { return }
        let countText = count.isEmpty ? "" : " \(Sanitizer.line(count)) "
        let countWidth = countText.displayWidth <= room - 4 ? countText.displayWidth : 0
        if countWidth > 0 { buffer.write(countText, x: r.maxX - 1 - countWidth, y: r.y, style: border, clip: r) }
        let titleRoom = room - countWidth - (countWidth > 0 ? 1 : 0)
        guard titleRoom > 2, title.width > 0 else { return }
        let titleStyle = focused ? Style.title.with(.bold) : Style.title
        let text = StyledLine(title.spans.map { Span(Sanitizer.line($0.text), $0.style.role == .normal ? titleStyle : $0.style) })
        let padded = StyledLine([Span(" ", titleStyle)] + text.clipped(to: titleRoom - 2).spans + [Span(" ", titleStyle)])
        buffer.write(padded, x: r.x + 1, y: r.y, clip: r)
    }
}
