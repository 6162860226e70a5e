import Foundation

/// Makes untrusted text safe to store and show: no control characters that could drive a terminal.
public enum SafeText {
    /// Drops C0/C1 controls (keeping newline and tab), DEL, and bidirectional overrides;
    /// turns CR LF and lone CR into LF.
    public static func clean(_ s: String) -> String {
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
        clean(s).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    @inline(__always) static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0x20 { return v != 0x0A && v != 0x09 }
        if v < 0x7F { return false }
        if v <= 0x9F { return true }
        return (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F
            || v == 0xFEFF
    }
}
