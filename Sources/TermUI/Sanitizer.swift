import Foundation

/// Makes untrusted text safe to print: what it returns can only make a terminal print.
///
/// Removed: C0 controls (except newline, which is kept or turned into a space, and tab, which is
/// expanded), DEL, C1 controls, whole escape sequences (CSI, OSC such as OSC 52 clipboard writes
/// and OSC 2 title changes, DCS, SOS, PM, APC, and two- or three-byte escapes), in their 7-bit and
/// 8-bit forms, and bidi embeddings, overrides, isolates and marks. CR and CRLF become newlines.
/// Invalid UTF-8 becomes U+FFFD when decoding bytes.
public enum Sanitizer {
    /// Cleans multi-line text: newlines kept, tabs expanded to `tabWidth` stops, and each line cut
    /// to `maxLineWidth` columns with an ellipsis when given.
    public static func clean(_ text: String, tabWidth: Int = 4, maxLineWidth: Int? = nil) -> String {
        run(text, tabWidth: tabWidth, newline: "\n", maxLineWidth: maxLineWidth)
    }

    /// Cleans text for a single line: newlines and tabs become single spaces.
    public static func line(_ text: String, maxWidth: Int? = nil) -> String {
        run(text, tabWidth: 0, newline: " ", maxLineWidth: maxWidth)
    }

    /// Decodes bytes as UTF-8 (invalid sequences become U+FFFD) and cleans the result.
    public static func decode(_ data: Data, tabWidth: Int = 4, maxLineWidth: Int? = nil) -> String {
        clean(String(decoding: data, as: UTF8.self), tabWidth: tabWidth, maxLineWidth: maxLineWidth)
    }

    /// Whether a scalar is a bidi embedding, override, isolate or mark.
    @inline(__always)
    public static func isBidiControl(_ v: UInt32) -> Bool {
        (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// Whether the text is already safe and needs no change (the common case, checked cheaply).
    static func isClean(_ text: String, allowNewline: Bool) -> Bool {
        for b in text.utf8 where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xD8 || b == 0xEF {
            if b == 0x0A && allowNewline { continue }
            if b < 0x80 || b == 0x7F { return false }
            // Lead bytes of C1 (C2 80-9F), bidi/line separators (E2 80 xx, E2 81 xx), ALM (D8 9C), BOM (EF BB BF):
            // fall back to the exact scalar check.
            for s in text.unicodeScalars where needsWork(s.value, allowNewline: allowNewline) { return false }
            return true
        }
        return true
    }

    @inline(__always)
    static func needsWork(_ v: UInt32, allowNewline: Bool) -> Bool {
        if v < 0x20 { return !(allowNewline && v == 0x0A) }
        if v >= 0x7F && v < 0xA0 { return true }
        return isBidiControl(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF
    }

    private enum State { case text, escape, escapeIntermediate, csi, string }

    private static func run(_ text: String, tabWidth: Int, newline: Character, maxLineWidth: Int?) -> String {
        if maxLineWidth == nil && isClean(text, allowNewline: newline == "\n") { return text }
        var out = String.UnicodeScalarView()
        var state = State.text
        var column = 0

        func emit(_ s: Unicode.Scalar) {
            out.append(s)
            column = s == "\n" ? 0 : column + DisplayWidth.of(s)
        }
        func newlineOut() {
            if newline == "\n" { emit("\n") } else { emit(" ") }
        }

        var scalars = text.unicodeScalars.makeIterator()
        var pendingCR = false
        func reprocess(_ s: Unicode.Scalar) {
            // Only printable text or line breaks reach here after an aborted sequence.
            let v = s.value
            if v == 0x0A || v == 0x0D { newlineOut(); pendingCR = v == 0x0D; return }
            if v == 0x1B { state = .escape; return }
            if v < 0x20 || (v >= 0x7F && v < 0xA0) || isBidiControl(v) || v == 0xFEFF { return }
            if v == 0x2028 || v == 0x2029 { newlineOut(); return }
            emit(s)
        }

        while let s = scalars.next() {
            let v = s.value
            if pendingCR {
                pendingCR = false
                if v == 0x0A && state == .text { continue }   // CRLF: the CR already made the newline
            }
            switch state {
            case .text:
                if v >= 0x20 && v < 0x7F { emit(s); continue }
                if v == 0x1B { state = .escape; continue }
                if v == 0x0A { newlineOut(); continue }
                if v == 0x0D { newlineOut(); pendingCR = true; continue }
                if v == 0x09 {
                    if tabWidth <= 0 { emit(" ") } else {
                        let n = tabWidth - column % tabWidth
                        for _ in 0..<n { emit(" ") }
                    }
                    continue
                }
                if v < 0x20 || v == 0x7F { continue }
                if v >= 0x80 && v < 0xA0 {
                    switch v {
                    case 0x9B: state = .csi
                    case 0x9D, 0x90, 0x98, 0x9E, 0x9F: state = .string
                    default: break
                    }
                    continue
                }
                if v == 0x2028 || v == 0x2029 { newlineOut(); continue }
                if isBidiControl(v) || v == 0xFEFF { continue }
                emit(s)
            case .escape:
                switch v {
                case 0x5B: state = .csi                                  // ESC [
                case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string       // ESC ] P X ^ _
                case 0x20...0x2F: state = .escapeIntermediate            // ESC ( B, ESC # 8 …
                case 0x30...0x7E: state = .text                          // ESC c, ESC 7, ESC M …
                case 0x1B: state = .escape
                default:
                    state = .text
                    reprocess(s)
                }
            case .escapeIntermediate:
                if v >= 0x20 && v <= 0x2F { continue }
                state = .text
                if !(v >= 0x30 && v <= 0x7E) { reprocess(s) }
            case .csi:
                if v >= 0x20 && v <= 0x3F { continue }                   // parameters, intermediates
                state = .text
                if !(v >= 0x40 && v <= 0x7E) { reprocess(s) }            // final byte ends it silently
            case .string:
                // OSC/DCS/SOS/PM/APC run to BEL or ST (ESC \ or U+009C). An unterminated one ends
                // at a newline so a stray introducer cannot swallow the rest of a post.
                if v == 0x07 || v == 0x9C { state = .text; continue }
                if v == 0x1B {
                    if let next = scalars.next() {
                        if next.value == 0x5C { state = .text } else if next.value == 0x0A { state = .text; newlineOut() }
                    }
                    continue
                }
                if v == 0x0A || v == 0x0D { state = .text; newlineOut(); pendingCR = v == 0x0D }
            }
        }
        let result = String(out)
        guard let limit = maxLineWidth else { return result }
        return result.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextLayout.clip($0, to: max(1, limit)) }.joined(separator: "\n")
    }
}
