import TermUI
import Foundation

/// One key binding as a record: the action, its default keys per mode, what it does, where the
/// status bar hints it, and when it cannot be used and why.
///
/// `Binding.all` is the one table: `Keymap.defaults`, the status-bar hints, the keys overlay and
/// `docs/Keybindings.md` are all generated from it, in its order.
public struct Binding: Sendable {
    /// What the keys do.
    public let action: Action
    /// The default key sequences in each mode.
    public let keys: [Mode: [KeySequence]]
    /// One line saying what it does, for the keys overlay and the docs.
    public let summary: String
    /// A short label for the status-bar hint.
    public let hint: String
    /// Where the status bar hints it (in table order).
    public let hintedIn: Set<HintPlace>
    /// Why the action cannot be used in this state, or nil when it can.
    public let unavailable: @Sendable (AppState) -> String?

    /// A binding; `hint` defaults to the action's name.
    public init(_ action: Action, _ keys: [Mode: [KeySequence]], _ summary: String, hint: String? = nil,
                hintedIn: Set<HintPlace> = [], unavailable: @escaping @Sendable (AppState) -> String? = { _ in nil }) {
        self.action = action
        self.keys = keys
        self.summary = summary
        self.hint = hint ?? action.name
        self.hintedIn = hintedIn
        self.unavailable = unavailable
    }

    /// The record of an action.
    public static func of(_ action: Action) -> Binding { byAction[action]! }

    private static let byAction: [Action: Binding] = Dictionary(uniqueKeysWithValues: all.map { ($0.action, $0) })

    /// The actions hinted at a place, in table order.
    public static func hinted(at place: HintPlace) -> [Action] {
        hintOrder[place] ?? []
    }

    private static let hintOrder: [HintPlace: [Action]] = Dictionary(grouping: all.flatMap { b in b.hintedIn.map { ($0, b.action) } },
                                                                     by: \.0).mapValues { pairs in
        all.map(\.action).filter { a in pairs.contains { $0.1 == a } }
    }
}

/// What the status-bar hints follow: the mode and, in normal mode, the focused pane.
public enum HintPlace: String, Hashable, Sendable, CaseIterable {
    case queue, help, reader, filter, prompt, confirm, overlay, capture
    case ask, answer, couldHelp, ledger, whatHelped

    /// Where a state is.
    public static func of(_ state: AppState) -> HintPlace {
        switch state.mode {
        case .normal: state.focus == .help ? .help : .queue
        case .filter: .filter
        case .add, .modify, .annotate: .prompt
        case .confirmDelete: .confirm
        case .reader: .reader
        case .help: .overlay
        case .capture: .capture
        case .ask: .ask
        case .answer: .answer
        case .couldHelp: .couldHelp
        case .ledger: .ledger
        case .whatHelped: .whatHelped
        }
    }
}

extension Action {
    /// One line saying what it does (from its binding record).
    public var summary: String { Binding.of(self).summary }
    /// A short label for status-bar hints (from its binding record).
    public var hint: String { Binding.of(self).hint }
    /// Why the action cannot be used now, or nil (from its binding record).
    public func unavailable(in state: AppState) -> String? { Binding.of(self).unavailable(state) }
}
