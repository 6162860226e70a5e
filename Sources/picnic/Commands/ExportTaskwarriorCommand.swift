import ArgumentParser
import Foundation
import PicnicFormats
import PicnicStore

/// `picnic export taskwarrior`: every task as `task export` JSON, which `task import` reads.
struct ExportTaskwarriorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taskwarrior",
        abstract: "Every task as Taskwarrior 2.6 JSON (for 'task import'); recurring series, UDAs and unknown fields kept.")

    func run() throws {
        let db = try Global.openDatabase()
        let tasks = try db.allTasks(includeClosed: true)
        FileHandle.standardOutput.write(Data(TaskwarriorFormat.export(tasks, series: try db.allSeries()).utf8))
    }
}
