import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic add TEXT…`: quick-add one task, or one per line from stdin with `-`.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a task: picnic add Fix flaky CI +ci project:infra due:fri pri:H",
        discussion: """
        +tag, project:NAME (pro:), due:WHEN, wait:WHEN, scheduled:WHEN (sched:), pri:H|M|L \
        (priority:), depends:3,5 (dep:), recur:PERIOD with due: (and until:WHEN to stop); the \
        other words are the title. WHEN: today, tomorrow, mon…sun, eod, eow, eom, eoy, now, \
        2026-12-01, 2026-12-01T14:00, +3d, +2w, +1m, +3h. PERIOD: daily, weekdays, weekly, \
        biweekly, monthly, quarterly, yearly, 3d, 2w, 6m, 1y. A bare -- makes the rest title words. \
        In an active context (picnic context) the task also gets the context's tags and project.

        With '-' alone, reads one task per line from stdin (blank lines skipped), all added in \
        one transaction or none. Prints the new task numbers (just the numbers when stdout is \
        not a terminal).
        """)

    @Argument(parsing: .allUnrecognized, help: "The task, in quick-add syntax; '-' reads lines from stdin.")
    var words: [String] = []

    /// A leading `--` ends the options (as for any command) and is not part of the line, so
    /// `picnic add -- "-- text"` reads the line "-- text" as the dashboard's `a` does.
    func run() throws { try Self.run(words: words.first == "--" ? Array(words.dropFirst()) : words) }

    /// The command's work, callable without the parser (see `FastPath`).
    static func run(words: [String]) throws {
        let now = Clock.now(), calendar = Calendar.current
        var drafts: [TaskModification] = []
        if words == ["-"] {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            // "\r\n" is one Character in Swift, and a newline like "\n".
            for (i, line) in input.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
                let text = String(line)
                if text.allSatisfy(\.isWhitespace) { continue }
                do { drafts.append(try QuickAdd.parseNew(text, now: now, calendar: calendar)) } catch {
                    throw PicnicError.data("stdin line \(i + 1): \(error.description)")
                }
            }
            guard !drafts.isEmpty else { throw PicnicError.usage("add -: no tasks on stdin") }
        } else {
            guard !words.isEmpty else { throw PicnicError.usage("add: give the task, e.g. picnic add Fix CI +ci due:fri") }
            do { drafts.append(try QuickAdd.parseNew(words.joined(separator: " "), now: now, calendar: calendar)) } catch {
                throw error.picnicError
            }
        }
        let db = try Global.openDatabase()
        let added = try db.addTasks(drafts, now: now, calendar: calendar)
        if Terminal.stdoutIsTTY {
            for t in added { Terminal.write(Terminal.safe(TaskWords.said("added", [t])) + "\n") }
        } else {
            var out = ""
            for t in added { out += "\(t.number ?? 0)\n" }
            Terminal.write(out)
        }
    }
}
