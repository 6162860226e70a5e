import TermUI
import Foundation

/// The key bindings as data: for each mode, which key sequence triggers which action.
///
/// Defaults follow DESIGN.md; `Keymap.parse(configText:file:)` layers the user's `[keys.<mode>]` tables on
/// top. The help overlay, the status-bar hints and `docs/Keybindings.md` are generated from it.
public struct Keymap: Equatable, Sendable {
    /// The bindings per mode.
    public var bindings: [Mode: [KeySequence: Action]]

    /// A keymap with exactly these bindings.
    public init(bindings: [Mode: [KeySequence: Action]]) { self.bindings = bindings }

    /// What a run of pending keys means in a mode.
    public enum Lookup: Equatable, Sendable {
        /// The keys complete a binding.
        case action(Action)
        /// The keys start one or more longer bindings: wait for the next key.
        case pending
        /// Nothing is bound to these keys.
        case unbound
    }

    /// Looks up the keys typed so far in a mode.
    public func lookup(_ keys: [Key], in mode: Mode) -> Lookup {
        guard let table = bindings[mode], !keys.isEmpty else { return .unbound }
        let seq = KeySequence(keys)
        if let a = table[seq] { return .action(a) }
        if table.keys.contains(where: { seq.isProperPrefix(of: $0) }) { return .pending }
        return .unbound
    }

    /// The sequences bound to an action in a mode, shortest and plainest first.
    public func sequences(for action: Action, in mode: Mode) -> [KeySequence] {
        (bindings[mode] ?? [:]).filter { $0.value == action }.map(\.key).sorted()
    }

    /// The label of the first key bound to an action (e.g. `⏎`), or nil when unbound.
    public func label(for action: Action, in mode: Mode) -> String? {
        sequences(for: action, in: mode).first?.label
    }

    /// The actions of a mode in the order of `Binding.all`, each with its key sequences.
    public func entries(in mode: Mode) -> [(action: Action, sequences: [KeySequence])] {
        Binding.all.map(\.action).compactMap { a in
            let s = sequences(for: a, in: mode)
            return s.isEmpty ? nil : (a, s)
        }
    }

    /// The built-in bindings of DESIGN.md, from the binding records (`Binding.all`).
    public static let defaults: Keymap = {
        var bindings: [Mode: [KeySequence: Action]] = [:]
        for b in Binding.all {
            for (mode, seqs) in b.keys {
                for seq in seqs {
                    precondition(bindings[mode]?[seq] == nil, "\(seq) bound twice in \(mode)")
                    bindings[mode, default: [:]][seq] = b.action
                }
            }
        }
        return Keymap(bindings: bindings)
    }()
}
