import Foundation

/// A cell position on screen.
public struct Point: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

/// A grid of cells the UI renders into; the backend draws the difference between two of them.
///
/// Writes are clipped to the buffer (and to an optional clip rectangle), wide clusters never
/// end up half-drawn, overwriting half of a wide cluster blanks the other half, and text that
/// could drive a terminal (controls, bidi overrides) is dropped even if it was not sanitized.
public struct ScreenBuffer: Hashable, Sendable {
    /// Columns.
    public private(set) var width: Int
    /// Rows.
    public private(set) var height: Int
    /// Row-major cells (`y * width + x`).
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown after drawing, or nil to hide it.
    public var cursor: Point?

    /// A buffer of the given size filled with blanks.
    public init(width: Int, height: Int, fill: Cell = .blank()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole buffer as a rectangle.
    public var bounds: Rect { Rect(width: width, height: height) }

    /// The cell at (x, y); a blank outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank() }
        return cells[y * width + x]
    }

    /// Fills every cell with a blank in `style`.
    public mutating func clear(_ style: Style = .normal) {
        let blank = Cell.blank(style)
        for i in cells.indices { cells[i] = blank }
        cursor = nil
    }

    /// Fills a rectangle with blanks in `style`, mending wide clusters cut by its edges.
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let blank = Cell.blank(style)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { place(blank, x: x, y: y) }
        }
    }

    /// Changes the style of the cells in a rectangle, keeping their text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Writes text on one row from (x, y), one cluster per cell (two for wide ones), stopping at
    /// the clip rectangle's right edge (a wide cluster that would straddle it becomes a blank).
    /// Newlines and other controls are not drawn. Returns the columns advanced.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = .normal,
                               clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        guard y >= area.y, y < area.maxY else { return 0 }
        var col = x
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // All ASCII: one byte is one cell, no grapheme breaking needed.
            for b in text.utf8 where b >= 0x20 && b < 0x7F {
                if col >= area.maxX { break }
                if col >= area.x { place(Cell(String(UnicodeScalar(b)), width: 1, style: style), x: col, y: y) }
                col += 1
            }
            return max(0, min(col, area.maxX) - x)
        }
        for ch in text {
            if col >= area.maxX { break }
            let w: Int
            if let a = ch.asciiValue {
                guard a >= 0x20 && a < 0x7F else { continue }
                w = 1
                if col >= area.x { place(Cell(String(ch), width: 1, style: style), x: col, y: y) }
            } else {
                guard Self.isDrawable(ch) else { continue }
                w = DisplayWidth.of(ch)
                if w == 0 { continue }
                if col >= area.x {
                    if col + w > area.maxX {
                        place(.blank(style), x: col, y: y)
                    } else {
                        place(Cell(String(ch), width: w, style: style), x: col, y: y)
                    }
                } else if col + w > area.x {
                    place(.blank(style), x: area.x, y: y)   // right half of a wide cluster cut by the left edge
                }
            }
            col += w
        }
        return max(0, min(col, area.maxX) - x)
    }

    /// Writes styled spans on one row; returns the columns advanced.
    @discardableResult
    public mutating func write(_ line: StyledLine, x: Int, y: Int, clip: Rect? = nil) -> Int {
        var col = x
        for span in line.spans { col += write(span.text, x: col, y: y, style: span.style, clip: clip) }
        return col - x
    }

    /// Puts one cell (lead of width 1 or 2) at (x, y), blanking halves of wide clusters it cuts.
    mutating func place(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let row = y * width
        let w = Int(cell.width)
        guard w > 0, x + w <= width else {
            if w > 0 { place(.blank(cell.style), x: x, y: y) }
            return
        }
        // A continuation being overwritten: its lead to the left loses its right half.
        if cells[row + x].isContinuation, x > 0 {
            cells[row + x - 1] = .blank(cells[row + x - 1].style)
        }
        // The last covered cell being a wide lead: its continuation loses its left half.
        let last = x + w - 1
        if cells[row + last].width == 2, last + 1 < width {
            cells[row + last + 1] = .blank(cells[row + last + 1].style)
        }
        cells[row + x] = cell
        if w == 2 { cells[row + x + 1] = .continuation(cell.style) }
    }

    /// Whether a non-ASCII cluster is safe to hand to a terminal.
    static func isDrawable(_ ch: Character) -> Bool {
        for s in ch.unicodeScalars {
            let v = s.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { return false }
            if Sanitizer.isBidiControl(v) || v == 0x2028 || v == 0x2029 { return false }
        }
        return true
    }

    /// Each row as text (continuations contribute nothing), trailing blanks kept.
    public var lines: [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width where !cells[y * width + x].isContinuation { s += cells[y * width + x].text }
            return s
        }
    }

    /// The rows as text with trailing blanks trimmed, joined by newlines (for tests and snapshots).
    public var text: String {
        lines.map { line in
            var l = Substring(line)
            while l.last == " " { l = l.dropLast() }
            return String(l)
        }.joined(separator: "\n")
    }
}
