import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic export json`: every task as the JSON array of docs/JSON.md (lossless).
struct ExportJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json",
        abstract: "Every task, done and deleted too, as a JSON array (lossless; see docs/JSON.md).")

    func run() throws {
        let now = Clock.now()
        let tasks = try Global.openDatabase().allTasks(includeClosed: true, now: now)
        var out = TaskJSON.encodeBytes(tasks, now: now, pretty: true)
        out.append(UInt8(ascii: "\n"))
        Terminal.write(bytes: out)
    }
}
