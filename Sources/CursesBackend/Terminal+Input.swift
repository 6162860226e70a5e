import CNcursesw
import Glibc
import TermUI

extension Terminal {
    /// Waits up to `timeout` milliseconds (negative: forever, 0: just poll) for the next key,
    /// resize or mouse event; nil when none came in time. Alt-x and Esc-then-x arrive as `.alt("x")`.
    public func readKey(timeout: Int) -> Key? {
        if !pendingKeys.isEmpty {
            let key = pendingKeys.removeFirst()
            if key == .resize { invalidate() }
            return key
        }
        guard !closed, !suspended else { return nil }
        let win = picnic_stdscr()
        var deadline = timeout
        while true {
            // "Forever" is waited in slices: curses learns of a resize from its SIGWINCH handler,
            // and when the kernel hands that signal to another thread of the process (Swift and
            // Dispatch start some), a blocking read on this one is never interrupted, so the
            // resize would wait for the next key. Each slice's end checks the flag again.
            wtimeout(win, Int32(deadline < 0 ? Self.foreverSlice : deadline))
            let started = deadline < 0 ? Self.monotonicMS() : 0
            var wch: wint_t = 0
            let rc = wget_wch(win, &wch)
            if rc == ERR {
                // A slice that ended early is not a timeout (input closed): report it as before.
                if deadline < 0 && Self.monotonicMS() - started >= Self.foreverSlice / 2 { continue }
                return nil
            }
            if rc == KEY_CODE_YES {
                if let key = decodeKeyCode(Int32(wch)) {
                    if key == .resize { invalidate() }
                    return key
                }
            } else if let key = decodeCharacter(UInt32(wch)) {
                if key == .escape {
                    // An Esc with something right behind it is Alt plus that key.
                    wtimeout(win, 0)
                    var next: wint_t = 0
                    let rc2 = wget_wch(win, &next)
                    if rc2 == OK, next == 0x5B || next == 0x4F {
                        // ESC [ or ESC O in one burst: an escape sequence curses does not know;
                        // swallow it rather than report garbage keys.
                        skipSequence(win)
                        if deadline > 0 { deadline = 0 }
                        continue
                    }
                    if rc2 == OK, let k = decodeCharacter(UInt32(next)) {
                        if case .char(let c) = k { return .alt(c) }
                        pendingKeys.append(k)
                    } else if rc2 == KEY_CODE_YES, let k = decodeKeyCode(Int32(next)) {
                        pendingKeys.append(k)
                    }
                }
                return key
            }
            // Something we do not map (an unknown key code): keep waiting within the timeout.
            if deadline > 0 { deadline = 0 }
        }
    }

    /// Milliseconds of one wait when `readKey` is asked to wait forever.
    static let foreverSlice = 250

    static func monotonicMS() -> Int {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return ts.tv_sec * 1000 + ts.tv_nsec / 1_000_000
    }

    /// Reads the rest of an unknown CSI/SS3 sequence (parameters up to the final byte).
    private func skipSequence(_ win: UnsafeMutablePointer<WINDOW>?) {
        wtimeout(win, 0)
        for _ in 0..<32 {
            var c: wint_t = 0
            guard wget_wch(win, &c) == OK else { return }
            if c >= 0x40 && c <= 0x7E { return }
        }
    }

    /// Teaches curses the Home/End/Delete sequences that terminals and tmux send but terminfo
    /// entries often miss (e.g. tmux sends ESC[1~ for Home to a pane whose TERM says ESC OH).
    static func defineExtraKeys() {
        let extra: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
            ("\u{1B}[3~", KEY_DC), ("\u{1B}[2~", KEY_IC), ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE),
            ("\u{1B}[Z", KEY_BTAB),
        ]
        for (seq, code) in extra where key_defined(seq) <= 0 { define_key(seq, code) }
    }

    func decodeCharacter(_ v: UInt32) -> Key? {
        if let k = Key(controlByte: v) { return k }
        guard let scalar = Unicode.Scalar(v), v >= 0x20 else { return nil }
        if v >= 0x80 && v < 0xA0 { return nil }
        return .char(Character(scalar))
    }

    func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1, KEY_LL: return .end
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_IC: return .insert
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return readMouse()
        default:
            let f0 = picnic_KEY_F(0)
            if code > f0 && code <= f0 + 24 { return .function(Int(code - f0)) }
            return nil
        }
    }

    func readMouse() -> Key? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        var button: Int32 = 0
        let action: Key.Mouse.Action
        switch picnic_mouse_action(event.bstate, &button) {
        case 1: action = .press
        case 2: action = .release
        case 3: action = .wheelUp
        case 4: action = .wheelDown
        default: return nil
        }
        return .mouse(Key.Mouse(action, button: Int(button), x: Int(event.x), y: Int(event.y)))
    }
}
