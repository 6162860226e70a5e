import Foundation

/// A key hint such as `a add`: the key's label and what it does.
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    public init(_ key: String, _ label: String) { self.key = key; self.label = label }
}

/// One status line: key hints on the left (as many as fit, in order), counts on the right.
public struct StatusBar: Widget {
    public var hints: [KeyHint]
    public var right: StyledLine

    /// A status bar with hints and right-aligned text.
    public init(hints: [KeyHint], right: StyledLine = StyledLine()) { self.hints = hints; self.right = right }

    public func render(in area: Rect, into buffer: inout ScreenBuffer) {
        let r = area.intersection(buffer.bounds).top(1)
        guard !r.isEmpty else { return }
        buffer.fill(r, style: .statusBar)
        let rightText = right.map { $0.role == .normal ? Style.statusBar.with($0.attributes) : $0 }
            .clipped(to: max(0, r.width - 2))
        let rightWidth = rightText.width
        let rightX = r.maxX - 1 - rightWidth
        if rightWidth > 0 { buffer.write(rightText, x: rightX, y: r.y, clip: r) }
        let limit = rightWidth > 0 ? rightX - 2 : r.maxX
        var x = r.x + 1
        for hint in hints {
            let key = Sanitizer.line(hint.key), label = Sanitizer.line(hint.label)
            let w = key.displayWidth + 1 + label.displayWidth
            if x + w > limit { break }
            buffer.write(key, x: x, y: r.y, style: .keyHint, clip: r)
            buffer.write(label, x: x + key.displayWidth + 1, y: r.y, style: .statusBar, clip: r)
            x += w + 2
        }
    }
}
