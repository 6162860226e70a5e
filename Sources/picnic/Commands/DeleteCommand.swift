import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic delete ID…`: remove tasks from the queue (kept for undo and export).
struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete tasks (undo brings them back; export still lists them).")

    @Argument(help: "The tasks to delete.")
    var ids: [String] = []

    func run() throws {
        let refs = try TaskRefs.expand(ids)
        let db = try Global.openDatabase()
        let numbers = try Global.numbers(refs, db)
        let tasks = try db.delete(refs: refs)
        for t in tasks { Global.note(Terminal.safe(TaskWords.said("deleted", [t], numbers: numbers))) }
    }
}
