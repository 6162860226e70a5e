import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic done ID…`: finish tasks; a recurring one makes its next instance.
struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark tasks done (IDs: 3, 1-4, 2,5, a UUID or UUID prefix).",
        discussion: """
        Finishing an instance of a recurring task makes the next one (once), due at the series' \
        next date still ahead; finishing a task others wait on unblocks them.
        """)

    @Argument(help: "The tasks to finish.")
    var ids: [String] = []

    func run() throws {
        let refs = try TaskRefs.expand(ids)
        let now = Clock.now()
        let db = try Global.openDatabase()
        let numbers = try Global.numbers(refs, db)
        let result = try db.finish(refs: refs, now: now)
        for t in result.closed { Global.note(Terminal.safe(TaskWords.said("finished", [t], numbers: numbers))) }
        SeriesNotes.print(result, now: now)
    }
}

/// What `done` and `delete` say about the series they stepped.
enum SeriesNotes {
    static func print(_ result: FinishResult, now: Date) {
        for t in result.next {
            let due = t.due.map { ", due \(TaskTable.relative($0, now: now))" } ?? ""
            Global.note(Terminal.safe("Next: " + TaskWords.name(t)) + "\(due).")
        }
        for s in result.ended {
            Global.note(s.template.status == .deleted
                ? "Stopped the series \(Terminal.safe(TaskWords.quoted(s.template.title))) (no more instances)."
                : "The series \(Terminal.safe(TaskWords.quoted(s.template.title))) has ended (until passed).")
        }
    }
}
