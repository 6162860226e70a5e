import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic list [FILTER] [--json]`: the queue, most urgent first.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the queue, most urgent first.",
        discussion: """
        FILTER terms (all must match): +tag, -tag, project:NAME, project: (none), \
        status:pending|active|waiting|done|deleted|open|closed|all, pri:H|M|L, due:WHEN, \
        due.before:WHEN, due.after:WHEN, overdue, +ACTIVE, +WAITING, +DUE, and words that must \
        occur in the title, a tag or the project. Without status:, pending and active tasks are shown.
        """)

    @Flag(name: .long, help: "Print a JSON array (see docs/JSON.md).")
    var json = false

    @Argument(parsing: .allUnrecognized, help: "Filter terms.")
    var filter: [String] = []

    func run() throws { try Self.run(json: json, filter: filter) }

    /// The command's work, callable without the parser (see `FastPath`).
    static func run(json: Bool, filter: [String]) throws {
        let now = Date()
        // Calendar.current is costly to set up; the plain queue needs no dates parsed.
        let parsed = filter.isEmpty ? nil : try TaskFilter.parse(filter, now: now, calendar: .current)
        let db = try Global.openDatabase()
        let rows: TaskListing
        if json || parsed != nil {
            let tasks = try db.tasks(matching: parsed ?? .queue, now: now)
            if json {
                var out = TaskJSON.encodeBytes(tasks, now: now, pretty: Terminal.stdoutIsTTY)
                out.append(UInt8(ascii: "\n"))
                Terminal.write(bytes: out)
                return
            }
            rows = TaskListing(tasks, now: now)
        } else {
            // The plain queue, read as table rows: no task values to build, sort and free.
            rows = try db.queueListing(now: now)
        }
        if rows.count == 0 {
            Global.note(filter.isEmpty ? "No tasks. Add one: picnic add Fix flaky CI +ci due:fri" : "No matching tasks.")
            return
        }
        Terminal.write(bytes: TaskTable.render(rows, now: now, width: Terminal.width))
    }
}
