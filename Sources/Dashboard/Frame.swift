import TermUI
/// Draws a bordered box with a title on the left and a figure on the right of its top edge.
enum Frame {
    static func draw(_ buffer: inout ScreenBuffer, _ rect: Rect, title: String, figure: String = "", focused: Bool) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let style: Style = focused ? .borderFocused : .border
        let x0 = rect.x, x1 = rect.maxX - 1, y0 = rect.y, y1 = rect.maxY - 1
        let horizontal = String(repeating: "─", count: rect.width - 2)
        buffer.write("┌" + horizontal + "┐", x: x0, y: y0, style: style)
        buffer.write("└" + horizontal + "┘", x: x0, y: y1, style: style)
        for y in (y0 + 1)..<y1 {
            buffer.write("│", x: x0, y: y, style: style)
            buffer.write("│", x: x1, y: y, style: style)
        }
        let room = rect.width - 4
        guard room > 0 else { return }
        let fig = figure.isEmpty ? "" : " \(figure) "
        let figWidth = fig.displayWidth <= room - 4 ? fig.displayWidth : 0
        if figWidth > 0 { buffer.write(fig, x: x1 - figWidth, y: y0, style: style) }
        let titleRoom = room - figWidth - (figWidth > 0 ? 1 : 0)
        if titleRoom > 2 {
            let t = " " + TextLayout.clip(title, to: titleRoom - 2) + " "
            buffer.write(t, x: x0 + 1, y: y0, style: focused ? Style.title.with(.bold) : .title)
        }
    }
}
