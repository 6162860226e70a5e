import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic context …`: named filters that narrow the whole queue, as in Taskwarrior.
struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Work in a context: picnic context define work +work or project:infra; picnic context work",
        discussion: """
          picnic context define NAME FILTER…   define (or redefine) a context (list's filter syntax)
          picnic context NAME                  make it active
          picnic context none                  no context
          picnic context list                  every context, the active one marked
          picnic context delete NAME           forget a context
          picnic context                       which context is active

        While a context is active, list, status and the dashboard show only its tasks, and a task \
        added gets the tags, project and priority its filter asks for (of the first alternative \
        when the filter has an 'or'). Contexts are settings: undo does not switch them.
        """)

    @Argument(parsing: .allUnrecognized, help: "define NAME FILTER…, NAME, none, list, delete NAME.")
    var words: [String] = []

    func run() throws {
        let db = try Global.openDatabase()
        guard let verb = words.first else {
            if let c = try db.activeContext() {
                Terminal.write("\(c.name)\n")
                Global.note("Context \(c.name): \(Terminal.safe(c.filter))")
            } else {
                Global.note("No context is active (picnic context list shows them).")
            }
            return
        }
        let rest = Array(words.dropFirst())
        switch verb {
        case "define":
            guard rest.count >= 2 else { throw PicnicError.usage("context define: give a name and a filter, e.g. picnic context define work +work or project:infra") }
            let filter = rest.dropFirst().joined(separator: " ")
            try db.defineContext(rest[0], filter: filter, now: Clock.now())
            Global.note("Context \(rest[0]) defined: \(Terminal.safe(filter)). Use 'picnic context \(rest[0])' to work in it.")
        case "delete":
            guard rest.count == 1 else { throw PicnicError.usage("context delete: give one context name") }
            try db.deleteContext(rest[0])
            Global.note("Context \(rest[0]) deleted.")
        case "list":
            guard rest.isEmpty else { throw PicnicError.usage("context list: takes no arguments") }
            let all = try db.contexts()
            if all.isEmpty {
                Global.note("No contexts. Define one: picnic context define work +work or project:infra")
                return
            }
            let width = all.map { Terminal.width(of: $0.name) }.max() ?? 0
            var out = ""
            for c in all { out += (c.isActive ? "* " : "  ") + Terminal.pad(c.name, to: width) + "  " + Terminal.safe(c.filter) + "\n" }
            Terminal.write(out)
        case "none":
            guard rest.isEmpty else { throw PicnicError.usage("context none: takes no arguments") }
            try db.setContext(nil)
            Global.note("No context: the whole queue.")
        default:
            guard rest.isEmpty else {
                throw PicnicError.usage("context \(verb): unknown (define NAME FILTER…, NAME, none, list, delete NAME)")
            }
            let c = try db.setContext(verb)
            Global.note("Context \(verb): \(Terminal.safe(c?.filter ?? "")).")
        }
    }
}
