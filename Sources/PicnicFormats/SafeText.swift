import Foundation

/// Makes untrusted text safe to store: no control characters that could drive a terminal. What
/// is drawn or printed goes through TermUI's `Sanitizer` as well (the one display sanitizer).
public enum SafeText {
    /// Drops C0/C1 controls (keeping newline and tab), DEL, and bidirectional overrides;
    /// turns CR LF and lone CR into LF.
    public static func clean(_ s: String) -> String {
        // Printable ASCII, newline and tab need nothing: checked on bytes (the common case).
        let plain: (UInt8) -> Bool = { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }
        if s.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(plain) }) ?? s.utf8.allSatisfy(plain) { return s }
        var needs = false
        for u in s.unicodeScalars where isUnsafe(u) || u == "\r" { needs = true; break }
        if !needs { return s }
        var out = String.UnicodeScalarView()
        var lastCR = false
        for u in s.unicodeScalars {
            if u == "\r" { out.append("\n"); lastCR = true; continue }
            if u == "\n", lastCR { lastCR = false; continue }
            lastCR = false
            if !isUnsafe(u) { out.append(u) }
        }
        return String(out)
    }

    /// One line: clean, with every run of whitespace (newlines included) turned into one space.
    public static func line(_ s: String) -> String {
        if let ascii = asciiLine(s) { return ascii }
        return clean(s).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `line` for ASCII text, on bytes; nil otherwise. Whitespace is what survives `clean`
    /// (tab, newline, CR, space); other controls are dropped, as `clean` drops them.
    static func asciiLine(_ s: String) -> String? {
        if let line = s.utf8.withContiguousStorageIfAvailable({ asciiLine($0) }) { return line }
        return asciiLine(Array(s.utf8))
    }

    static func asciiLine<C: Collection<UInt8>>(_ bytes: C) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        for b in bytes {
            if b >= 0x80 { return nil }
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                space = !out.isEmpty
                continue
            }
            if b < 0x20 || b == 0x7F { continue } // controls go, as `clean` drops them
            if space { out.append(0x20); space = false }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 { return v != 0x0A && v != 0x09 }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }
        // The bidi controls of TermUI's `Sanitizer.isBidiControl` (this target does not import TermUI).
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            || v == 0x061C || v == 0xFEFF
    }
}
