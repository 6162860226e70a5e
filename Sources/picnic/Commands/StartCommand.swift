import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic start ID`: mark a task as being worked on.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start working on a task (it becomes active and rises in the queue).")

    @Argument(help: "The task.")
    var id: String

    func run() throws {
        let t = try Global.openDatabase().start(ref: id)
        Global.note(Terminal.safe(TaskWords.said("started", [t])))
    }
}
