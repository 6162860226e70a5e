import Foundation

/// Something that draws itself into a rectangle of a screen buffer.
public protocol Widget {
    /// Draws into `area` of `buffer`, never outside it.
    func render(in area: Rect, into buffer: inout ScreenBuffer)
}

extension ScreenBuffer {
    /// Draws a widget into an area.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(in: area, into: &self)
    }
}
