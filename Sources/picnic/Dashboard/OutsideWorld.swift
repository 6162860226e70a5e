import CursesBackend
import Foundation
import PicnicCore
import ProcessSpawn
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
        guard ChildProcess.isProgram(browser[0], path: environment["PATH"]) else { throw NoOpener(program: browser[0]) }
        try Self.spawnDetached(browser + [url], environment: environment)
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

    /// Starts `argv` (looked up in PATH) on this terminal and waits; returns its exit status.
    static func runWaiting(_ argv: [String], environment: [String: String]) throws -> Int32 {
        try start(argv, ChildProcess.Options(environment: environment, stdin: .inherit, stdout: .inherit,
                                             stderr: .inherit, searchPath: true)).wait().status
    }

    /// Starts `argv` (looked up in PATH) detached: every stream on /dev/null, a session of its
    /// own (a browser outlives a closed pane), reaped by a background thread.
    static func spawnDetached(_ argv: [String], environment: [String: String]) throws {
        try start(argv, ChildProcess.Options(environment: environment, searchPath: true, newSession: true)).reapInBackground()
    }

    private static func start(_ argv: [String], _ options: ChildProcess.Options) throws -> ChildProcess.Running {
        guard !argv.isEmpty else { throw PicnicError.config("no program to run") }
        do { return try ChildProcess.start(argv, options) } catch let e as ChildProcess.StartError {
            throw PicnicError.io("cannot run \(Terminal.safe(e.program)): \(String(cString: strerror(e.code)))")
        }
    }
}
