import Foundation

/// How a cell looks, by meaning rather than by colour: the backend maps each `Role` to colours
/// for 256, 16 and 8-colour terminals and to attributes alone in monochrome.
public struct Style: Hashable, Sendable {
    /// The semantic roles the UI draws with.
    public enum Role: String, CaseIterable, Hashable, Sendable {
        case normal, dim, accent, selection, title, border, borderFocused
        case priorityHigh, priorityMedium, priorityLow
        case due, overdue, tag, project, strong, weak
        case success, warning, error, info
        case statusBar, keyHint, match, link, quote, code, input, cursor
    }

    /// Extra attributes layered on top of the role's own look.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1)
        public static let underline = Attributes(rawValue: 2)
        public static let reverse = Attributes(rawValue: 4)
        public static let italic = Attributes(rawValue: 8)
        public static let dim = Attributes(rawValue: 16)
    }

    /// The semantic role.
    public var role: Role
    /// Attributes added to the role's look.
    public var attributes: Attributes
    /// Drawn on the selection background while keeping the role's foreground.
    public var selected: Bool

    /// A style for a role, optionally with extra attributes and on the selection background.
    public init(_ role: Role = .normal, _ attributes: Attributes = [], selected: Bool = false) {
        self.role = role
        self.attributes = attributes
        self.selected = selected
    }

    /// The same style on the selection background (or not).
    public func selected(_ on: Bool = true) -> Style {
        var s = self; s.selected = on; return s
    }

    /// The same style with attributes added.
    public func with(_ extra: Attributes) -> Style {
        var s = self; s.attributes.formUnion(extra); return s
    }

    public static let normal = Style(.normal)
    public static let dim = Style(.dim)
    public static let accent = Style(.accent)
    public static let selection = Style(.selection)
    public static let title = Style(.title)
    public static let border = Style(.border)
    public static let borderFocused = Style(.borderFocused)
    public static let priorityHigh = Style(.priorityHigh)
    public static let priorityMedium = Style(.priorityMedium)
    public static let priorityLow = Style(.priorityLow)
    public static let due = Style(.due)
    public static let overdue = Style(.overdue)
    public static let tag = Style(.tag)
    public static let project = Style(.project)
    public static let strong = Style(.strong)
    public static let weak = Style(.weak)
    public static let success = Style(.success)
    public static let warning = Style(.warning)
    public static let error = Style(.error)
    public static let info = Style(.info)
    public static let statusBar = Style(.statusBar)
    public static let keyHint = Style(.keyHint)
    public static let match = Style(.match)
    public static let link = Style(.link)
    public static let quote = Style(.quote)
    public static let code = Style(.code)
    public static let input = Style(.input)
    public static let cursor = Style(.cursor)
}
