import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic undo`: revert the newest change, whoever made it.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the last change made by any command (repeat to go further back).")

    func run() throws {
        if let label = try Global.openDatabase().undo() {
            Global.note(Terminal.safe(TaskWords.sentence("Undid: " + label)))
        } else {
            Global.note("Nothing to undo.")
        }
    }
}
