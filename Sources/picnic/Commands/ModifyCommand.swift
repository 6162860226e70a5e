import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic modify ID MODS…`: change a task with quick-add syntax.
struct ModifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify",
        abstract: "Change a task: picnic modify 3 +urgent -later due:fri project:",
        discussion: """
        Quick-add syntax: +tag adds, -tag removes, project:NAME sets and project: clears \
        (likewise due:, wait:, pri:); other words replace the title.
        """)

    @Argument(help: "The task.")
    var id: String

    @Argument(parsing: .allUnrecognized, help: "The changes.")
    var changes: [String] = []

    func run() throws {
        let change: TaskModification
        do { change = try QuickAdd.parseModification(changes.joined(separator: " "), now: Date(), calendar: .current) } catch {
            throw error.picnicError
        }
        let t = try Global.openDatabase().modify(ref: id, with: change)
        Global.note(Terminal.safe(TaskWords.said("modified", [t])))
    }
}
