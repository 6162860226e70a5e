import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic post --title T --body B …`: adds a community post (a question, answer, tip, …).
struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Add a community post: a question, an answer, a tip, a doc, a file or a link.")

    @Option(name: .long, help: "The title (an answer may go without).")
    var title: String = ""

    @Option(name: .long, help: "The text; '-' reads it from stdin.")
    var body: String = ""

    @Option(name: .long, help: "Comma-separated tags, e.g. ci,arm64.")
    var tags: String = ""

    @Option(name: .long, help: "question, answer, tip, doc, file or link (answer when --parent is given).")
    var kind: String?

    @Option(name: .long, help: "The community or channel it belongs to.")
    var space: String = ""

    @Option(name: .long, help: "The post this one answers (its thread).")
    var parent: Int64?

    @Option(name: .long, help: "Who wrote it (default: $USER).")
    var author: String?

    @Option(name: .long, help: "A link to the original.")
    var url: String?

    @Flag(name: .long, help: "Print the saved post as a JSON object.")
    var json = false

    func run() throws {
        var text = body
        if text == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let s = String(data: data, encoding: .utf8) else {
                throw PicnicError.data("stdin: the body is not UTF-8 text")
            }
            text = s
        }
        let postKind: PostKind
        if let kind {
            guard let k = PostKind(rawValue: kind.lowercased()) else {
                throw PicnicError.usage("--kind \(kind): expected one of \(PostKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            postKind = k
        } else {
            postKind = parent == nil ? .question : .answer
        }
        if title.trimmingCharacters(in: .whitespaces).isEmpty && parent == nil {
            throw PicnicError.usage("--title is needed (only an answer, with --parent, may go without)")
        }
        let post = Post(kind: postKind, title: title, body: text,
                        tags: tags.split(separator: ",").map(String.init), author: author ?? ProcessInfo.processInfo.environment["USER"] ?? "",
                        space: space, parent: parent, url: url)
        let saved = try Global.openDatabase().savePost(post)
        if json {
            try PostOutput.write(PostOutput.json(saved))
        } else {
            print("Added post \(saved.id).")
        }
    }
}
