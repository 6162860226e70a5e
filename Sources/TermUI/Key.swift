import Foundation

/// One decoded input event: a key press, a terminal resize or a mouse action.
///
/// Every key has a textual name used by the keymap config and the help overlay (`Key.name`,
/// `Key(name:)`): `a`, `A`, `?`, `space`, `ctrl-d`, `alt-x`, `enter`, `esc`, `tab`, `backtab`,
/// `backspace`, `delete`, `insert`, `up`, `down`, `left`, `right`, `home`, `end`, `pgup`, `pgdn`,
/// `f1`…`f24`, `resize`.
public enum Key: Hashable, Sendable {
    /// A printable character (a grapheme cluster), including space.
    case char(Character)
    /// Control plus a key: a letter `a`…`z` (lowercase) or one of `@ [ \ ] ^ _` and `space`.
    case ctrl(Character)
    /// Alt (or an Esc prefix) plus a printable character.
    case alt(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete, backspace
    case enter, escape, tab, backTab
    /// A function key F1…F24.
    case function(Int)
    /// The terminal changed size.
    case resize
    /// A mouse button, release or wheel at a cell.
    case mouse(Mouse)

    /// A mouse event at a cell.
    public struct Mouse: Hashable, Sendable {
        public enum Action: String, Hashable, Sendable {
            case press, release, wheelUp, wheelDown
        }
        public var action: Action
        /// 1 left, 2 middle, 3 right (0 for the wheel).
        public var button: Int
        public var x: Int
        public var y: Int
        public init(_ action: Action, button: Int = 1, x: Int, y: Int) {
            self.action = action; self.button = button; self.x = x; self.y = y
        }
    }

    /// The key a control byte (0x00–0x1F, 0x7F) stands for: `enter` for CR/LF, `tab`, `esc`,
    /// `backspace` for DEL and Ctrl-H, otherwise `ctrl-<letter>`.
    public init?(controlByte b: UInt32) {
        switch b {
        case 0x0D, 0x0A: self = .enter
        case 0x09: self = .tab
        case 0x1B: self = .escape
        case 0x7F, 0x08: self = .backspace
        case 0x00: self = .ctrl(" ")
        case 0x01...0x1A: self = .ctrl(Character(Unicode.Scalar(b + 0x60)!))
        case 0x1C...0x1F: self = .ctrl(Character(Unicode.Scalar(b + 0x40)!))
        default: return nil
        }
    }
}
