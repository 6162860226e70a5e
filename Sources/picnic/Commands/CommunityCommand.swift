import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic community join|status|leave`: the team communities this store takes part in.
struct CommunityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "community",
        abstract: "Join a team community, see how its sync stands, or leave it.",
        discussion: """
        Tasks never leave this machine; only what you post is shared. See docs/Sync.md. \
        Exit codes beyond the usual: 69 server unreachable, 76 not a Picnic community server or a \
        malformed answer, 77 token refused.
        """,
        subcommands: [Join.self, Status.self, Leave.self])

    /// `picnic community join URL [--token-file F] [--ca-file F]`.
    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Join a community server: checks it and the token, then pulls its posts.",
            discussion: """
            The token is read without echo from the terminal, or from --token-file. It is stored in \
            $XDG_CONFIG_HOME/picnic/tokens/ with mode 0600, never in the database or any output. \
            Nothing is written when the server or the token is refused.
            """)

        @Argument(help: "The server, e.g. https://picnic.example.com or http://127.0.0.1:8080.")
        var url: String
        @Option(name: .long, help: "Read the token from this file (first line).")
        var tokenFile: String?
        @Option(name: .long, help: "Trust the certificates in this PEM file (a self-signed server).")
        var caFile: String?

        func run() throws {
            var rest = ["--url", url]
            if let tokenFile { rest += ["--token-file", tokenFile] }
            if let caFile { rest += ["--ca-file", caFile] }
            try SyncHelper.exec("join", rest)
        }
    }

    /// `picnic community status`.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each joined community: server, user, spaces, position, last sync, what waits to be sent.")

        @Flag(name: .long, help: "Include communities left (read-only history).")
        var all = false

        func run() throws {
            let db = try Global.openDatabase()
            let communities = try db.communities(includeLeft: all)
            guard !communities.isEmpty else {
                print("No community joined (picnic community join URL).")
                return
            }
            let outbox = try db.outbox()
            for c in communities { print(Self.describe(c, outbox: outbox.filter { $0.community == c.id })) }
        }

        static func describe(_ c: Community, outbox: [OutboxEntry], now: Date = Date()) -> String {
            let safe = { (s: String) in PostOutput.safe(s, max: 120) }
            var lines = ["\(safe(c.name))  \(safe(c.url))  as \(safe(c.userName))" + (c.left != nil ? "  (left: read-only history)" : "")]
            let spaces = c.spaces.map { $0.name + ($0.general ? " (default)" : "") + ($0.visibility == "private" ? " (private)" : "") }
            lines.append("  spaces    " + (spaces.isEmpty ? "none" : safe(spaces.joined(separator: ", "))))
            let synced = c.lastSync.map { "last sync \(Self.ago($0, now))" } ?? "never synced completely"
            lines.append("  position  \(c.position) of \(max(c.head, c.position)) · \(synced)")
            let waiting = outbox.filter { !$0.refused }, refused = outbox.filter(\.refused)
            lines.append("  to send   " + (waiting.isEmpty ? "nothing" : waiting.map(\.op.rawValue).counted()))
            for r in refused { lines.append("  refused   \(r.op.rawValue) \(r.target.prefix(8)): \(safe(r.lastError ?? ""))") }
            if let since = c.offlineSince {
                lines.append("  offline   since \(Self.ago(since, now)): \(safe(c.lastError ?? ""))")
            } else if let e = c.lastError {
                lines.append("  last error \(safe(e))")
            }
            if c.caFile != nil { lines.append("  trusts    \(safe(c.caFile ?? ""))") }
            return lines.joined(separator: "\n")
        }

        static func ago(_ date: Date, _ now: Date) -> String {
            let s = max(0, now.timeIntervalSince(date))
            if s < 60 { return "\(Int(s)) s ago" }
            if s < 3600 { return "\(Int(s / 60)) min ago" }
            if s < 172_800 { return "\(Int(s / 3600)) h ago" }
            return "\(Int(s / 86_400)) days ago"
        }
    }

    /// `picnic community leave [NAME] [--forget]`.
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop syncing a community; its posts stay as read-only history unless --forget.",
            discussion: "The stored token is deleted. Writes still waiting to be sent are dropped.")

        @Argument(help: "The community's name or URL (needed when several are joined).")
        var name: String?
        @Flag(name: .long, help: "Also remove every post synced from it.")
        var forget = false

        func run() throws {
            let db = try Global.openDatabase()
            let c = try CommunityChoice.pick(db, name, includeLeft: forget)
            let waiting = try db.outbox().filter { $0.community == c.id && !$0.refused }.count
            let removed = try db.leaveCommunity(id: c.id, forget: forget)
            CommunityTokens.remove(c.tokenID)
            let dropped = waiting > 0 ? "; \(waiting) unsent write\(waiting == 1 ? "" : "s") dropped" : ""
            print(forget ? "Left \(PostOutput.safe(c.name)) and removed its \(removed) posts\(dropped)."
                         : "Left \(PostOutput.safe(c.name)); its posts stay as read-only history\(dropped).")
        }
    }
}

/// Which community a command means.
enum CommunityChoice {
    /// The one named (name, URL or id), or the only one joined; a usage error otherwise.
    static func pick(_ db: AppDatabase, _ name: String?, includeLeft: Bool = false) throws -> Community {
        let all = try db.communities(includeLeft: includeLeft)
        if let name {
            guard let c = all.first(where: { $0.name == name || $0.url == name || String($0.id) == name }) else {
                throw PicnicError.usage("no community \(name) (joined: \(all.map(\.name).joined(separator: ", ")))")
            }
            return c
        }
        guard let first = all.first else { throw PicnicError.usage("no community joined (picnic community join URL)") }
        guard all.count == 1 else {
            throw PicnicError.usage("several communities joined (\(all.map(\.name).joined(separator: ", "))): name one")
        }
        return first
    }
}

extension Array where Element == String {
    /// `2 post, 1 vote` from `["post", "vote", "post"]`, in first-seen order.
    func counted() -> String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for s in self {
            if counts[s] == nil { order.append(s) }
            counts[s, default: 0] += 1
        }
        return order.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
    }
}

extension CommunityChoice {
    /// Like `pick`, but nil when no community is joined (a single-person workspace).
    static func pickIfAny(_ db: AppDatabase, _ name: String?) throws -> Community? {
        if name == nil, try db.communities().isEmpty { return nil }
        return try pick(db, name)
    }
}
