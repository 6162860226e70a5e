import Foundation

/// A rectangle of cells: origin at the top-left, sizes never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// A rectangle; negative sizes are clamped to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// A rectangle at the origin.
    public init(width: Int, height: Int) { self.init(x: 0, y: 0, width: width, height: height) }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One past the right-most column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// Whether it holds no cells.
    public var isEmpty: Bool { width == 0 || height == 0 }
    /// Number of cells.
    public var area: Int { width * height }

    /// Whether the cell (x, y) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }

    /// Shrunk by the given margins (never below zero size).
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = max(0, width - left - right), h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// Shrunk by the same margin on all sides.
    public func inset(by n: Int) -> Rect { inset(top: n, left: n, bottom: n, right: n) }

    /// A rectangle of at most the given size, centred inside this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The row `i` (relative to the top) as a one-line rectangle.
    public func row(_ i: Int) -> Rect { Rect(x: x, y: y + i, width: width, height: i < height && i >= 0 ? 1 : 0) }

    /// The top `n` rows.
    public func top(_ n: Int) -> Rect { Rect(x: x, y: y, width: width, height: min(n, height)) }
    /// The bottom `n` rows.
    public func bottom(_ n: Int) -> Rect { let k = min(max(0, n), height); return Rect(x: x, y: maxY - k, width: width, height: k) }
    /// The left `n` columns.
    public func left(_ n: Int) -> Rect { Rect(x: x, y: y, width: min(n, width), height: height) }
    /// The right `n` columns.
    public func right(_ n: Int) -> Rect { let k = min(max(0, n), width); return Rect(x: maxX - k, y: y, width: k, height: height) }

    public var description: String { "(\(x),\(y) \(width)x\(height))" }
}
