import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic stop ID`: stop working on a task.
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stop",
        abstract: "Stop working on a started task.")

    @Argument(help: "The task.")
    var id: String

    func run() throws {
        let t = try Global.openDatabase().stop(ref: id)
        Global.note(Terminal.safe(TaskWords.said("stopped", [t])))
    }
}
