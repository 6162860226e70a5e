import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import PicnicSync

/// `sync --db P [--community C] [--quiet]`: for each joined community, sends the outbox and pulls
/// everything after the stored position. `push`: the same right after a write, where being
/// offline is no failure (the write waits in the outbox and says so).
struct SyncCommand {
    var dbPath: String
    var community: String?
    var quiet: Bool

    static let nextStep = "the dashboard keeps it in step while it runs (or `picnic sync --watch`)."

    init(args: inout HelperArguments, dbPath: String) throws {
        community = try args.value("--community")
        quiet = args.flag("--quiet")
        self.dbPath = dbPath
    }

    func run() async throws {
        let store = try Helper.open(dbPath)
        let communities = try Helper.select(store, community)
        guard !communities.isEmpty else {
            throw PicnicError.usage("no community joined: `picnic community join URL` first")
        }
        var firstError: CommunityError?
        for c in communities {
            do {
                let (pushed, pulled) = try await Helper.withTransport(caFile: c.caFile) { transport in
                    let engine = SyncEngine(store: store, community: c, client: try Helper.client(for: c, transport: transport))
                    let bar = ProgressLine.shared
                    bar.label = "pulling \(Printable.line(c.name))"
                    engine.progress = { p in bar.update(p) }
                    let result = try await engine.syncOnce()
                    bar.clear()
                    if result.pull.posts > 0 { _ = try? store.refreshCouldHelp() }
                    return result
                }
                if !quiet { print(Self.summary(c, pushed, pulled)) }
            } catch let error as CommunityError {
                Helper.note("\(Printable.line(c.name)): \(error.message)")
                firstError = firstError ?? error
            }
        }
        for refusal in try store.takeRefusals() {
            Helper.note("refused by the server, kept here: \(refusal.op.rawValue) \(refusal.target): \(Printable.line(refusal.lastError ?? ""))")
        }
        if let firstError { throw CommunityError(firstError.kind, "sync incomplete (see above)") }
    }

    static func summary(_ c: Community, _ pushed: PushSummary, _ pulled: PullSummary) -> String {
        var parts: [String] = []
        if pushed.sent > 0 { parts.append("sent \(pushed.sent)") }
        if pushed.refused > 0 { parts.append("\(pushed.refused) refused") }
        parts.append(pulled.posts == 0 ? "up to date" : "pulled \(pulled.added) new, \(pulled.updated) changed, \(pulled.removed) removed")
        if pulled.newAnswers > 0 { parts.append("\(pulled.newAnswers) new answer\(pulled.newAnswers == 1 ? "" : "s")") }
        return "\(Printable.line(c.name)): " + parts.joined(separator: ", ")
    }

    /// After `picnic post`/`ask`/`answer`: try to send now; offline or slow is fine (exit 0).
    static func pushAfterWrite(args: inout HelperArguments, dbPath: String) async throws {
        let name = try args.value("--community")
        let store = try Helper.open(dbPath)
        for c in try Helper.select(store, name) {
            do {
                try await Helper.withTransport(caFile: c.caFile) { transport in
                    var client = try Helper.client(for: c, transport: transport)
                    client.requestTimeout = 10
                    let engine = SyncEngine(store: store, community: c, client: client)
                    let pushed = try await engine.push(ignoringBackoff: true)
                    if pushed.sent > 0 { FileHandle.standardError.write(Data("picnic: sent to \(Printable.line(c.name))\n".utf8)) }
                }
            } catch let error as CommunityError where error.isRetryable {
                let waiting = try store.outbox().filter { $0.community == c.id && !$0.refused }.count
                Helper.note("\(Printable.line(c.name)) is offline (\(error.message)); \(waiting) waiting to be sent: `picnic sync` or the dashboard sends \(waiting == 1 ? "it" : "them")")
            }
        }
        for refusal in try store.takeRefusals() {
            Helper.note("refused by the server, kept here: \(Printable.line(refusal.lastError ?? ""))")
        }
    }
}
