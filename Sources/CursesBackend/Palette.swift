import TermUI

/// How many colours the terminal can show; chosen from `COLORS` and `NO_COLOR`.
public enum ColorDepth: String, Sendable, CaseIterable {
    case monochrome, eight, sixteen, full256

    /// The depth for a terminal reporting `colors` colours, or monochrome when `NO_COLOR` is set
    /// (to any non-empty value, per no-color.org) or the terminal has no colours.
    public static func detect(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorDepth {
        if let v = environment["NO_COLOR"], !v.isEmpty { return .monochrome }
        guard hasColors else { return .monochrome }
        if colors >= 256 { return .full256 }
        if colors >= 16 { return .sixteen }
        if colors >= 8 { return .eight }
        return .monochrome
    }
}

/// The look of one style at one colour depth: colours (-1 is the terminal's default, so its own
/// background is kept) and attributes.
public struct Look: Hashable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: Style.Attributes
    public init(foreground: Int = -1, background: Int = -1, attributes: Style.Attributes = []) {
        self.foreground = foreground; self.background = background; self.attributes = attributes
    }
}

/// Maps semantic roles to colours and attributes for each colour depth.
public enum Palette {
    struct Entry {
        var c256: Int, c16: Int, c8: Int
        var attrs: Style.Attributes = []
        var attrs8: Style.Attributes? = nil      // in 8 colours, when different (e.g. dim for grey)
        var mono: Style.Attributes = []
    }

    static func entry(_ role: Style.Role) -> Entry {
        switch role {
        case .normal, .input: return Entry(c256: -1, c16: -1, c8: -1)
        case .dim: return Entry(c256: 244, c16: 8, c8: -1, attrs8: [.dim], mono: [.dim])
        case .accent: return Entry(c256: 39, c16: 14, c8: 6, mono: [.bold])
        case .selection: return Entry(c256: 255, c16: 15, c8: 7, attrs: [.bold], mono: [.reverse])
        case .title: return Entry(c256: -1, c16: -1, c8: -1, attrs: [.bold], mono: [.bold])
        case .border: return Entry(c256: 240, c16: 8, c8: -1, attrs8: [.dim], mono: [])
        case .borderFocused: return Entry(c256: 39, c16: 14, c8: 6, mono: [.bold])
        case .priorityHigh: return Entry(c256: 203, c16: 9, c8: 1, attrs: [.bold], mono: [.bold])
        case .priorityMedium: return Entry(c256: 214, c16: 11, c8: 3)
        case .priorityLow: return Entry(c256: 246, c16: 8, c8: -1, attrs8: [.dim], mono: [.dim])
        case .due: return Entry(c256: 214, c16: 11, c8: 3, mono: [.underline])
        case .overdue: return Entry(c256: 196, c16: 9, c8: 1, attrs: [.bold], mono: [.bold, .underline])
        case .tag: return Entry(c256: 141, c16: 13, c8: 5)
        case .project: return Entry(c256: 73, c16: 6, c8: 6)
        case .strong: return Entry(c256: 114, c16: 10, c8: 2, attrs: [.bold], mono: [.bold])
        case .weak: return Entry(c256: 244, c16: 8, c8: -1, attrs8: [.dim], mono: [.dim])
        case .success: return Entry(c256: 114, c16: 10, c8: 2)
        case .warning: return Entry(c256: 214, c16: 11, c8: 3, attrs: [.bold], mono: [.bold])
        case .error: return Entry(c256: 196, c16: 9, c8: 1, attrs: [.bold], mono: [.bold, .underline])
        case .info: return Entry(c256: 75, c16: 12, c8: 4)
        case .statusBar: return Entry(c256: 250, c16: 7, c8: -1)
        case .keyHint: return Entry(c256: 39, c16: 14, c8: 6, attrs: [.bold], mono: [.bold])
        case .match: return Entry(c256: 222, c16: 11, c8: 3, attrs: [.underline], mono: [.underline])
        case .link: return Entry(c256: 75, c16: 12, c8: 4, attrs: [.underline], mono: [.underline])
        case .quote: return Entry(c256: 245, c16: 8, c8: -1, attrs8: [.dim], mono: [.dim])
        case .code: return Entry(c256: 180, c16: 3, c8: 3)
        case .cursor: return Entry(c256: -1, c16: -1, c8: -1, attrs: [.reverse], mono: [.reverse])
        }
    }

    /// Background of the selection bar (and of `.selection`) per depth.
    static func selectionBackground(_ depth: ColorDepth) -> Int {
        switch depth {
        case .full256: return 24
        case .sixteen, .eight: return 4
        case .monochrome: return -1
        }
    }

    /// The look of a style at a colour depth. Selected styles keep their role's colour on the
    /// selection background (white when the colour would vanish on it); monochrome uses reverse video.
    public static func look(_ style: Style, depth: ColorDepth) -> Look {
        let e = entry(style.role)
        var look: Look
        switch depth {
        case .monochrome: look = Look(attributes: e.mono)
        case .eight: look = Look(foreground: e.c8, attributes: e.attrs8 ?? e.attrs)
        case .sixteen: look = Look(foreground: e.c16, attributes: e.attrs)
        case .full256: look = Look(foreground: e.c256, attributes: e.attrs)
        }
        look.attributes.formUnion(style.attributes)
        if style.selected || style.role == .selection {
            if depth == .monochrome {
                look.attributes.insert(.reverse)
            } else {
                let bg = selectionBackground(depth)
                look.background = bg
                look.attributes.remove(.dim)
                let fg = look.foreground
                let clashes = fg == -1 || fg == bg || fg == 8 || fg == 12 || fg == 39 || fg == 75 || fg == 240 || fg == 244 || fg == 246 || fg == 245 || fg == 6 || fg == 14 || fg == 73
                if clashes { look.foreground = depth == .full256 ? 255 : (depth == .sixteen ? 15 : 7) }
                if depth != .full256 { look.attributes.insert(.bold) }
            }
        }
        return look
    }
}
