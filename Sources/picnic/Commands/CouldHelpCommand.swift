import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic could-help`: others' open questions matched to what you know.
struct CouldHelpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "could-help",
        abstract: "Others' open questions you could answer, matched to your finished tasks, answers and posts.",
        discussion: "★ marks a strong match (the ones counted as \"you could answer\"); answer with `picnic answer ID`.")

    @Option(name: .long, help: "At most this many questions.")
    var limit = 10
    @Flag(name: .long, help: "Strong matches only.")
    var strong = false
    @Flag(name: .long, help: "A JSON array.")
    var json = false

    func run() throws {
        let db = try Global.openDatabase()
        var entries = try db.couldHelp(limit: max(limit, 1) * (strong ? 4 : 1))
        if strong { entries = entries.filter(\.strong) }
        entries = Array(entries.prefix(limit))
        if json {
            let objects: [[String: Any]] = entries.map { e in
                var o = PostOutput.json(e.match)
                o["because"] = e.because
                o["author"] = e.question.author
                return o
            }
            try PostOutput.write(objects)
            return
        }
        guard !entries.isEmpty else {
            print(try db.communities().isEmpty ? "No community joined (picnic community join URL)." : "No open question matches what you know yet.")
            return
        }
        for e in entries {
            let mark = e.strong ? "★" : " "
            print("\(mark) \(e.question.id)\t\(PostOutput.safe(e.question.title, max: 80))  (\(PostOutput.safe(e.question.author, max: 32)), \(e.match.answers) answer\(e.match.answers == 1 ? "" : "s")\(e.strong ? "" : ", weak"))")
            print("    because of \(PostOutput.safe(e.because, max: 100))")
        }
    }
}
