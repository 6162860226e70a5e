import ArgumentParser
import Foundation
import PicnicCore

/// `picnic sync [--watch]`: sends what waits in the outbox and pulls what changed.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send what waits to be sent and pull what changed, for every joined community.",
        discussion: """
        --watch stays connected and keeps the store in step live (what the dashboard does in the \
        background) until Ctrl-C. Exit codes: 69 a server is unreachable (the outbox keeps its \
        writes), 76 a server speaks something else, 77 a token was refused.
        """)

    @Flag(name: .long, help: "Stay connected and sync live until interrupted.")
    var watch = false
    @Option(name: .long, help: "Only this community (its name or URL).")
    var community: String?
    @Flag(name: .long, help: "Print nothing when all goes well.")
    var quiet = false

    func run() throws {
        if watch {
            if community != nil { throw PicnicError.usage("--watch follows every joined community; leave out --community") }
            try SyncHelper.exec("watch", ["--verbose"])
        }
        var rest: [String] = []
        if let community { rest += ["--community", community] }
        if quiet { rest.append("--quiet") }
        try SyncHelper.exec("sync", rest)
    }
}
