import ArgumentParser
import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

/// `picnic import FORMAT PATH`: brings tasks or posts from the files people already have.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import tasks or community posts from another tool's files.",
        discussion: """
        Re-running an import adds nothing: tasks match by UUID, posts by source and source id; changed \
        content is updated, and a docs re-import removes posts whose files are gone. All or nothing: \
        bad input exits 65 naming the file, line or byte offset, and nothing is imported. \
        See docs/Formats.md.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case taskwarrior, todotxt, stackexchange, feed, slack, mbox, docs

        /// What each format reads (the help lists the formats once, with these).
        var defaultValueDescription: String {
            switch self {
            case .taskwarrior: "tasks: Taskwarrior's 'task export' JSON"
            case .todotxt: "tasks: a todo.txt file"
            case .stackexchange: "posts: a Stack Exchange data dump's Posts.xml"
            case .feed: "posts: an RSS, Atom or RDF feed, a file or an http(s) URL"
            case .slack: "posts: a Slack export, folder or .zip"
            case .mbox: "posts: a mail archive (mbox)"
            case .docs: "posts: a folder of Markdown and text files"
            }
        }
    }

    @Argument(help: ArgumentHelp("What to import:", argumentType: Format.self))
    var format: Format

    @Argument(help: "The file or folder ('-' reads stdin for taskwarrior and todotxt; a URL for feed).")
    var path: String

    @Option(name: .long, help: "Name the source yourself (default: from the file, e.g. the Stack Exchange site).")
    var source: String?

    @Option(name: .long, help: "Put every imported post in this space (community).")
    var space: String?

    func run() throws {
        do {
            switch format {
            case .taskwarrior, .todotxt: try importTasks()
            default: try importPosts()
            }
        } catch let e as FormatError {
            throw e.picnicError
        }
    }

    func readInput() throws -> (Data, String) {
        if path == "-" { return (FileHandle.standardInput.readDataToEndOfFile(), "stdin") }
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw PicnicError.io("\(path): no such file")
        }
        if isDir.boolValue { throw PicnicError.usage("\(path): is a folder (expected a file)") }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw PicnicError.io("\(path): cannot read the file") }
        return (data, path)
    }

    func readBatch() throws -> ImportBatch {
        let url = URL(fileURLWithPath: path)
        var batch: ImportBatch
        switch format {
        case .stackexchange:
            let (data, name) = try readInput()
            let site = source ?? StackExchangeImporter.siteName(for: url)
            let bar = ProgressBar(label: "reading stackexchange")
            batch = try StackExchangeImporter(site: site).parse(data, file: name) { bar.update($0, of: $1) }
            bar.finish()
        case .feed:
            if let u = URL(string: path), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https" {
                batch = try FeedImporter().fetch(u)
            } else {
                batch = try FeedImporter().read(url)
            }
        case .slack: batch = try SlackImporter().read(url)
        case .mbox: batch = try MboxImporter().read(url)
        case .docs: batch = try DocsImporter().read(url)
        case .taskwarrior, .todotxt: fatalError("tasks are imported by importTasks")
        }
        if let source, format != .stackexchange {
            batch.source = format.rawValue + ":" + source
            for i in batch.posts.indices { batch.posts[i].post.source = batch.source }
        }
        if let space { for i in batch.posts.indices { batch.posts[i].post.space = space } }
        return batch
    }

    func importPosts() throws {
        var batch = try readBatch()
        let db = try Global.openDatabase()
        batch.detachOrphans(stored: Set(try db.postIDs(source: batch.source).keys))
        if format == .feed {
            // One publisher's Atom, RSS and RDF feeds carry the same items: import each once.
            let known = try db.itemsOfOtherSources(prefix: "feed:", except: batch.source)
            batch.dropItems(knownElsewhere: known.urls, ids: known.ids)
        }
        let bar = ProgressBar(label: "importing \(format.rawValue)")
        let items = batch.posts.map { PostImport($0.post, parentSourceID: $0.parentSourceID) }
        let result = try db.importSource(batch.source, items, removeMissing: batch.isComplete) { bar.update($0, of: $1) }
        bar.finish()
        Global.note("Imported \(format.rawValue) \(PostOutput.safe(path, max: 120)): " + ImportSummary(
            added: result.added, updated: result.updated, skipped: result.skipped + batch.skipped,
            removed: result.removed).description)
    }
}
