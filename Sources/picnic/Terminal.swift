import Foundation
import PicnicCore
import TermUI
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

    /// Text made safe for one line of a terminal: TermUI's `Sanitizer.line`, the one sanitizer
    /// for everything drawn or printed (controls, escape sequences with their payload, bidi
    /// controls gone; newlines and tabs become spaces).
    static func safe(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        return Sanitizer.line(text)
    }

    /// Columns a string takes in a terminal: TermUI's `displayWidth`, as the dashboard measures.
    static func width(of text: String) -> Int {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.utf8.count }
        return text.displayWidth
    }

    static func width(of c: Character) -> Int { c.displayWidth }

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

    /// Straight to the file descriptor: `FileHandle` and `Data` cost a few percent of a short
    /// command on first use. A pipe closed by the reader stops the output
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
