import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic modify ID MODS…`: change a task with quick-add syntax.
struct ModifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modify",
        abstract: "Change a task: picnic modify 3 +urgent -later due:fri project: depends:5 -depends:2",
        discussion: """
        Quick-add syntax: +tag adds, -tag removes, project:NAME sets and project: clears \
        (likewise due:, wait:, scheduled:, pri:); depends:5,7 adds dependencies, -depends:5 \
        (or depends:-5) removes one, depends: clears them; other words replace the title. \
        recur:PERIOD changes a series' period (or makes a plain task with a due date recur), \
        recur: stops the series, until:WHEN sets its end. --series applies the other changes to \
        the series' template and all its open instances too.
        """)

    @Flag(name: .long, help: "Change the whole recurring series, not only this instance.")
    var series = false

    @Argument(help: "The task.")
    var id: String

    @Argument(parsing: .allUnrecognized, help: "The changes.")
    var changes: [String] = []

    func run() throws {
        let now = Clock.now()
        var words = changes
        var whole = series
        if let i = words.firstIndex(of: "--series") { words.remove(at: i); whole = true }
        let change: TaskModification
        do { change = try QuickAdd.parseModification(words.joined(separator: " "), now: now, calendar: .current) } catch {
            throw error.picnicError
        }
        let t = try Global.openDatabase().modify(ref: id, with: change, wholeSeries: whole, now: now)
        Global.note(Terminal.safe(TaskWords.said(whole ? "modified the series of" : "modified", [t])))
    }
}
