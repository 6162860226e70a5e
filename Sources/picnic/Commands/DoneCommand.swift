import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic done ID…`: finish tasks.
struct DoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "done",
        abstract: "Mark tasks done (IDs: 3, 1-4, 2,5, a UUID or UUID prefix).")

    @Argument(help: "The tasks to finish.")
    var ids: [String] = []

    func run() throws {
        let refs = try TaskRefs.expand(ids)
        let db = try Global.openDatabase()
        let numbers = try Global.numbers(refs, db)
        let tasks = try db.markDone(refs: refs)
        for t in tasks { Global.note(Terminal.safe(TaskWords.said("finished", [t], numbers: numbers))) }
    }
}
