import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic answer POST_ID`: answers a community question ($EDITOR on a terminal, else stdin).
struct AnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Answer a community question: the text from $VISUAL/$EDITOR on a terminal, else stdin.",
        discussion: "Written here first and sent from the outbox (at once when the server answers).")

    @Argument(help: "The question's post id (as `picnic could-help` or `picnic match` show it).")
    var post: Int64
    @Option(name: .long, help: "The answer's text ('-' reads stdin).")
    var body: String?

    func run() throws {
        let db = try Global.openDatabase()
        guard let question = try db.post(id: post) else { throw PicnicError.usage("no post \(post)") }
        guard let cid = Community.id(fromSource: question.source), let community = try db.community(id: cid), community.isActive else {
            throw PicnicError.usage("post \(post) is not from a joined community: there is nobody to answer")
        }
        var text: String
        if let body, body != "-" {
            text = body
        } else if body == nil, isatty(STDIN_FILENO) == 1 {
            let header = "\n# Your answer to: \(PostOutput.safe(question.title))\n# Lines starting with # are left out. Save empty to cancel.\n"
            text = try Editor.edit(header, name: "answer").components(separatedBy: "\n").filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        } else {
            text = try AskCommand.stdinText()
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw PicnicError.usage("empty answer: nothing sent") }
        let saved = try db.answer(question: post, body: text)
        print("Answered in \(PostOutput.safe(community.name)): post \(saved.id).")
        SyncHelper.sendNow(community)
    }
}
