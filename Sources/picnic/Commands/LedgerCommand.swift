import ArgumentParser
import Foundation
import PicnicCore

/// `picnic ledger [--json]`: giving and receiving, for you and for the community.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "What you gave and received in the community, and how fast it answers.",
        discussion: """
        For you: answers given (and accepted), people helped, helped marks, answers received and \
        the median time from asking to the first answer. For the community: the same median and \
        the share of questions answered within a day. Asks the server (exit 69 when it is away).
        """)

    @Flag(name: .long, help: "A JSON object (an array when several communities are joined).")
    var json = false
    @Option(name: .long, help: "Only this community (its name or URL).")
    var community: String?

    func run() throws {
        var rest: [String] = []
        if json { rest.append("--json") }
        if let community { rest += ["--community", community] }
        try SyncHelper.exec("ledger", rest)
    }
}
