import Foundation

/// A centred bordered box drawn over whatever is below it (help overlay, confirmations, prompts).
public struct Modal {
    /// The box's outer rectangle: the wanted size, shrunk to fit `screen` with a one-cell margin.
    public static func frame(in screen: Rect, width: Int, height: Int) -> Rect {
        let margin = screen.inset(by: 1)
        return screen.centered(width: min(width, margin.width), height: min(height, margin.height))
    }

    /// Clears and frames a centred box over `screen`; returns the area inside the border.
    @discardableResult
    public static func render(in screen: Rect, width: Int, height: Int, title: StyledLine,
                              count: String = "", into buffer: inout ScreenBuffer) -> Rect {
        let outer = frame(in: screen, width: width, height: height)
        buffer.fill(outer)
        buffer.render(Box(title: title, count: count, focused: true), in: outer)
        return Box.inner(outer)
    }
}
