import Foundation

extension Key: CustomStringConvertible, LosslessStringConvertible {
    static let namedKeys: [(String, Key)] = [
        ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("home", .home), ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("insert", .insert), ("delete", .delete), ("backspace", .backspace),
        ("enter", .enter), ("esc", .escape), ("tab", .tab), ("backtab", .backTab),
        ("resize", .resize),
    ]

    static let aliases: [String: String] = [
        "return": "enter", "ret": "enter", "cr": "enter", "escape": "esc", "del": "delete",
        "ins": "insert", "bs": "backspace", "pageup": "pgup", "page-up": "pgup", "prior": "pgup",
        "pagedown": "pgdn", "page-down": "pgdn", "pgdown": "pgdn", "next": "pgdn",
        "shift-tab": "backtab", "s-tab": "backtab", "btab": "backtab",
    ]

    /// The canonical textual name, e.g. `ctrl-d`, `enter`, `esc`, `up`, `?`, `space`, `f5`.
    public var name: String {
        switch self {
        case .char(let c): return c == " " ? "space" : String(c)
        case .ctrl(let c): return "ctrl-" + (c == " " ? "space" : String(c))
        case .alt(let c): return "alt-" + (c == " " ? "space" : String(c))
        case .function(let n): return "f\(n)"
        case .mouse(let m): return "mouse-\(m.action.rawValue)"
        default:
            for (n, k) in Self.namedKeys where k == self { return n }
            return "?"
        }
    }

    /// A short label for hints and help: `⏎`, `Esc`, `↑`, `Ctrl-d`, `PgUp`, or the character.
    public var label: String {
        switch self {
        case .enter: return "⏎"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .backspace: return "⌫"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .ctrl(let c): return "Ctrl-" + (c == " " ? "Space" : String(c))
        case .alt(let c): return "Alt-" + (c == " " ? "Space" : String(c))
        case .function(let n): return "F\(n)"
        case .char(" "): return "Space"
        default: return name
        }
    }

    public var description: String { name }

    /// Parses a key name (canonical or alias, case-insensitive for named keys and modifiers):
    /// `ctrl-d`, `C-d`, `ctrl+d`, `^d`, `alt-x`, `M-x`, `enter`, `Return`, `esc`, `space`, `PgUp`,
    /// `f5`, `?`, `-`, `+`. Returns nil for anything else.
    public init?(name raw: String) {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            if raw == " " { self = .char(" "); return }
            return nil
        }
        if text.count == 1, let c = text.first {
            guard Self.isPrintable(c) else { return nil }
            self = .char(c); return
        }
        let lower = text.lowercased()
        if lower == "space" || lower == "spc" { self = .char(" "); return }
        let canonical = Self.aliases[lower] ?? lower
        for (n, k) in Self.namedKeys where n == canonical { self = k; return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) { self = .function(n); return }
        if text.hasPrefix("^"), text.count == 2, let c = text.last {
            guard let k = Self.ctrlKey(c) else { return nil }
            self = k; return
        }
        for prefix in ["ctrl-", "ctrl+", "control-", "c-"] where lower.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            let c: Character? = rest.lowercased() == "space" ? " " : (rest.count == 1 ? rest.first : nil)
            guard let c, let k = Self.ctrlKey(c) else { return nil }
            self = k; return
        }
        for prefix in ["alt-", "alt+", "meta-", "m-", "a-"] where lower.hasPrefix(prefix) {
            let rest = String(text.dropFirst(prefix.count))
            let c: Character? = rest.lowercased() == "space" ? " " : (rest.count == 1 ? rest.first : nil)
            guard let c, Self.isPrintable(c) else { return nil }
            self = .alt(c); return
        }
        return nil
    }

    public init?(_ description: String) { self.init(name: description) }

    /// Ctrl plus a character; Ctrl-I, Ctrl-M and Ctrl-[ are the same bytes as Tab, Enter and Esc,
    /// so those names are refused (bind `tab`, `enter`, `esc` instead).
    static func ctrlKey(_ c: Character) -> Key? {
        let l = Character(c.lowercased())
        if l == "i" || l == "m" || l == "[" || l == "h" { return nil }
        if l == " " || l == "@" { return .ctrl(" ") }
        if let a = l.asciiValue, (a >= 0x61 && a <= 0x7A) || "\\]^_".utf8.contains(a) { return .ctrl(l) }
        return nil
    }

    static func isPrintable(_ c: Character) -> Bool {
        guard DisplayWidth.of(c) > 0 else { return false }
        return ScreenBuffer.isDrawable(c)
    }
}
