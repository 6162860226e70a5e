import TermUI
import Foundation

/// The line being typed in a prompt (filter, add, modify, annotate), with readline keys.
public struct PromptLine: Equatable, Sendable {
    /// What the prompt is for.
    public var mode: Mode
    /// The text typed so far.
    public private(set) var text: String
    /// The cursor, in characters from the start.
    public private(set) var cursor: Int

    /// An empty (or pre-filled) line for a prompt mode.
    public init(mode: Mode, text: String = "") {
        self.mode = mode
        self.text = text
        self.cursor = text.count
    }

    /// Applies an editing key; false when the key is not an editing key.
    public mutating func handle(_ key: Key) -> Bool {
        var chars = Array(text)
        switch key {
        case .char(let c):
            // Controls and bidi overrides never enter a line that is drawn and stored.
            guard !c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value)
                || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) else { return true }
            chars.insert(c, at: cursor); cursor += 1
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1); cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .ctrl("u"): chars.removeFirst(cursor); cursor = 0
        case .ctrl("k"): chars.removeLast(chars.count - cursor)
        case .ctrl("w"):
            var i = cursor
            while i > 0 && chars[i - 1] == " " { i -= 1 }
            while i > 0 && chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<cursor); cursor = i
        default: return false
        }
        text = String(chars)
        return true
    }

    /// Replaces the whole line, cursor at the end.
    public mutating func setText(_ new: String) {
        text = new
        cursor = new.count
    }
}
