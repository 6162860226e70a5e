import Foundation

/// How much room one part of a split asks for.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells (less if there is not enough room).
    case fixed(Int)
    /// A share of what is left after fixed parts, in proportion to `weight`, at least `min` cells.
    case ratio(Double, min: Int = 0)
    /// A percentage of the whole, at least `min` cells.
    case percent(Int, min: Int = 0)
    /// Like `.ratio(1)`: takes what is left.
    public static let fill = Constraint.ratio(1)
}

extension Rect {
    /// Splits into columns left to right (a horizontal split), with `gap` cells between parts.
    public func columns(_ parts: [Constraint], gap: Int = 0) -> [Rect] {
        Self.sizes(parts, total: width, gap: gap).map { Rect(x: x + $0.offset, y: y, width: $0.size, height: height) }
    }

    /// Splits into rows top to bottom (a vertical split), with `gap` cells between parts.
    public func rows(_ parts: [Constraint], gap: Int = 0) -> [Rect] {
        Self.sizes(parts, total: height, gap: gap).map { Rect(x: x, y: y + $0.offset, width: width, height: $0.size) }
    }

    /// Sizes and offsets along one axis; sizes always add up to at most `total`, and minimums
    /// are honoured first when there is room, shrinking flexible parts before fixed ones.
    static func sizes(_ parts: [Constraint], total: Int, gap: Int) -> [(offset: Int, size: Int)] {
        guard !parts.isEmpty else { return [] }
        let available = max(0, total - max(0, gap) * (parts.count - 1))
        var size = [Int](repeating: 0, count: parts.count)
        var minimum = [Int](repeating: 0, count: parts.count)
        var weights = [Double](repeating: 0, count: parts.count)
        var used = 0
        for (i, p) in parts.enumerated() {
            switch p {
            case .fixed(let n): size[i] = max(0, n); minimum[i] = size[i]; used += size[i]
            case .percent(let pc, let m):
                size[i] = max(max(0, m), available * max(0, pc) / 100); minimum[i] = max(0, m); used += size[i]
            case .ratio(let w, let m): weights[i] = max(0, w); minimum[i] = max(0, m)
            }
        }
        let flexible = parts.indices.filter { i in
            if case .ratio = parts[i] { return true }
            return false
        }
        // Flexible parts share what is left by weight; a part whose share is below its minimum
        // is pinned at the minimum and the rest is shared again among the others.
        var pool = flexible
        var rest = max(0, available - used)
        var pinned = true
        while pinned && !pool.isEmpty {
            pinned = false
            let totalWeight = pool.reduce(0.0) { $0 + weights[$1] }
            for i in pool {
                let share = totalWeight > 0 ? Int((Double(rest) * weights[i] / totalWeight).rounded(.down)) : 0
                if share < minimum[i] {
                    size[i] = minimum[i]; rest = max(0, rest - minimum[i])
                    pool.removeAll { $0 == i }; pinned = true
                    break
                }
            }
        }
        if !pool.isEmpty {
            let totalWeight = pool.reduce(0.0) { $0 + weights[$1] }
            var given = 0
            for i in pool {
                let share = totalWeight > 0 ? Int((Double(rest) * weights[i] / totalWeight).rounded(.down)) : 0
                size[i] = share; given += share
            }
            // Rounding leftovers go one by one to the weighted parts, first first.
            let weighted = pool.filter { weights[$0] > 0 }
            var k = 0
            while given < rest && !weighted.isEmpty { size[weighted[k % weighted.count]] += 1; given += 1; k += 1 }
        }
        // Too little room: take back from the last parts first, flexible before fixed.
        var over = size.reduce(0, +) - available
        if over > 0 {
            for i in parts.indices.reversed() where over > 0 && flexible.contains(i) {
                let cut = min(over, size[i]); size[i] -= cut; over -= cut
            }
            for i in parts.indices.reversed() where over > 0 {
                let cut = min(over, size[i]); size[i] -= cut; over -= cut
            }
        }
        var offset = 0
        var result: [(offset: Int, size: Int)] = []
        for (i, s) in size.enumerated() {
            result.append((min(offset, total), s))
            offset += s + (i < size.count - 1 ? max(0, gap) : 0)
        }
        return result
    }
}
