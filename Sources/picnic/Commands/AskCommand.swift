import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic ask TASK`: a question built from a task, previewed and editable, sent only when confirmed.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask the community about a task: preview, edit, confirm; the question stays linked to the task here.",
        discussion: """
        The preview shows exactly what is sent (title, body, tags, space) and the threads that may \
        already answer it (★ strong; weak guesses marked weak). On a terminal you are asked to send, \
        edit ($VISUAL/$EDITOR) or cancel; otherwise --yes sends without asking. The task itself never \
        leaves this machine. Without a joined community (or with --local) the question is kept here.
        """)

    @Argument(help: "The task: a number, UUID or UUID prefix.")
    var task: String
    @Option(name: .long, help: "The question's title (default: the task's).")
    var title: String?
    @Option(name: .long, help: "The question's text (default: the task's notes and annotations); '-' reads stdin.")
    var body: String?
    @Option(name: .long, help: "Comma-separated tags (default: the task's).")
    var tags: String?
    @Option(name: .long, help: "The space (default: the community's general space).")
    var space: String?
    @Option(name: .long, help: "The community, when several are joined.")
    var community: String?
    @Flag(name: .long, help: "Send without asking (scripts).")
    var yes = false
    @Flag(name: .long, help: "Show the preview only; send nothing.")
    var dryRun = false
    @Flag(name: .long, help: "Keep the question on this machine.")
    var local = false

    func run() throws {
        let db = try Global.openDatabase()
        let work = try db.task(ref: task)
        let joined = local ? nil : try CommunityChoice.pickIfAny(db, community)
        var draft = QuestionDraft(task: work, space: space ?? joined?.generalSpace ?? "")
        if let title { draft.title = title }
        if let body { draft.body = body == "-" ? try Self.stdinText() : body }
        if let tags { draft.tags = tags.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        let place = joined.map(\.name) ?? "this machine only"
        while true {
            guard !draft.title.isEmpty else { throw PicnicError.usage("the question needs a title (--title)") }
            var matchText = MatchQuery(text: draft.title + " " + draft.body + " " + draft.tags.joined(separator: " "))
            matchText.labels = Set(draft.tags.map { $0.lowercased() })
            let matches = try db.match(query: matchText, taskUUID: work.uuid, options: MatchOptions(limit: 6, recordCache: false))
            let own = try db.ownQuestions(among: matches.map(\.post.id), task: work.uuid)
            for line in draft.preview(community: place, matches: matches.filter { !own.contains($0.post.id) }) { print(line) }
            if dryRun { return }
            if yes { break }
            guard interactive else { throw PicnicError.usage("not a terminal: add --yes to send this question, or --dry-run to see it") }
            switch try Self.prompt("Send it? [s]end, [e]dit, [c]ancel: ") {
            case "s", "y", "send", "yes": break
            case "e", "edit":
                draft = try QuestionDraft.parse(try Editor.edit(draft.editable, name: "question"), defaultSpace: draft.space)
                continue
            default:
                print("Not sent.")
                throw ExitCode(130)
            }
            break
        }
        guard let joined else {
            let post = try db.savePost(Post(kind: .question, title: draft.title, body: draft.body, tags: draft.tags,
                                            author: Environment.value("USER") ?? "", space: draft.space))
            try db.linkQuestion(post.id, toTask: work.uuid)
            print("Kept question \(post.id) on this machine, linked to task \(work.number.map(String.init) ?? work.uuid.uuidString.prefix(8).lowercased()).")
            return
        }
        let post = try db.askQuestion(task: work.uuid, title: draft.title, body: draft.body, tags: draft.tags,
                                      space: draft.space, community: joined.id)
        print("Asked \(PostOutput.safe(joined.name)): question \(post.id), linked to task \(work.number.map(String.init) ?? work.uuid.uuidString.prefix(8).lowercased()) here.")
        SyncHelper.sendNow(joined)
    }

    static func stdinText() throws -> String {
        guard let s = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) else {
            throw PicnicError.data("stdin: not UTF-8 text")
        }
        return s
    }

    /// One answer from the terminal, lower-cased and trimmed.
    static func prompt(_ text: String) throws -> String {
        Terminal.write(text)
        guard let line = readLine() else { return "" }
        return line.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
