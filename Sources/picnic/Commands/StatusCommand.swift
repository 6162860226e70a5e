import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic status`: the active task, what is due today, and tasks with strong help waiting.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "One line: the active task, due today, tasks with strong help waiting.",
        discussion: """
        Reads only what is stored (tasks and the match cache); it never runs the matcher and \
        never writes, so it is cheap enough for tmux's status line (see 'picnic tmux'). \
        --tmux prints a styled segment (empty when there is nothing to say); --json an object \
        with active, due_today, overdue and help_waiting.
        """
    )

    @Flag(name: .long, help: "A tmux status segment with #[fg=…] styles.")
    var tmux = false
    @Flag(name: .long, help: "A JSON object.")
    var json = false
    @Option(name: .customLong("max-title"), help: "Shorten the active task's title to this many columns.")
    var maxTitle = 30

    func run() throws { try Self.run(tmux: tmux, json: json, maxTitle: maxTitle) }

    /// The command's work, callable without the parser (see `FastPath`).
    static func run(tmux: Bool, json: Bool, maxTitle: Int) throws {
        if tmux && json { throw PicnicError.usage("--tmux and --json cannot be combined") }
        if maxTitle < 1 { throw PicnicError.usage("--max-title \(maxTitle): want a positive number of columns") }
        let snapshot = try StatusSnapshot.read(path: Global.resolvedDatabasePath, now: Clock.now(),
                                               keep: { Global.openConnections.append($0) })
        let line: String
        if json {
            line = snapshot.json()
        } else if tmux {
            line = snapshot.tmux(maxTitle: maxTitle, color: Environment.value("NO_COLOR").map(\.isEmpty) ?? true)
        } else {
            line = snapshot.plain(maxTitle: maxTitle)
        }
        Terminal.write(line + "\n")
    }
}
