import Foundation

/// Terminal display width (in columns) of scalars, grapheme clusters and strings.
///
/// Rules (see docs/TermUI.md): a cluster takes the width of its first scalar (0, 1 or 2),
/// except that a pair of regional indicators (a flag), an emoji ZWJ sequence and a cluster
/// carrying VS16 (U+FE0F, emoji presentation) take 2. Controls take 0 (the `Sanitizer` removes
/// them before they get here).
public enum DisplayWidth {
    /// Width of one Unicode scalar on its own: 0, 1 or 2.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        if v < 0x300 { return 1 }
        if contains(zeroWidthRanges, v) { return 0 }
        if v >= 0x1100 && contains(wideRanges, v) { return 2 }
        return 1
    }

    /// Width of one grapheme cluster: 0, 1 or 2.
    public static func of(_ character: Character) -> Int {
        let scalars = character.unicodeScalars
        var it = scalars.makeIterator()
        guard let first = it.next() else { return 0 }
        guard let second = it.next() else { return of(first) }
        if isRegionalIndicator(first) && isRegionalIndicator(second) { return 2 }
        let base = of(first)
        if base == 2 { return 2 }
        var next: Unicode.Scalar? = second
        while let s = next {
            if s.value == 0xFE0F { return 2 }           // VS16: emoji presentation
            if s.value == 0x200D && base > 0 {            // ZWJ sequence of emoji
                if let after = it.next(), after.properties.isEmoji { return 2 }
                next = it.next()
                continue
            }
            next = it.next()
        }
        return base
    }

    /// Total display width of a string (sum over its grapheme clusters).
    public static func of(_ string: some StringProtocol) -> Int {
        if let ascii = asciiWidth(string) { return ascii }
        var total = 0
        for ch in string {
            if let a = ch.asciiValue { total += (a >= 0x20 && a < 0x7F) ? 1 : 0 } else { total += of(ch) }
        }
        return total
    }

    /// The width of an all-ASCII string without grapheme breaking (nil when not all ASCII).
    @inline(__always)
    static func asciiWidth(_ string: some StringProtocol) -> Int? {
        var n = 0
        for b in string.utf8 {
            if b >= 0x80 { return nil }
            if b >= 0x20 && b < 0x7F { n += 1 }
        }
        return n
    }

    /// Whether two scalars form a flag (a pair of regional indicators).
    public static func isRegionalIndicatorPair(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        isRegionalIndicator(a) && isRegionalIndicator(b)
    }

    @inline(__always)
    static func isRegionalIndicator(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x1F1E6 && s.value <= 0x1F1FF
    }

    @inline(__always)
    static func contains(_ table: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var lo = 0, hi = table.count - 1
        if v < table[0].0 || v > table[hi].1 { return false }
        while lo <= hi {
            let mid = (lo + hi) >> 1
            let r = table[mid]
            if v < r.0 { hi = mid - 1 } else if v > r.1 { lo = mid + 1 } else { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Display width in terminal columns.
    public var displayWidth: Int { DisplayWidth.of(self) }
}

extension Character {
    /// Display width of this grapheme cluster in terminal columns (0, 1 or 2).
    public var displayWidth: Int { DisplayWidth.of(self) }
}
