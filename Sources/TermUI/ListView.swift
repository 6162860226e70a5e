import Foundation

/// One row of a list: text on the left (clipped with an ellipsis) and text aligned right.
public struct ListItem: Hashable, Sendable {
    public var left: StyledLine
    public var right: StyledLine
    public init(_ left: StyledLine, right: StyledLine = StyledLine()) { self.left = left; self.right = right }
}

/// A scrolling list with one selected row drawn on the selection background across its width.
/// Rows are produced on demand, so a list of 100k items costs only its visible rows.
public struct ListView: Widget {
    public var count: Int
    public var selected: Int?
    /// Index of the first visible row.
    public var offset: Int
    public var row: (Int) -> ListItem
    /// Shown when the list is empty.
    public var emptyText: StyledLine

    /// A list of `count` rows made by `row`, with a selection and a scroll offset.
    public init(count: Int, selected: Int?, offset: Int, emptyText: StyledLine = StyledLine(),
                row: @escaping (Int) -> ListItem) {
        self.count = count; self.selected = selected; self.offset = offset; self.row = row; self.emptyText = emptyText
    }

    /// A list of ready-made rows.
    public init(items: [ListItem], selected: Int?, offset: Int, emptyText: StyledLine = StyledLine()) {
        self.init(count: items.count, selected: selected, offset: offset, emptyText: emptyText) { items[$0] }
    }

    /// The scroll offset that keeps `selected` visible in `visible` rows, moving as little as
    /// possible from `offset` and keeping `margin` rows of context when it can.
    public static func scrollOffset(selected: Int?, offset: Int, visible: Int, count: Int, margin: Int = 0) -> Int {
        guard visible > 0, count > visible else { return 0 }
        var o = min(max(0, offset), count - visible)
        guard let s = selected.map({ min(max(0, $0), count - 1) }) else { return o }
        let m = min(margin, (visible - 1) / 2)
        if s < o + m { o = s - m }
        if s > o + visible - 1 - m { o = s - visible + 1 + m }
        return min(max(0, o), count - visible)
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let r = area.intersection(buffer.bounds)
        guard !r.isEmpty else { return }
        buffer.fill(r)
        if count == 0 {
            buffer.write(emptyText.clipped(to: r.width), x: r.x, y: r.y, clip: r)
            return
        }
        let first = Self.scrollOffset(selected: selected, offset: offset, visible: r.height, count: count)
        for i in 0..<r.height {
            let index = first + i
            guard index < count else { break }
            let item = row(index)
            let y = r.y + i
            let isSelected = index == selected
            let rightWidth = min(item.right.width, max(0, r.width - 2))
            let gap = rightWidth > 0 ? 1 : 0
            let left = item.left.clipped(to: r.width - rightWidth - gap)
            buffer.write(isSelected ? left.map { $0.selected() } : left, x: r.x, y: y, clip: r)
            if rightWidth > 0 {
                let right = item.right.clipped(to: rightWidth)
                buffer.write(isSelected ? right.map { $0.selected() } : right, x: r.maxX - right.width, y: y, clip: r)
            }
            if isSelected { buffer.restyle(r.row(i)) { $0.selected() } }
        }
    }
}
