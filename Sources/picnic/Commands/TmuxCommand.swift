import ArgumentParser
import Foundation
import PicnicCore

/// `picnic tmux`: print, install or remove the tmux.conf snippet.
struct TmuxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tmux",
        abstract: "Print the tmux.conf lines for capture, the dashboard key and the status line.",
        discussion: """
        Prints a snippet to paste into tmux.conf, or with --install adds it to your tmux \
        configuration inside a block marked '# >>> picnic >>>' … '# <<< picnic <<<' \
        (~/.tmux.conf or $XDG_CONFIG_HOME/tmux/tmux.conf, whichever exists). --install again \
        updates the block; --uninstall removes it and leaves the file as it was. With --db, the \
        snippet runs picnic on that database. TPM users: add 'set -g @plugin …/picnic' instead.
        """
    )

    @Option(name: .long, help: "Prefix key for the capture popup.")
    var key = "T"
    @Option(name: .customLong("dashboard-key"), help: "Prefix key that opens or focuses the dashboard window.")
    var dashboardKey = "P"
    @Option(name: .customLong("copy-key"), help: "Copy-mode key that adds the selection as a task.")
    var copyKey = "C-t"
    @Option(name: .customLong("popup-width"), help: "Capture popup width (cells or percent).")
    var popupWidth = "80%"
    @Option(name: .customLong("popup-height"), help: "Capture popup height (cells or percent).")
    var popupHeight = "12"
    @Flag(name: .customLong("no-status"), help: "Leave the status line alone.")
    var noStatus = false
    @Option(name: .long, help: "How the snippet starts picnic (default: 'picnic' when it is on PATH, else this binary's full path).")
    var command: String?
    @Flag(name: .long, help: "Add the snippet to your tmux configuration (idempotent).")
    var install = false
    @Flag(name: .long, help: "Remove the snippet from your tmux configuration.")
    var uninstall = false
    @Option(name: .long, help: "The tmux configuration file for --install / --uninstall.")
    var file: String?

    func run() throws {
        if install && uninstall { throw PicnicError.usage("--install and --uninstall cannot be combined") }
        if file != nil && !install && !uninstall { throw PicnicError.usage("--file goes with --install or --uninstall") }
        let path = TmuxConfigFile.resolve(file: file)
        let config = TmuxConfigFile(path: path)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        let shown = !home.isEmpty && path.hasPrefix(home + "/") ? "~" + path.dropFirst(home.count) : path
        if uninstall {
            switch try config.uninstall() {
            case .absent: Global.note("No picnic block in \(shown): nothing to remove.")
            case .removedFile: Global.note("Removed \(shown) (--install had created it).")
            default: Global.note("Removed the picnic block from \(shown). Reload with: tmux source-file \(shown)")
            }
            return
        }
        let text = try snippet().text
        guard install else {
            print(text, terminator: "")
            return
        }
        switch try config.install(text) {
        case .unchanged: Global.note("\(shown) already has the picnic block.")
        case .updated: Global.note("Updated the picnic block in \(shown). Reload with: tmux source-file \(shown)")
        default: Global.note("Added the picnic block to \(shown). Reload with: tmux source-file \(shown)")
        }
    }

    func snippet() throws -> TmuxSnippet {
        try TmuxSnippet.validateKey(key, option: "--key")
        try TmuxSnippet.validateKey(dashboardKey, option: "--dashboard-key")
        try TmuxSnippet.validateKey(copyKey, option: "--copy-key")
        try TmuxSnippet.validateSize(popupWidth, option: "--popup-width")
        try TmuxSnippet.validateSize(popupHeight, option: "--popup-height")
        var s = TmuxSnippet()
        s.captureKey = key
        s.dashboardKey = dashboardKey
        s.copyKey = copyKey
        s.popupWidth = popupWidth
        s.popupHeight = popupHeight
        s.statusSegment = !noStatus
        s.command = [command ?? Self.picnicExecutable()]
        if let db = Global.databasePath {
            s.command += ["--db", URL(fileURLWithPath: db).standardizedFileURL.path]
        }
        if let config = Global.configPath {
            s.command += ["--config", URL(fileURLWithPath: config).standardizedFileURL.path]
        }
        return s
    }

    /// `picnic` when that name on PATH is this very binary, else this binary's absolute path,
    /// so a snippet made from a build folder still works from tmux.
    static func picnicExecutable() -> String {
        let me = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
            .standardizedFileURL.resolvingSymlinksInPath().path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: "\(dir)/picnic").resolvingSymlinksInPath().path
            if FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate == me ? "picnic" : me
            }
        }
        return me
    }
}
