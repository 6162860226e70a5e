import Foundation

/// Clipping, padding and word wrapping measured in display columns, not characters.
public enum TextLayout {
    /// Horizontal alignment inside a field.
    public enum Alignment: Sendable { case left, right, center }

    /// The longest prefix of `text` whose display width is at most `width` (never half a wide cluster).
    public static func prefix(_ text: some StringProtocol, width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var end = text.startIndex
        for i in text.indices {
            let w = text[i].displayWidth
            if used + w > width { break }
            used += w
            end = text.index(after: i)
        }
        return String(text[text.startIndex..<end])
    }

    /// The longest suffix of `text` whose display width is at most `width`.
    public static func suffix(_ text: some StringProtocol, width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var start = text.endIndex
        var i = text.endIndex
        while i > text.startIndex {
            let prev = text.index(before: i)
            let w = text[prev].displayWidth
            if used + w > width { break }
            used += w
            start = prev
            i = prev
        }
        return String(text[start..<text.endIndex])
    }

    /// `text` cut to at most `width` columns, ending with `ellipsis` when something was cut.
    public static func clip(_ text: some StringProtocol, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if text.displayWidth <= width { return String(text) }
        let ew = ellipsis.displayWidth
        if ew >= width { return prefix(ellipsis, width: width) }
        return trimmingTrailingSpaces(prefix(text, width: width - ew)) + ellipsis
    }

    static func trimmingTrailingSpaces(_ s: String) -> String {
        var sub = Substring(s)
        while sub.last == " " { sub = sub.dropLast() }
        return String(sub)
    }

    /// `text` clipped and then padded with spaces to exactly `width` columns.
    public static func pad(_ text: some StringProtocol, to width: Int, align: Alignment = .left,
                           ellipsis: String = "…") -> String {
        let clipped = clip(text, to: width, ellipsis: ellipsis)
        let gap = max(0, width - clipped.displayWidth)
        switch align {
        case .left: return clipped + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + clipped
        case .center:
            return String(repeating: " ", count: gap / 2) + clipped + String(repeating: " ", count: gap - gap / 2)
        }
    }

    /// Word-wraps text to lines of at most `width` columns. Newlines start new lines, spaces at
    /// a break are dropped, a word longer than a line is broken by clusters, and a line may break
    /// between two wide (CJK) clusters. Always returns at least one line.
    public static func wrap(_ text: some StringProtocol, width: Int) -> [String] {
        wrap(StyledLine(String(text)), width: width).map(\.plainText)
    }

    /// Word-wraps styled text the same way, keeping each cluster's style.
    public static func wrap(_ line: StyledLine, width: Int) -> [StyledLine] {
        let width = max(1, width)
        var out: [StyledLine] = []
        var glyphs: [(ch: Character, w: Int, style: Style)] = []
        for span in line.spans {
            for ch in span.text {
                if ch == "\n" || ch == "\r\n" {
                    out.append(contentsOf: wrapGlyphs(glyphs, width: width)); glyphs.removeAll()
                } else {
                    glyphs.append((ch, ch.displayWidth, span.style))
                }
            }
        }
        out.append(contentsOf: wrapGlyphs(glyphs, width: width))
        return out
    }

    private static func wrapGlyphs(_ glyphs: [(ch: Character, w: Int, style: Style)], width: Int) -> [StyledLine] {
        var lines: [[(ch: Character, w: Int, style: Style)]] = []
        var current: [(ch: Character, w: Int, style: Style)] = []
        var currentWidth = 0
        func flush() {
            while let last = current.last, last.ch == " " { current.removeLast() }
            lines.append(current); current = []; currentWidth = 0
        }
        var i = 0
        while i < glyphs.count {
            // A token: a run of spaces, a single wide cluster, or a run of other narrow clusters.
            var j = i + 1
            let isSpace = glyphs[i].ch == " "
            if isSpace {
                while j < glyphs.count && glyphs[j].ch == " " { j += 1 }
            } else if glyphs[i].w < 2 {
                while j < glyphs.count && glyphs[j].ch != " " && glyphs[j].w < 2 { j += 1 }
            }
            let tokenWidth = glyphs[i..<j].reduce(0) { $0 + $1.w }
            if isSpace {
                if currentWidth + tokenWidth <= width {
                    current.append(contentsOf: glyphs[i..<j]); currentWidth += tokenWidth
                } else if !current.isEmpty {
                    flush()
                }
            } else if currentWidth + tokenWidth <= width {
                current.append(contentsOf: glyphs[i..<j]); currentWidth += tokenWidth
            } else {
                if currentWidth > 0 && tokenWidth <= width { flush() }
                for g in glyphs[i..<j] {
                    if currentWidth + g.w > width && currentWidth > 0 { flush() }
                    current.append(g); currentWidth += g.w
                }
            }
            i = j
        }
        if !current.isEmpty || lines.isEmpty { flush() }
        return lines.map { glyphLine in
            var spans: [Span] = []
            for g in glyphLine {
                if let last = spans.last, last.style == g.style {
                    spans[spans.count - 1].text.append(g.ch)
                } else {
                    spans.append(Span(String(g.ch), g.style))
                }
            }
            return StyledLine(spans)
        }
    }
}
