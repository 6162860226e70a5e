import Foundation

/// A horizontal run of cells to draw at (x, y); `cells` cover columns `x ..< x + cells.count`,
/// never start on the right half of a wide cluster and never end on its left half.
public struct Run: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
    public init(x: Int, y: Int, cells: [Cell]) { self.x = x; self.y = y; self.cells = cells }
    /// The run's text (for tests and debugging).
    public var text: String { cells.map(\.text).joined() }
}

extension ScreenBuffer {
    /// The runs that turn `old` into `new`: only changed cells (widened to whole wide clusters),
    /// with runs on a row merged when at most `mergeGap` unchanged cells lie between them
    /// (rewriting a few cells is cheaper than moving the cursor). Everything when the sizes differ.
    public static func diff(_ old: ScreenBuffer?, _ new: ScreenBuffer, mergeGap: Int = 0) -> [Run] {
        var runs: [Run] = []
        let w = new.width
        guard let old, old.width == new.width, old.height == new.height else {
            for y in 0..<new.height where w > 0 {
                runs.append(Run(x: 0, y: y, cells: Array(new.cells[(y * w)..<(y * w + w)])))
            }
            return runs
        }
        for y in 0..<new.height {
            let row = y * w
            var x = 0
            var start = -1, end = -1   // current run [start, end)
            while x < w {
                if old.cells[row + x] == new.cells[row + x] { x += 1; continue }
                var s = x, e = x + 1
                if new.cells[row + s].isContinuation && s > 0 { s -= 1 }
                if new.cells[row + s].width == 2 { e = max(e, s + 2) }
                if new.cells[row + e - 1].width == 2 && e < w { e += 1 }
                if start >= 0 && s - end <= mergeGap {
                    end = max(end, e)
                } else {
                    if start >= 0 { runs.append(Run(x: start, y: y, cells: Array(new.cells[(row + start)..<(row + end)]))) }
                    start = s; end = e
                }
                x = e
            }
            if start >= 0 { runs.append(Run(x: start, y: y, cells: Array(new.cells[(row + start)..<(row + end)]))) }
        }
        return runs
    }
}
