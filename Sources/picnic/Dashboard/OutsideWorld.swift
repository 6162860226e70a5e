import CursesBackend
import Foundation
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// The programs the dashboard hands work to: `$EDITOR` for notes (curses suspended around it),
/// `$BROWSER` or `xdg-open` for links, and the clipboard. Programs are started with an argv,
/// never through a shell, so nothing in a post or a task can become a command.
final class OutsideWorld: @unchecked Sendable {
    let terminal: CursesTerminal
    let environment: [String: String]

    init(terminal: CursesTerminal, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.terminal = terminal
        self.environment = environment
    }

    /// Edits `text` in `$VISUAL`/`$EDITOR` (default `vi`); the new text, or nil when unchanged.
    func edit(_ text: String, name: String) throws -> String? {
        let editor = Self.words(environment["VISUAL"] ?? environment["EDITOR"] ?? "vi")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-edit-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("\(name).md")
        try Data(text.utf8).write(to: file)
        let status = try terminal.withSuspended {
            try Self.runWaiting(editor + [file.path], environment: environment)
        }
        guard status == 0 else { throw PicnicError.io("\(editor.joined(separator: " ")) exited with status \(status); notes unchanged") }
        guard let data = FileManager.default.contents(atPath: file.path), let edited = String(data: data, encoding: .utf8) else {
            throw PicnicError.io("\(file.path): cannot read the edited notes")
        }
        // Editors add a final newline; notes keep their own shape otherwise.
        let trimmed = edited.hasSuffix("\n") && !text.hasSuffix("\n") ? String(edited.dropLast()) : edited
        return trimmed == text ? nil : trimmed
    }

    /// Opens a link with `$BROWSER` or `xdg-open`, detached; its output is discarded so it never
    /// writes over the dashboard.
    func open(_ url: String) throws {
        guard let u = URL(string: url), let scheme = u.scheme?.lowercased(), ["http", "https", "mailto", "file"].contains(scheme) else {
            throw PicnicError.usage("not a link Picnic opens: \(Terminal.safe(url))")
        }
        let browser = environment["BROWSER"].map(Self.words).flatMap { $0.isEmpty ? nil : $0 } ?? ["xdg-open"]
        guard Self.findProgram(browser[0], environment: environment) else { throw NoOpener(program: browser[0]) }
        _ = try Self.spawn(browser + [url], environment: environment, quiet: true)
    }

    /// No program to open links with: neither `$BROWSER` nor `xdg-open` is there.
    struct NoOpener: Error {
        var program: String
        /// What to do about it, in a few words.
        var advice: String {
            program == "xdg-open" ? "nothing here opens links (install xdg-utils, or set $BROWSER)"
                : "$BROWSER (\(Terminal.safe(program))) is not a program here"
        }
    }

    /// Whether `name` (a path, or a name looked up in `$PATH`) is an executable file.
    static func findProgram(_ name: String, environment: [String: String]) -> Bool {
        if name.contains("/") { return access(name, X_OK) == 0 }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").contains { dir in
            var isDir: ObjCBool = false
            let file = "\(dir)/\(name)"
            return access(file, X_OK) == 0 && FileManager.default.fileExists(atPath: file, isDirectory: &isDir) && !isDir.boolValue
        }
    }

    /// Copies text; returns the status message.
    func copy(_ text: String) throws -> String {
        switch Clipboard.copy(text, environment: environment) {
        case .osc52?: return "Copied to the clipboard."
        case .tmuxBuffer?: return "Copied to tmux's paste buffer (prefix ] pastes it)."
        case nil: throw PicnicError.io("Cannot copy here: this terminal takes no clipboard writes and this is not tmux")
        }
    }

    /// Splits a command setting like `code -w` into words (no shell: quotes are not interpreted).
    static func words(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Starts `argv` (looked up in PATH) and waits; returns its exit status.
    static func runWaiting(_ argv: [String], environment: [String: String]) throws -> Int32 {
        let pid = try spawn(argv, environment: environment, quiet: false)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Starts `argv` with posix_spawnp. `quiet`: stdin/stdout/stderr on /dev/null and not waited
    /// for (reaped by SIGCHLD being ignored for it is not portable, so a thread waits).
    static func spawn(_ argv: [String], environment: [String: String], quiet: Bool) throws -> pid_t {
        guard let program = argv.first else { throw PicnicError.config("no program to run") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var flags = Int32(POSIX_SPAWN_SETSIGMASK)
        if quiet { flags |= 0x80 /* POSIX_SPAWN_SETSID (glibc; not in Swift's Glibc module) */ } // a browser outlives a closed pane
        posix_spawnattr_setflags(&attr, Int16(flags))
        let cargv = argv.map { strdup($0) } + [nil]
        defer { cargv.forEach { free($0) } }
        let cenv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cenv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, program, &actions, &attr, cargv, cenv)
        guard rc == 0 else {
            throw PicnicError.io("cannot run \(Terminal.safe(program)): \(String(cString: strerror(rc)))")
        }
        if quiet {
            let pid = pid
            DispatchQueue.global(qos: .background).async {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            }
        }
        return pid
    }
}
