import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic delete ID…`: remove tasks from the queue (kept for undo and export).
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete tasks (undo brings them back; export still lists them).",
        discussion: """
        Deleting an instance of a recurring task makes the next one; with --series the series \
        stops instead (no more instances).
        """)

    @Flag(name: .long, help: "Stop the recurring series of each task too.")
    var series = false

    @Argument(help: "The tasks to delete.")
    var ids: [String] = []

    func run() throws {
        let refs = try TaskRefs.expand(ids)
        let now = Clock.now()
        let db = try Global.openDatabase()
        let numbers = try Global.numbers(refs, db)
        let result = try db.remove(refs: refs, wholeSeries: series, now: now)
        for t in result.closed { Global.note(Terminal.safe(TaskWords.said("deleted", [t], numbers: numbers))) }
        SeriesNotes.print(result, now: now)
    }
}
