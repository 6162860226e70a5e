import Foundation

/// A run of text in one style.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style
    /// Text in a style.
    public init(_ text: String, _ style: Style = .normal) { self.text = text; self.style = style }
    /// Display width of the text.
    public var width: Int { text.displayWidth }
}

/// One line of styled text: spans drawn left to right.
public struct StyledLine: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]

    /// A line made of spans.
    public init(_ spans: [Span] = []) { self.spans = spans }
    /// A line of plain text in one style.
    public init(_ text: String, _ style: Style = .normal) { self.spans = [Span(text, style)] }
    public init(stringLiteral value: String) { self.init(value) }

    /// Display width of the whole line.
    public var width: Int { spans.reduce(0) { $0 + $1.width } }
    /// The text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// Appends a span.
    public mutating func append(_ text: String, _ style: Style = .normal) { spans.append(Span(text, style)) }

    /// The line clipped to `maxWidth` columns, ending in `ellipsis` when something was cut.
    public func clipped(to maxWidth: Int, ellipsis: String = "…") -> StyledLine {
        if width <= maxWidth { return self }
        let ew = ellipsis.displayWidth
        guard maxWidth > ew else {
            return StyledLine([Span(TextLayout.clip(ellipsis, to: maxWidth, ellipsis: ""), spans.first?.style ?? .normal)])
        }
        var out: [Span] = []
        var room = maxWidth - ew
        var lastStyle = spans.first?.style ?? .normal
        for span in spans {
            if room <= 0 { break }
            let w = span.width
            if w <= room { out.append(span); room -= w; lastStyle = span.style; continue }
            let part = TextLayout.prefix(span.text, width: room)
            if !part.isEmpty { out.append(Span(part, span.style)) }
            lastStyle = span.style
            room = 0
        }
        while let last = out.last, last.text.last == " " {
            let trimmed = TextLayout.trimmingTrailingSpaces(last.text)
            if trimmed.isEmpty { out.removeLast() } else { out[out.count - 1].text = trimmed; break }
        }
        out.append(Span(ellipsis, lastStyle))
        return StyledLine(out)
    }

    /// The same line with every span restyled.
    public func map(_ transform: (Style) -> Style) -> StyledLine {
        StyledLine(spans.map { Span($0.text, transform($0.style)) })
    }
}
