import CNcursesw
import Foundation
import Glibc
import TermUI

/// The ncurses terminal: the only code that calls ncurses. Opens the screen, reads keys, draws
/// screen buffers by difference, suspends around an editor, and always gives the terminal back.
public final class Terminal {
    /// What to ask of the terminal.
    public struct Options: Sendable {
        /// Report mouse clicks and the wheel (off by default: it takes over text selection).
        public var mouse: Bool
        /// Force a colour depth instead of detecting it (`NO_COLOR` still wins when set).
        public var colorDepth: ColorDepth?
        /// The environment to read `TERM`, `NO_COLOR` from.
        public var environment: [String: String]
        public init(mouse: Bool = false, colorDepth: ColorDepth? = nil,
                    environment: [String: String] = ProcessInfo.processInfo.environment) {
            self.mouse = mouse; self.colorDepth = colorDepth; self.environment = environment
        }
    }

    nonisolated(unsafe) static weak var current: Terminal?

    let screen: OpaquePointer
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>
    let ownsFiles: Bool
    let options: Options
    /// The colour depth in use.
    public let colorDepth: ColorDepth
    var lastDrawn: ScreenBuffer?
    var pendingKeys: [Key] = []
    var styleCache: [Style: (attr_t, Int32)] = [:]
    var pairs: [Look: Int32] = [:]
    var closed = false
    var suspended = false

    /// Opens the terminal (stdin/stdout when both are ttys, else /dev/tty). Throws a
    /// `TerminalError` with a one-line message when there is no terminal or `TERM` is unknown.
    public init(options: Options = Options()) throws {
        setlocale(LC_ALL, "")
        self.options = options
        let term = options.environment["TERM"] ?? ""
        guard !term.isEmpty else { throw TerminalError("cannot open the dashboard: TERM is not set") }
        if isatty(0) == 1 && isatty(1) == 1 {
            input = stdin; output = stdout; ownsFiles = false
        } else {
            guard let tty = fopen("/dev/tty", "r+") else {
                throw TerminalError("cannot open the dashboard: no terminal (stdin/stdout are not a tty and /dev/tty cannot be opened)")
            }
            input = tty; output = tty; ownsFiles = true
        }
        TerminalRestore.install()
        TerminalRestore.saveModes(fd: fileno(output))
        // newterm prints nothing and returns NULL for an unknown TERM (initscr would exit).
        var errret: Int32 = 0
        if setupterm(term, fileno(output), &errret) != OK {
            if ownsFiles { fclose(input) }
            throw TerminalError("cannot open the dashboard: unknown terminal type TERM=\(term) (no terminfo entry; try TERM=xterm-256color)")
        }
        guard let scr = newterm(term, output, input) else {
            if ownsFiles { fclose(input) }
            throw TerminalError("cannot open the dashboard: ncurses could not initialise TERM=\(term)")
        }
        screen = scr
        set_term(scr)
        cbreak(); noecho(); nonl()
        intrflush(picnic_stdscr(), false)
        keypad(picnic_stdscr(), true)
        set_escdelay(25)
        Terminal.defineExtraKeys()
        curs_set(0)
        var depth = ColorDepth.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            depth = ColorDepth.detect(colors: Int(picnic_COLORS()), hasColors: true, environment: options.environment)
        } else {
            depth = .monochrome
        }
        if let forced = options.colorDepth, depth != .monochrome || forced == .monochrome {
            depth = forced
        }
        colorDepth = depth
        if options.mouse {
            mousemask(picnic_mouse_mask(), nil)
            mouseinterval(0)
        }
        TerminalRestore.prepareBytes(mouse: options.mouse)
        TerminalRestore.active = 1
        Terminal.current = self
        lastDrawn = nil
        clearok(picnic_stdscr(), true)
    }

    deinit { close() }

    /// Runs `body` with an open terminal and gives the terminal back however `body` ends
    /// (returning or throwing).
    public static func withTerminal<T>(_ options: Options = Options(), _ body: (Terminal) throws -> T) throws -> T {
        let terminal = try Terminal(options: options)
        defer { terminal.close() }
        return try body(terminal)
    }

    /// Gives the terminal back (idempotent): leaves the alternate screen, shows the cursor,
    /// restores the tty modes.
    public func close() {
        guard !closed else { return }
        closed = true
        if !suspended {
            curs_set(1)
            endwin()
        }
        TerminalRestore.active = 0
        if TerminalRestore.haveModes { tcsetattr(TerminalRestore.fd, TCSAFLUSH, TerminalRestore.savedModes) }
        delscreen(screen)
        if ownsFiles { fclose(input) }
        if Terminal.current === self { Terminal.current = nil }
    }

    /// Called by the `atexit` hook: ends curses if a terminal is still open.
    static func restoreAtExit() {
        if let t = current { t.close() } else { TerminalRestore.restoreFromSignal() }
    }

    /// The current size in cells.
    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        picnic_getmaxyx(picnic_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Leaves curses mode so another program (e.g. `$EDITOR`) can use the terminal.
    public func suspend() {
        guard !suspended, !closed else { return }
        def_prog_mode()
        curs_set(1)
        endwin()
        TerminalRestore.active = 0
        suspended = true
    }

    /// Returns to curses mode after `suspend()`; the next draw repaints everything.
    public func resume() {
        guard suspended, !closed else { return }
        reset_prog_mode()
        suspended = false
        TerminalRestore.active = 1
        curs_set(0)
        invalidate()
        refresh()
    }

    /// Runs `body` (e.g. an editor) with curses suspended, resuming however it ends.
    public func withSuspended<T>(_ body: () throws -> T) rethrows -> T {
        suspend()
        defer { resume() }
        return try body()
    }

    /// Forgets what is on screen, so the next draw repaints every cell.
    public func invalidate() {
        lastDrawn = nil
        clearok(picnic_stdscr(), true)
    }
}
