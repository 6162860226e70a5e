import Foundation
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// The few terminal facts the line-oriented commands need: is stdout a terminal, how wide,
/// and how to make untrusted text safe and measured for display.
enum Terminal {
    /// Whether standard output is a terminal.
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Columns of the terminal on stdout; nil when stdout is not a terminal.
    static var width: Int? {
        guard stdoutIsTTY else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let c = Environment.value("COLUMNS").flatMap(Int.init), c > 0 { return c }
        return 80
    }

    /// Text with control characters and bidi overrides replaced, so a title can never move the
    /// cursor, change colours or reorder the rest of the line.
    static func safe(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: out.append("\u{FFFD}")
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Columns a string takes in a terminal (wide East Asian and emoji: 2; combining marks: 0).
    static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of c: Character) -> Int {
        if c.isASCII { return 1 }
        var visible = false
        for s in c.unicodeScalars {
            let v = s.value
            if s.properties.isEmojiPresentation { return 2 }
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) && v != 0x303F
                || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
                || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) {
                return 2
            }
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: visible = true
            }
        }
        return visible ? 1 : 0
    }

    /// `text` cut to at most `columns` columns, ending with `…` when cut.
    static func truncate(_ text: String, to columns: Int) -> String {
        guard width(of: text) > columns else { return text }
        guard columns > 0 else { return "" }
        var out = "", used = 0
        for c in text {
            let w = width(of: c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `text` padded with spaces to `columns` columns.
    static func pad(_ text: String, to columns: Int) -> String {
        let w = width(of: text)
        return w >= columns ? text : text + String(repeating: " ", count: columns - w)
    }

    /// Writes to stdout without Foundation's buffering surprises.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write(raw: UnsafeRawBufferPointer($0)) }
    }

    /// Writes bytes to stdout as they are.
    static func write(bytes: [UInt8]) {
        bytes.withUnsafeBytes { write(raw: $0) }
    }

    /// Straight to the file descriptor: `FileHandle` and `Data` cost ~0.3M instructions on first
    /// use, a few percent of a short command. A pipe closed by the reader stops the output
    /// (SIGPIPE, as before, unless ignored).
    static func write(raw: UnsafeRawBufferPointer) {
        var rest = raw
        while !rest.isEmpty {
            let n = Glibc.write(STDOUT_FILENO, rest.baseAddress, rest.count)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
    }
}
