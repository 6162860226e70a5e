import Foundation

/// A scrolling view of styled text, word-wrapped to its width.
public struct TextView: Widget {
    /// Lines already wrapped to the view's width (see `wrap(_:width:)`).
    public var lines: [StyledLine]
    /// Index of the first visible line (clamped when drawing).
    public var offset: Int

    /// A view of lines already wrapped to the width it will be drawn at.
    public init(wrapped lines: [StyledLine], offset: Int = 0) { self.lines = lines; self.offset = offset }

    /// A view of paragraphs, wrapped now to `width` columns.
    public init(paragraphs: [StyledLine], width: Int, offset: Int = 0) {
        self.init(wrapped: Self.wrap(paragraphs, width: width), offset: offset)
    }

    /// Word-wraps paragraphs to `width` columns (an empty paragraph stays an empty line).
    public static func wrap(_ paragraphs: [StyledLine], width: Int) -> [StyledLine] {
        paragraphs.flatMap { TextLayout.wrap($0, width: width) }
    }

    /// The largest useful offset for a view `height` rows tall.
    public func maxOffset(height: Int) -> Int { max(0, lines.count - max(0, height)) }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let r = area.intersection(buffer.bounds)
        guard !r.isEmpty else { return }
        buffer.fill(r)
        let first = min(max(0, offset), maxOffset(height: r.height))
        for i in 0..<r.height where first + i < lines.count {
            buffer.write(lines[first + i].clipped(to: r.width), x: r.x, y: r.y + i, clip: r)
        }
    }
}
