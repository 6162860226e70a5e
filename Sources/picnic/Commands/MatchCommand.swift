import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic match TASK_ID [--json] [--limit N]`: the community threads that may help with a task.
struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Show the community posts that match a task, best first, with why and how sure.",
        discussion: """
        ★ marks a strong match (confidence calibrated so strong matches are relevant at least 70% \
        of the time on labelled data); when none is strong the output says "no strong match". \
        --text matches free text instead of a task (what the quick-add preview shows).
        """)

    @Argument(help: "The task: a number, UUID or UUID prefix.")
    var task: String?

    @Option(name: .long, help: "Match this text instead of a task.")
    var text: String?

    @Flag(name: .long, help: "Print a JSON array of match objects.")
    var json = false

    @Option(name: .long, help: "At most this many threads.")
    var limit: Int = 5

    func validate() throws {
        if (task == nil) == (text == nil) { throw ValidationError("give a task id or --text, not both") }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let db = try Global.openDatabase()
        let matches: [ThreadMatch]
        if let text {
            matches = try db.match(draft: text, limit: limit)
        } else {
            matches = try db.match(task: db.task(ref: task ?? ""), limit: limit)
        }
        if json {
            try PostOutput.write(matches.map(PostOutput.json))
        } else {
            for line in PostOutput.lines(matches) { print(line) }
        }
    }
}
