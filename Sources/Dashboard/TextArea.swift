import TermUI
import Foundation

/// A multi-line text being typed (an answer, a question's body): Enter starts a new line, the
/// arrows move through lines, and the readline keys people expect work within a line.
///
/// Controls and bidi overrides never enter the text: it is drawn and sent.
public struct TextArea: Equatable, Sendable {
    /// The lines, without their newlines; never empty.
    public private(set) var lines: [[Character]]
    /// The cursor: line and character within it.
    public private(set) var row = 0
    public private(set) var column = 0

    /// A text area holding `text`, the cursor at its end.
    public init(_ text: String = "") {
        lines = [[]]
        setText(text)
    }

    /// The whole text, lines joined by newlines.
    public var text: String { lines.map { String($0) }.joined(separator: "\n") }

    /// Whether nothing but whitespace was typed.
    public var isBlank: Bool { lines.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    /// Replaces the text, cursor at the end.
    public mutating func setText(_ text: String) {
        let clean = text.replacingOccurrences(of: "\r\n", with: "\n")
        lines = clean.split(separator: "\n", omittingEmptySubsequences: false).map { Array(Self.filter(String($0))) }
        if lines.isEmpty { lines = [[]] }
        row = lines.count - 1
        column = lines[row].count
    }

    /// Applies an editing key; false when the key is not one.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(String(c))
        case .enter:
            let rest = Array(lines[row][column...])
            lines[row].removeSubrange(column...)
            lines.insert(rest, at: row + 1)
            row += 1
            column = 0
        case .backspace, .ctrl("h"):
            if column > 0 {
                lines[row].remove(at: column - 1)
                column -= 1
            } else if row > 0 {
                column = lines[row - 1].count
                lines[row - 1] += lines[row]
                lines.remove(at: row)
                row -= 1
            }
        case .delete:
            if column < lines[row].count {
                lines[row].remove(at: column)
            } else if row + 1 < lines.count {
                lines[row] += lines[row + 1]
                lines.remove(at: row + 1)
            }
        case .left, .ctrl("b"):
            if column > 0 { column -= 1 } else if row > 0 { row -= 1; column = lines[row].count }
        case .right, .ctrl("f"):
            if column < lines[row].count { column += 1 } else if row + 1 < lines.count { row += 1; column = 0 }
        case .up, .ctrl("p"):
            if row > 0 { row -= 1; column = min(column, lines[row].count) } else { column = 0 }
        case .down, .ctrl("n"):
            if row + 1 < lines.count { row += 1; column = min(column, lines[row].count) } else { column = lines[row].count }
        case .home, .ctrl("a"): column = 0
        case .end, .ctrl("e"): column = lines[row].count
        case .ctrl("u"):
            lines[row].removeSubrange(..<column)
            column = 0
        case .ctrl("k"):
            lines[row].removeSubrange(column...)
        case .ctrl("w"):
            var start = column
            while start > 0 && lines[row][start - 1] == " " { start -= 1 }
            while start > 0 && lines[row][start - 1] != " " { start -= 1 }
            lines[row].removeSubrange(start..<column)
            column = start
        default:
            return false
        }
        return true
    }

    private mutating func insert(_ s: String) {
        let chars = Array(Self.filter(s))
        guard !chars.isEmpty else { return }
        lines[row].insert(contentsOf: chars, at: column)
        column += chars.count
    }

    /// Drops controls (a newline is a line break, handled by the caller) and bidi overrides.
    static func filter(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.compactMap { u -> Unicode.Scalar? in
            if u == "\t" { return " " }
            if u.properties.generalCategory == .control { return nil }
            if (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) { return nil }
            return u
        }))
    }

    /// The text wrapped to `width` as display rows, and the row and column the cursor is drawn at.
    public func wrapped(width: Int) -> (rows: [String], cursor: Point) {
        let w = max(1, width)
        var rows: [String] = []
        var cursor = Point(x: 0, y: 0)
        for (i, line) in lines.enumerated() {
            var start = 0
            repeat {
                // Break by display width, one character at a time (text areas are short).
                var end = start, used = 0
                while end < line.count {
                    let cw = String(line[end]).displayWidth
                    if used + cw > w - 1 && end > start { break }
                    used += cw
                    end += 1
                }
                if i == row && column >= start && (column < end || end == line.count) {
                    cursor = Point(x: String(line[start..<column]).displayWidth, y: rows.count)
                }
                rows.append(String(line[start..<end]))
                start = end
            } while start < line.count
        }
        return (rows, cursor)
    }
}
