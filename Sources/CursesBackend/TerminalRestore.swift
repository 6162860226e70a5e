import CNcursesw
import Glibc

/// Gives the terminal back on every path out of the program: normal exit (`atexit`), SIGINT,
/// SIGTERM and SIGHUP (restore, then exit 130/143/129) and crashes (restore, then let the
/// previous handler, e.g. Swift's backtracer, run outside the alternate screen).
///
/// Signal handlers may only use async-signal-safe calls, so the restore is prepared in advance:
/// the bytes that leave the alternate screen and show the cursor, and the tty modes saved before
/// curses changed them; the handler writes the one and applies the other.
enum TerminalRestore {
    nonisolated(unsafe) static var active: Int32 = 0
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 512)
    nonisolated(unsafe) static var byteCount = 0
    nonisolated(unsafe) static var savedModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static var haveModes = false
    nonisolated(unsafe) static var previousFatal = UnsafeMutablePointer<sigaction>.allocate(capacity: 32)
    nonisolated(unsafe) static var installed = false

    static let exitSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

    /// Saves the tty modes of `fd` before curses touches them.
    static func saveModes(fd: Int32) {
        self.fd = fd
        haveModes = tcgetattr(fd, savedModes) == 0
    }

    /// Prepares the bytes a signal handler writes: attributes off, cursor visible, keypad
    /// transmit off, mouse reporting off, alternate screen off.
    static func prepareBytes(mouse: Bool) {
        var s: [UInt8] = []
        for cap in ["sgr0", "cnorm", "rmkx"] {
            if let p = picnic_tigetstr(cap) { s += Array(String(cString: p).utf8) }
        }
        if mouse { s += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8) }
        if let p = picnic_tigetstr("rmcup") { s += Array(String(cString: p).utf8) }
        byteCount = min(s.count, 512)
        for (i, b) in s.prefix(512).enumerated() { bytes[i] = b }
    }

    /// Async-signal-safe: writes the prepared bytes and puts the saved tty modes back.
    static func restoreFromSignal() {
        guard active != 0 else { return }
        active = 0
        if byteCount > 0 { _ = write(fd, bytes, byteCount) }
        if haveModes { _ = tcsetattr(fd, TCSAFLUSH, savedModes) }
    }

    /// Installs the signal handlers and the `atexit` hook (once per process).
    static func install() {
        guard !installed else { return }
        installed = true
        atexit { Terminal.restoreAtExit() }
        for sig in exitSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                TerminalRestore.restoreFromSignal()
                _exit(128 + sig)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
        // A parent may have left these blocked (test runners do); they must reach the handlers.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in exitSignals { sigaddset(&unblock, sig) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in
                TerminalRestore.restoreFromSignal()
                // Put the previous handler back; the fault repeats on return (or abort re-raises)
                // and that handler, e.g. Swift's backtracer, runs on a normal screen.
                sigaction(sig, TerminalRestore.previousFatal.advanced(by: Int(sig)), nil)
                if sig == SIGABRT || sig == SIGTRAP { raise(sig) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(SA_NODEFER)
            sigaction(sig, &action, previousFatal.advanced(by: Int(sig)))
        }
    }
}
