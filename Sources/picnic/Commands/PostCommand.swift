import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic post --title T --body B …`: adds a community post (a question, answer, tip, …).
struct PostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "post",
        abstract: "Add a community post: a question, an answer, a tip, a doc, a file or a link.",
        discussion: """
        Once a community is joined the post goes to it (written here first, sent from the outbox; \
        --space picks the space, default its general one); --local keeps it on this machine only.
        """)

    @Option(name: .long, help: "The title (an answer may go without).")
    var title: String = ""

    @Option(name: .long, help: "The text; '-' reads it from stdin.")
    var body: String = ""

    @Option(name: .long, help: "Comma-separated tags, e.g. ci,arm64.")
    var tags: String = ""

    @Option(name: .long, help: "question, answer, tip, doc, file or link (answer when --parent is given).")
    var kind: String?

    @Option(name: .long, help: "The space (community) or channel (local) it belongs to.")
    var space: String = ""

    @Option(name: .long, help: "The community to post to, when several are joined.")
    var community: String?

    @Flag(name: .long, help: "Keep the post on this machine, even with a community joined.")
    var local = false

    @Option(name: .long, help: "The post this one answers (its thread).")
    var parent: Int64?

    @Option(name: .long, help: "Who wrote it (default: $USER; local posts only).")
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
        let db = try Global.openDatabase()
        if !local, let joined = try CommunityChoice.pickIfAny(db, community) {
            if author != nil { throw PicnicError.usage("--author is for local posts: community posts are by you (\(joined.userName))") }
            if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
                throw PicnicError.usage("--url \(PostOutput.safe(url)): a community post links http:// or https:// only")
            }
            let draft = CommunityDraft(kind: postKind, title: title, body: text, tags: tags.split(separator: ",").map(String.init),
                                       space: space.isEmpty ? nil : space, parent: parent, url: url)
            let saved = try db.shareToCommunity(draft, community: joined.id)
            if json {
                try PostOutput.write(PostOutput.json(saved))
            } else {
                print("Added post \(saved.id) to \(PostOutput.safe(joined.name)).")
            }
            SyncHelper.sendNow(joined)
            return
        }
        let post = Post(kind: postKind, title: title, body: text,
                        tags: tags.split(separator: ",").map(String.init), author: author ?? ProcessInfo.processInfo.environment["USER"] ?? "",
                        space: space, parent: parent, url: url)
        let saved = try db.savePost(post)
        if json {
            try PostOutput.write(PostOutput.json(saved))
        } else {
            print("Added post \(saved.id).")
        }
    }
}
