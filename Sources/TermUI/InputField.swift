import Foundation

/// A one-line text input: a prompt, the text scrolled so the cursor stays visible, and the
/// terminal cursor placed on the buffer. Renders a (text, cursor) pair from a line editor.
public struct InputField: Widget {
    public var prompt: StyledLine
    public var text: String
    /// Cursor position in grapheme clusters from the start of `text`.
    public var cursor: Int
    /// Shown dimmed when `text` is empty.
    public var placeholder: String

    /// An input field showing `text` with the cursor before cluster `cursor`.
    public init(prompt: StyledLine = StyledLine(), text: String, cursor: Int, placeholder: String = "") {
        self.prompt = prompt; self.text = text; self.cursor = cursor; self.placeholder = placeholder
    }

    /// The visible slice of the text and the cursor column within it, for a field `width` wide:
    /// the text scrolls horizontally so the cursor (and the cluster under it) is always shown.
    public static func viewport(text: String, cursor: Int, width: Int) -> (visible: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        let chars = Array(text)
        let c = min(max(0, cursor), chars.count)
        let before = String(chars[0..<c])
        let beforeWidth = before.displayWidth
        // Leave one column for the cursor itself past the end.
        if beforeWidth < width {
            return (TextLayout.prefix(text, width: width), beforeWidth)
        }
        let underWidth = c < chars.count ? max(1, chars[c].displayWidth) : 1
        let head = TextLayout.suffix(before, width: width - underWidth)
        let headWidth = head.displayWidth
        let tail = TextLayout.prefix(String(chars[c...]), width: width - headWidth)
        return (head + tail, headWidth)
    }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let r = area.intersection(buffer.bounds).top(1)
        guard !r.isEmpty else { return }
        buffer.fill(r, style: .input)
        let p = prompt.clipped(to: max(0, r.width - 1))
        let pw = buffer.write(p, x: r.x, y: r.y, clip: r)
        let field = Rect(x: r.x + pw, y: r.y, width: r.width - pw, height: 1)
        guard field.width > 0 else { buffer.cursor = nil; return }
        let clean = Sanitizer.line(text)
        if clean.isEmpty && !placeholder.isEmpty {
            buffer.write(TextLayout.clip(Sanitizer.line(placeholder), to: field.width), x: field.x, y: r.y, style: .dim, clip: field)
        }
        let (visible, column) = Self.viewport(text: clean, cursor: cursor, width: field.width)
        buffer.write(visible, x: field.x, y: r.y, style: .input, clip: field)
        buffer.cursor = Point(x: min(field.x + column, field.maxX - 1), y: r.y)
    }
}
