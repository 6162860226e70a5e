import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic annotate ID TEXT…`: add a timestamped note.
struct AnnotateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Add a timestamped note to a task.")

    @Argument(help: "The task.")
    var id: String

    @Argument(parsing: .allUnrecognized, help: "The note.")
    var text: [String] = []

    func run() throws {
        let t = try Global.openDatabase().annotate(ref: id, text: text.joined(separator: " "))
        Global.note(Terminal.safe(TaskWords.said("annotated", [t])))
    }
}
