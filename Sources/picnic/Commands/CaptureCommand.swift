import ArgumentParser
import CursesBackend
import Dashboard
import Foundation
import PicnicCore
import PicnicStore
import TermUI

/// `picnic capture`: the dashboard in capture mode, sized for a tmux popup.
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture one task in a small full-screen line (made for a tmux popup).",
        discussion: """
        Type a quick-add line; the line under it shows how it reads, and threads that may already \
        answer it follow. Tab completes +tags and project: names, ↑/↓ walk the history, readline \
        keys edit. ⏎ saves and exits 0 (a line that does not read stays open with the reason); \
        Esc or Ctrl-C cancels and exits 130 without saving.
        """
    )

    @Flag(name: .long, help: "Annotate the task with where it was captured (folder, git repository and branch).")
    var origin = false

    func run() throws {
        // Configuration first: a bad config file is reported before the screen is touched.
        let config = try ConfigFile.current()
        let keymap = try config.keymap()
        let record = try origin || config.capture().recordOrigin
        let db = try Global.openDatabase()
        let capture = EffectRunner.Capture(history: HistoryFile(path: HistoryFile.defaultPath()),
                                           note: record ? Origin.describe(directory: FileManager.default.currentDirectoryPath) : nil)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch let e as TerminalError {
            throw PicnicError.config(e.message)
        }
        let loop = DashboardLoop(terminal: terminal, db: db, keymap: keymap, capture: capture)
        loop.run()
        terminal.close()
        guard case .saved = loop.state.captured else {
            throw PicnicError(.interrupted, "capture cancelled; nothing saved")
        }
        // At once: a draft match may still hold the store, and the task is committed.
        Foundation.exit(0)
    }
}
