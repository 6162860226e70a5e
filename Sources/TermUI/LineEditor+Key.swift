import Foundation

extension LineEditor.Input {
    /// The editor input for a decoded key, or nil for keys a line editor never uses
    /// (Enter, Esc, function keys, mouse, resize: the caller handles those).
    public init?(_ key: Key) {
        switch key {
        case .char(let c): self = .text(String(c))
        case .ctrl(let c): self = .ctrl(c)
        case .alt(let c): self = .alt(c)
        case .left: self = .left
        case .right: self = .right
        case .up: self = .up
        case .down: self = .down
        case .home: self = .home
        case .end: self = .end
        case .backspace: self = .backspace
        case .delete: self = .delete
        case .tab: self = .tab
        case .backTab: self = .backTab
        default: return nil
        }
    }
}

extension LineEditor {
    /// Applies a decoded key; `.ignored` for keys that are not editing keys.
    @discardableResult
    public mutating func handleKey(_ key: Key) -> Outcome {
        guard let input = Input(key) else { return .ignored }
        return handle(input)
    }
}
