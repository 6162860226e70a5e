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
        occur in the title, a tag or the project; +BLOCKED, +UNBLOCKED, +BLOCKING, +READY, \
        +SCHEDULED, +RECURRING; 'or' and ( … ) group terms. Without status:, pending and active \
        tasks are shown. Marks before a title: ⊘ blocked, ↻ recurring, ◷ scheduled later (listed \
        after the ready tasks). In an active context (picnic context) only its tasks are listed.
        """)

    @Flag(name: .long, help: "Print a JSON array (see docs/JSON.md).")
    var json = false

    @Argument(parsing: .allUnrecognized, help: "Filter terms.")
    var filter: [String] = []

    func run() throws { try Self.run(json: json, filter: filter) }

    /// The filter, or its error; a context whose own filter no longer reads is a config error.
    static func parseFilter(_ words: [String], context: QueueContext?, now: Date) throws -> TaskFilter {
        let result: Result<TaskFilter, PicnicError>
        do { result = .success(try TaskFilter.parse(words, now: now, calendar: .current)) } catch { result = .failure(error) }
        if case .failure(let e) = result, let context, (try? context.parsed(now: now, calendar: .current)) == nil {
            throw PicnicError.config("context \(context.name): \(e.message) (fix it: picnic context define \(context.name) FILTER)")
        }
        return try result.get()
    }

    /// The command's work, callable without the parser (see `FastPath`).
    static func run(json: Bool, filter: [String]) throws {
        let now = Clock.now()
        let db = try Global.openDatabase()
        // In a context its filter comes first, grouped, so an `or` in it stays inside.
        let context = try db.activeContext()
        let words = context.map { ["(", $0.filter, ")"] + filter } ?? filter
        // Calendar.current is costly to set up; the plain queue needs no dates parsed.
        let parsed = words.isEmpty ? nil : try parseFilter(words, context: context, now: now)
        if let context, Terminal.stdoutIsTTY { Global.note("Context \(context.name): \(Terminal.safe(context.filter))") }
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
            Global.note(filter.isEmpty && context == nil ? "No tasks. Add one: picnic add Fix flaky CI +ci due:fri"
                        : context.map { "No matching tasks in context \($0.name) (picnic context none shows all)." } ?? "No matching tasks.")
            return
        }
        Terminal.write(bytes: TaskTable.render(rows, now: now, width: Terminal.width))
    }
}
