import Foundation

/// One terminal cell: a grapheme cluster with its display width and style.
///
/// A double-width cluster occupies its cell (width 2) and the cell to its right, which holds a
/// continuation (width 0, empty text). A buffer never holds half of a wide cluster.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown here ("" for a continuation).
    public var text: String
    /// Columns taken: 1 or 2 for a lead cell, 0 for the continuation of a wide cluster.
    public var width: UInt8
    /// How it looks.
    public var style: Style

    /// A cell holding `text` (one grapheme cluster) with the given width and style.
    public init(_ text: String, width: Int = 1, style: Style = .normal) {
        self.text = text
        self.width = UInt8(clamping: width)
        self.style = style
    }

    /// A blank cell in a style.
    public static func blank(_ style: Style = .normal) -> Cell { Cell(" ", width: 1, style: style) }

    /// The right half of a wide cluster.
    public static func continuation(_ style: Style = .normal) -> Cell { Cell("", width: 0, style: style) }

    /// Whether this is the right half of a wide cluster.
    public var isContinuation: Bool { width == 0 }
}
