import TermUI
import Foundation

/// One or more keys pressed in order, bound to an action (most bindings are a single key).
///
/// Written in config files as space-separated key names: `"j"`, `"ctrl-d"`, `"enter"`, `"g g"`.
public struct KeySequence: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The keys, first pressed first.
    public var keys: [Key]

    /// A sequence of the given keys.
    public init(_ keys: [Key]) { self.keys = keys }
    /// A single key.
    public init(_ key: Key) { self.keys = [key] }

    /// Parses the config notation; nil when a key name is unknown.
    public init?(parsing text: String) {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard !parts.isEmpty else {
            if text == " " { self.keys = [.char(" ")]; return }
            return nil
        }
        var keys: [Key] = []
        for p in parts {
            guard let k = KeySequence.key(named: String(p)) else { return nil }
            keys.append(k)
        }
        self.keys = keys
    }

    /// The name of one key in the config notation (`ctrl-d`, `enter`, `G`).
    public static func name(of key: Key) -> String { key.name }

    /// How one key is shown to people (`⏎`, `↑`, `Ctrl-d`).
    public static func label(of key: Key) -> String { key.label }

    /// Parses one key name (see TermUI's `Key(name:)`); nil when unknown.
    public static func key(named raw: String) -> Key? {
        guard let key = Key(name: raw) else { return nil }
        switch key {
        case .resize, .mouse: return nil
        default: return key
        }
    }

    /// The config notation, e.g. `g g` or `ctrl-d`.
    public var name: String { keys.map(KeySequence.name(of:)).joined(separator: " ") }
    /// How it is shown to people, e.g. `Ctrl-d` or `g g`.
    public var label: String { keys.map(KeySequence.label(of:)).joined(separator: " ") }
    public var description: String { name }

    /// Whether `other` starts with all of this sequence's keys (and is longer).
    public func isProperPrefix(of other: KeySequence) -> Bool {
        other.keys.count > keys.count && Array(other.keys.prefix(keys.count)) == keys
    }

    public static func < (a: KeySequence, b: KeySequence) -> Bool {
        (a.keys.count, a.sortKey) < (b.keys.count, b.sortKey)
    }

    /// Orders Enter/Esc/Tab first, then plain characters, Ctrl, Alt and other named keys, so
    /// the first binding of an action is the one people expect to see in a hint.
    private var sortKey: String {
        keys.map { k -> String in
            switch k {
            case .enter, .escape, .tab: "0" + KeySequence.name(of: k)
            case .char(let c): "1" + String(c)
            case .ctrl(let c): "2" + String(c)
            case .alt(let c): "3" + String(c)
            default: "4" + KeySequence.name(of: k)
            }
        }.joined(separator: " ")
    }
}

extension KeySequence: ExpressibleByStringLiteral {
    /// A sequence from its config notation; traps on an unknown name (for literals in code only).
    public init(stringLiteral value: String) {
        guard let s = KeySequence(parsing: value) else { preconditionFailure("unknown key name \(value)") }
        self = s
    }
}
