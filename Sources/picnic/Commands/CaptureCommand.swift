import ArgumentParser
import CursesBackend
import Foundation
import GRDB
import PicnicCore
import PicnicStore
import TermUI

/// `picnic capture`: a one-line capture UI sized for a tmux popup.
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture one task in a small full-screen line (made for a tmux popup).",
        discussion: """
        Type a quick-add line; the preview under it shows how it reads. Tab completes +tags and
        project: names from all tasks, ↑/↓ walk the history, readline keys edit. ⏎ saves and
        exits 0; Esc or Ctrl-C cancels and exits 130 without saving.
        """
    )

    @Flag(name: .long, help: "Annotate the task with where it was captured (folder, git repository and branch).")
    var origin = false

    func run() throws {
        let db = try Global.openDatabase()
        let words = try Self.completionWords(db)
        let history = LineHistory(path: LineHistory.defaultPath())
        var editor = LineEditor(history: history.load(), completer: { word in
            guard !word.isEmpty else { return [] }
            return words.filter { $0.hasPrefix(word) && $0 != word }
        })
        let matcher = DraftMatcher(db: db)
        var saved: WorkTask?
        var cancelled = false
        try CursesBackend.Terminal.withTerminal { term in
            var lastText = "\u{0}"
            var lastEdit = Date()
            var first = true
            loop: while true {
                let now = Date()
                if editor.text != lastText {
                    lastText = editor.text
                    lastEdit = now
                }
                if now.timeIntervalSince(lastEdit) > 0.15 { matcher.request(editor.text) }
                let size = term.size
                let view = CaptureView(editor: editor,
                                       preview: editor.text.isEmpty ? nil : QuickAdd.preview(editor.text, now: now, calendar: .current),
                                       matches: matcher.results(for: editor.text), now: now)
                term.draw(view.render(width: size.width, height: size.height))
                if first { ReadySignal.send(); first = false }
                guard let key = term.readKey(timeout: 60) else { continue }
                switch key {
                case .escape:
                    if editor.cancelCompletion() { continue }
                    cancelled = true
                    break loop
                case .ctrl("c"), .ctrl("g"):
                    cancelled = true
                    break loop
                case .enter:
                    switch QuickAdd.preview(editor.text, now: Date(), calendar: .current) {
                    case .success(let draft):
                        saved = try save(draft, db: db)
                        try? history.append(editor.text)
                        break loop
                    case .failure:
                        continue // the preview already shows why
                    }
                default:
                    if editor.handleKey(key) == .endOfInput { cancelled = true; break loop }
                }
            }
        }
        if cancelled || saved == nil { throw PicnicError(.interrupted, "capture cancelled; nothing saved") }
    }

    private func save(_ draft: TaskModification, db: AppDatabase) throws -> WorkTask {
        // The origin note goes in with the task: one transaction, one undo step.
        let record = origin || CaptureSettings.recordOrigin(configPath: Global.configPath)
        let note = record ? Origin.describe(directory: FileManager.default.currentDirectoryPath) : nil
        return try db.addTask(draft, annotation: note)
    }

    /// `+tag` and `project:name` words from every task, finished ones too, most used first.
    static func completionWords(_ db: AppDatabase) throws -> [String] {
        try db.pool.read { d in
            var counts: [String: Int] = [:]
            for tags in try String.fetchAll(d, sql: "SELECT tags FROM tasks WHERE tags != ''") {
                for t in tags.split(separator: " ") { counts["+" + t, default: 0] += 1 }
            }
            for row in try Row.fetchAll(d, sql: "SELECT project, count(*) FROM tasks WHERE project IS NOT NULL GROUP BY project") {
                let p: String = row[0]
                counts["project:" + p, default: 0] += row[1]
            }
            return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        }
    }
}
