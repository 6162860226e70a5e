import ArgumentParser
import Foundation
import PicnicFormats
import PicnicStore

/// `picnic export todotxt`: every task but deleted ones as todo.txt lines.
struct ExportTodoTxtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "todotxt",
        abstract: "Every task (deleted ones aside) as todo.txt lines; 'uuid:' keeps re-imports matched.")

    func run() throws {
        let tasks = try Global.openDatabase().allTasks(includeClosed: true)
        FileHandle.standardOutput.write(Data(TodoTxtFormat.export(tasks.filter { $0.status != .deleted }).utf8))
    }
}
