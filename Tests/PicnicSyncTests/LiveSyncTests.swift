import CommunityAPI
import CommunityClient
import Foundation
import PicnicCore
import PicnicStore
import Testing
import TestSupport

/// The client side against the real server on a real PostgreSQL, through the real `picnic`
/// and `picnic-sync` binaries, one store per person.
@Suite("Live sync with picnic-server", .enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct LiveSyncTests {
    @Test func askAnswerAndTheStatusLine() async throws {
        let community = try LiveCommunity()
        let ana = Person("ana"), bo = Person("bo")
        defer { community.close(); ana.close(); bo.close() }

        let joined = try ana.join(community)
        #expect(joined.status == 0, "\(joined.stderr)")
        #expect(joined.stdout.contains("Joined team at \(community.url) as ana"))
        #expect(try bo.join(community).status == 0)

        // The token: a 0600 file under the config folder, nowhere in the store or any output.
        let token = community.tokens["ana"]!
        let tokens = try FileManager.default.contentsOfDirectory(atPath: ana.config.appendingPathComponent("picnic/tokens").path)
        #expect(tokens.count == 1)
        let tokenPath = ana.config.appendingPathComponent("picnic/tokens/\(tokens[0])").path
        let mode = try FileManager.default.attributesOfItem(atPath: tokenPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let storeBytes = try Data(contentsOf: ana.db) + ((try? Data(contentsOf: URL(fileURLWithPath: ana.db.path + "-wal"))) ?? Data())
        #expect(storeBytes.range(of: Data(token.utf8)) == nil, "the token must never be in the database")
        #expect(!joined.stdout.contains(token) && !joined.stderr.contains(token))

        #expect(try ana.picnic(["add", "Fix flaky arm64 CI runner timeouts +ci"]).status == 0)
        let asked = try ana.picnic(["ask", "1", "--yes", "--body", "The arm64 runner times out after 10 minutes."])
        #expect(asked.status == 0, "\(asked.stderr)")
        #expect(asked.stdout.contains("Question for team (space general)"))
        #expect(try community.held().contains { $0.title == "Fix flaky arm64 CI runner timeouts" && $0.author == "ana" })

        try bo.sync(until: "the question arrives") { try $0.posts().contains { $0.title == "Fix flaky arm64 CI runner timeouts" } }
        let question = try #require(try bo.store().posts().first { $0.title == "Fix flaky arm64 CI runner timeouts" })
        let answered = try bo.picnic(["answer", String(question.id), "--body", "Pin the runner image to the previous tag."])
        #expect(answered.status == 0, "\(answered.stderr)")

        try ana.sync(until: "the answer arrives") { try $0.posts().contains { $0.body == "Pin the runner image to the previous tag." } }
        let status = try ana.picnic(["status", "--tmux"])
        #expect(status.stdout.contains("1 new answer"), "\(status.stdout)")
        #expect(!status.stdout.contains("to send") && !status.stdout.contains("offline"))
        let communityStatus = try ana.picnic(["community", "status"])
        #expect(communityStatus.stdout.contains("as ana") && communityStatus.stdout.contains("to send   nothing"))
        let q = try ana.store().posts().first { $0.title == "Fix flaky arm64 CI runner timeouts" }
        #expect(try ana.store().thread(id: q!.id)?.answers.map(\.body) == ["Pin the runner image to the previous tag."])
    }

    @Test func offlineWritesWaitAndArriveOnce() async throws {
        let community = try LiveCommunity()
        let ana = Person("ana"), bo = Person("bo")
        defer { community.close(); ana.close(); bo.close() }
        #expect(try ana.join(community).status == 0)
        #expect(try bo.join(community).status == 0)
        #expect(try bo.picnic(["post", "--title", "Where do the staging certificates live?"]).status == 0)
        try ana.sync(until: "bo's post arrives") { try $0.posts().contains { $0.title == "Where do the staging certificates live?" } }
        let theirs = try #require(try ana.store().posts().first { $0.title == "Where do the staging certificates live?" })

        community.server.stop()
        #expect(try ana.picnic(["add", "Rotate the VPN keys"]).status == 0)
        let asked = try ana.picnic(["ask", "1", "--yes"])
        #expect(asked.status == 0, "asking offline is no failure: \(asked.stderr)")
        #expect(asked.stderr.contains("offline") && asked.stderr.contains("waiting to be sent"))
        let answered = try ana.picnic(["answer", String(theirs.id), "--body", "In the vault, under staging/tls."])
        #expect(answered.status == 0)
        let offline = try ana.picnic(["status", "--tmux"])
        #expect(offline.stdout.contains("offline · 2 to send"), "\(offline.stdout)")
        let failed = try ana.picnic(["sync"])
        #expect(failed.status == 69)
        #expect(failed.stderr.contains("cannot connect"))

        try community.server.restart()
        #expect(try ana.picnic(["sync"]).status == 0)
        #expect(try ana.picnic(["sync"]).status == 0, "a second sync sends nothing again")
        let held = try community.held()
        #expect(held.filter { $0.title == "Rotate the VPN keys" }.count == 1)
        #expect(held.filter { $0.body == "In the vault, under staging/tls." }.count == 1)
        let back = try ana.picnic(["status", "--tmux"])
        #expect(!back.stdout.contains("to send") && !back.stdout.contains("offline"), "\(back.stdout)")
    }

    @Test func killedWhileSendingResendsAndTheServerHoldsEachOnce() async throws {
        let community = try LiveCommunity()
        let ana = Person("ana")
        defer { community.close(); ana.close() }
        #expect(try ana.join(community).status == 0)
        let store = try ana.store()
        let c = try #require(try store.communities().first)
        var uuids: [UUID] = []
        for i in 0..<120 {
            let uuid = UUID()
            uuids.append(uuid)
            try store.shareToCommunity(CommunityDraft(kind: .tip, title: "Tip number \(i) about the build cache"), community: c.id, uuid: uuid)
        }
        let child = try Spawn.start(TestSupport.binary("picnic").path, ["--db", ana.db.path, "sync"],
                                    environment: ProcessInfo.processInfo.environment.merging(ana.environment) { $1 })
        try waitUntil(60, "some of the outbox sent") { try store.outbox().count < 115 }
        kill(child.pid, SIGKILL)
        _ = child.wait()
        let left = try store.outbox().count
        #expect(left > 0, "killed before the end (\(left) left)")

        let again = try ana.picnic(["sync"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try store.outbox().isEmpty)
        let held = try community.held()
        let missing = Set(uuids).subtracting(held.map(\.id))
        let outbox = try store.outbox()
        #expect(missing.isEmpty, "not on the server: \(missing.count); again: \(again.stdout) \(again.stderr); outbox \(outbox)")
        #expect(held.filter { $0.title.hasPrefix("Tip number ") }.count == 120, "each post once")
        #expect(try store.posts().filter { $0.title.hasPrefix("Tip number ") }.count == 120)
    }
}
