import CommunityAPI
import CommunityClient
import Foundation
import PicnicCore
import PicnicStore

/// `ledger --db P [--community C] [--json]`: giving and receiving, for this person and for the
/// community, as the server counts them.
struct LedgerCommand {
    var dbPath: String
    var community: String?
    var json: Bool

    init(args: inout HelperArguments, dbPath: String) throws {
        community = try args.value("--community")
        json = args.flag("--json")
        self.dbPath = dbPath
    }

    func run() async throws {
        let store = try Helper.open(dbPath)
        let communities = try Helper.select(store, community)
        guard !communities.isEmpty else { throw PicnicError.usage("no community joined: `picnic community join URL` first") }
        var entries: [(Community, APILedger)] = []
        for c in communities {
            let ledger = try await Helper.withTransport(caFile: c.caFile) { transport in
                try await Helper.client(for: c, transport: transport).ledger()
            }
            try? store.recordSyncContact(community: c.id)
            entries.append((c, ledger))
        }
        if json {
            let encoder = APIJSON.encoder()
            let items = entries.map { LedgerJSON(community: $0.0.name, url: $0.0.url, user: $0.0.userName, me: $0.1.me, all: $0.1.community) }
            let data = try encoder.encode(items.count == 1 ? AnyEncodable(items[0]) : AnyEncodable(items))
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        for (c, l) in entries { print(Self.text(c, l)) }
    }

    static func text(_ c: Community, _ l: APILedger) -> String {
        let me = l.me, all = l.community
        var lines = ["\(Printable.line(c.name)) · \(Printable.line(c.userName))"]
        lines.append("  you gave      \(me.answersGiven) answer\(me.answersGiven == 1 ? "" : "s") (\(me.acceptedAnswers) accepted), helped \(me.peopleHelped) \(me.peopleHelped == 1 ? "person" : "people") (\(me.helpedMarks) helped mark\(me.helpedMarks == 1 ? "" : "s"))")
        lines.append("  you received  \(me.answersReceived) answer\(me.answersReceived == 1 ? "" : "s") to \(me.questions) question\(me.questions == 1 ? "" : "s"); first answer after \(duration(me.medianFirstAnswerSeconds)) (median)")
        let within = all.answeredWithinDay.map { "\(Int(($0 * 100).rounded()))%" } ?? "—"
        lines.append("  community     \(all.answered) of \(all.questions) questions answered, \(within) within a day; first answer after \(duration(all.medianFirstAnswerSeconds)) (median); \(all.people) people")
        return lines.joined(separator: "\n")
    }

    /// `38 min`, `2.5 h`, `3 d`; `—` when there is no figure.
    static func duration(_ seconds: Double?) -> String {
        guard let s = seconds else { return "—" }
        if s < 90 { return "\(Int(s.rounded())) s" }
        if s < 5400 { return "\(Int((s / 60).rounded())) min" }
        if s < 172_800 { return String(format: "%.1f h", s / 3600) }
        return "\(Int((s / 86_400).rounded())) d"
    }
}

/// One community's ledger in `--json`.
struct LedgerJSON: Encodable {
    var community: String
    var url: String
    var user: String
    var me: APILedger.Person
    var all: APILedger.Community

    enum CodingKeys: String, CodingKey { case community, url, user, me, all = "communityTotals" }
}

struct AnyEncodable: Encodable {
    let value: Encodable
    init(_ value: Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
