import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic posts [--json]`: the community posts in the store.
struct PostsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "posts",
        abstract: "List the community posts, oldest first.")

    @Flag(name: .long, help: "Print a JSON array of post objects.")
    var json = false

    @Option(name: .long, help: "At most this many posts.")
    var limit: Int?

    func run() throws {
        if let limit, limit < 0 { throw PicnicError.usage("--limit must be 0 or more") }
        let posts = try Global.openDatabase().posts(limit: limit)
        if json {
            try PostOutput.write(posts.map(PostOutput.json))
            return
        }
        if posts.isEmpty {
            Global.note("No posts yet. Add one with 'picnic post --title …', or import some (picnic import --help).")
            return
        }
        let width = String(posts.last?.id ?? 0).count
        for p in posts {
            let id = String(p.id).leftPadded(to: width)
            let indent = p.parent == nil ? "" : "  ↳ "
            var line = "\(id) \(p.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(indent)"
            line += p.title.isEmpty ? PostOutput.safe(p.body, max: 70) : PostOutput.safe(p.title, max: 70)
            var meta: [String] = []
            if !p.space.isEmpty { meta.append(PostOutput.safe(p.space, max: 30)) }
            if !p.tags.isEmpty { meta.append(p.tags.map { "+" + PostOutput.safe($0, max: 30) }.joined(separator: " ")) }
            if !meta.isEmpty { line += "  (" + meta.joined(separator: " · ") + ")" }
            print(line)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
