import CommunityAPI
import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import Testing
import TestSupport

/// What a person sees when joining or syncing goes wrong: one line naming what, a documented exit
/// code, and the local store as it was.
@Suite("Live sync: bad input", .enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct LiveBadInputTests {
    /// The store's rows that a failed join or pull must not change.
    func footprint(_ p: Person) throws -> String {
        let store = try p.store()
        let tokens = (try? FileManager.default.contentsOfDirectory(atPath: p.config.appendingPathComponent("picnic/tokens").path)) ?? []
        return "tasks \(try store.allTasks(includeClosed: true).count) posts \(try store.postCount()) "
            + "communities \(try store.communities(includeLeft: true).map { "\($0.url) \($0.position)" }) tokens \(tokens.count)"
    }

    @Test func aRefusedTokenAWrongURLAndAnotherServer() throws {
        let community = try LiveCommunity(users: ["ana"])
        let ana = Person("ana")
        defer { community.close(); ana.close() }
        #expect(try ana.picnic(["add", "Something to do"]).status == 0)
        let before = try footprint(ana)

        let refused = try ana.picnic(["community", "join", community.url, "--token-file", ana.tokenFile("picnic_" + String(repeating: "A", count: 43))])
        #expect(refused.status == 77)
        #expect(refused.stderr == "picnic: \(community.url): the server refused the token (no such token)\n"
                || refused.stderr.hasPrefix("picnic: \(community.url): the server refused the token ("), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try footprint(ana) == before)

        let port = try Peer.freePort()
        let nobody = try ana.picnic(["community", "join", "http://127.0.0.1:\(port)", "--token-file", ana.tokenFile(community.tokens["ana"]!)])
        #expect(nobody.status == 69)
        #expect(nobody.stderr == "picnic: http://127.0.0.1:\(port): cannot connect (connection refused)\n")
        #expect(try footprint(ana) == before)

        let bad = try ana.picnic(["community", "join", "ftp://example.com"])
        #expect(bad.status == 64 && bad.stderr.contains("not a server URL"))

        if TestSupport.which("python3") != nil {
            let web = try Peer.webServer()
            defer { web.stop() }
            let other = try ana.picnic(["community", "join", "http://127.0.0.1:\(web.port)", "--token-file", ana.tokenFile(community.tokens["ana"]!)])
            #expect(other.status == 76)
            #expect(other.stderr.contains("not a Picnic community server"))
            #expect(try footprint(ana) == before)
        }
    }

    @Test(.enabled(if: TestSupport.which("python3") != nil, "python3 is not installed: no proxy to cut the connection"))
    func aConnectionCutMidPullLeavesTheStoreAsItWas() async throws {
        let community = try LiveCommunity(users: ["ana", "bo"])
        let ana = Person("ana")
        defer { community.close(); ana.close() }
        let (bo, transport) = try community.client("bo")
        for i in 0..<40 {
            _ = try await bo.putPost(UUID(), APIPostWrite(kind: .tip, title: "Deploy tip \(i)", body: String(repeating: "words of advice ", count: 40)))
        }
        await transport.shutdown()

        let proxy = try CuttingProxy(upstream: community.url, cutAfter: 3000)
        defer { proxy.stop() }
        let joined = try ana.picnic(["community", "join", proxy.url, "--token-file", ana.tokenFile(community.tokens["ana"]!)])
        #expect(joined.status == 69, "\(joined.stderr)")
        #expect(joined.stderr.contains("GET /v1/changes"), "\(joined.stderr)")
        #expect(joined.stderr.contains("picnic sync"), "says how to go on")
        let store = try ana.store()
        #expect(try store.postCount() == 0, "no half page stored")
        #expect(try store.communities().first?.position == 0)

        try ana.sync(until: "every tip arrives") { try $0.posts().filter { $0.title.hasPrefix("Deploy tip ") }.count == 40 }
    }

    @Test func aRevokedTokenKeepsTheOutboxWaiting() throws {
        let community = try LiveCommunity(users: ["ana"])
        let ana = Person("ana")
        defer { community.close(); ana.close() }
        #expect(try ana.join(community).status == 0)
        let revoked = try PicnicServerProcess.run(["user", "revoke", "ana"], db: community.database.url)
        #expect(revoked.status == 0, "\(revoked.stderr)")
        #expect(try ana.picnic(["post", "--title", "Written after the token was revoked"]).status == 0)
        let sync = try ana.picnic(["sync"])
        #expect(sync.status == 77, "\(sync.stderr)")
        #expect(sync.stderr.contains("refused the token"))
        let waiting = try ana.store().outbox()
        #expect(waiting.count == 1 && !waiting[0].refused, "not the post's fault: it waits for a new token")
    }
}
