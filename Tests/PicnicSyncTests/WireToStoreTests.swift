import CommunityAPI
import Foundation
import PicnicCore
import PicnicStore
import PicnicSync
import Testing
import TestSupport

/// A change page as the contract writes it, decoded and applied to a store.
@Suite("Wire pages into the store")
struct WireToStoreTests {
    func store() throws -> (AppDatabase, Community, URL) {
        let dir = TestSupport.makeTempDirectory("picnic-wire")
        let db = try AppDatabase(path: dir.appendingPathComponent("picnic.sqlite").path)
        let c = try db.joinCommunity(url: "http://127.0.0.1:9", name: "team", server: "picnic-server 1.0", userName: "ana",
                                     displayName: "Ana", spaces: [CommunitySpace(name: "general", general: true)], head: 0,
                                     tokenID: "wire", caFile: nil)
        return (db, c, dir)
    }

    @Test func aContractPageLandsWithItsPositionAndSpaces() throws {
        let (db, c, dir) = try store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let q = "5f0c2f2e-4b1a-4c52-9d0e-0a1b2c3d4e5f", a = "6a1d3f3f-5c2b-4d63-8e1f-1b2c3d4e5f60"
        let json = """
            {"changes":[
              {"position":40,"op":"create","post":{"id":"\(q)","space":"general","kind":"question","author":"ana","parent":null,
               "title":"Timeouts on arm64 builds","body":"the runner stalls","tags":["ci","arm64"],"url":null,"file":null,
               "created":"2026-12-03T07:23:13.123Z","edited":null,"version":1,"votes":2,"myVote":0,"helped":1,"myHelped":false,
               "acceptedAnswer":"\(a)","accepted":false,"answers":1,"hidden":false,"deleted":false,"position":40}},
              {"position":41,"op":"accept","post":{"id":"\(a)","space":"general","kind":"answer","author":"bo","parent":"\(q)",
               "title":"","body":"Pin the runner image","tags":[],"url":null,"file":null,
               "created":"2026-12-03T07:30:00.000Z","edited":null,"version":1,"votes":0,"myVote":1,"helped":0,"myHelped":true,
               "acceptedAnswer":null,"accepted":true,"answers":0,"hidden":false,"deleted":false,"position":41,"futureField":7}},
              {"position":42,"op":"space","space":{"name":"ops","title":"Operations","visibility":"private","role":"member","readable":true,"general":false}}],
             "next":42,"head":42,"more":false}
            """
        let page = try APIJSON.decode(APIChangePage.self, from: Data(json.utf8))
        let result = try db.applySyncPage(community: c.id, SyncPage(page))
        #expect(result.added == 2 && result.newAnswers == 1)
        let stored = try #require(try db.community(id: c.id))
        #expect(stored.position == 42)
        #expect(stored.spaces.map(\.name).sorted() == ["general", "ops"])
        let ids = try db.postIDs(source: c.source)
        let qid = try #require(ids[q]), aid = try #require(ids[a])
        let info = try #require(try db.communityInfo(post: qid))
        #expect(info.acceptedAnswer == aid && info.helped == 1 && info.mine)
        let answer = try #require(try db.communityInfo(post: aid))
        #expect(answer.myVote == 1 && answer.myHelped && answer.unseen)
        #expect(try db.post(id: aid)?.accepted == true)
        #expect(try db.post(id: qid)?.created == APITime.parse("2026-12-03T07:23:13.123Z"))
    }

    @Test func backoffGrowsAndHonoursRetryAfter() {
        #expect(Backoff.outbox(attempt: 1, retryAfter: 7) == 7)
        #expect((1.6...2.4).contains(Backoff.outbox(attempt: 1)))
        #expect((240...360).contains(Backoff.outbox(attempt: 30)), "capped at about five minutes")
        #expect(Backoff.reconnect(failures: 1, advice: 2) == 2)
        #expect(Backoff.reconnect(failures: 3, advice: 2) == 8)
        #expect(Backoff.reconnect(failures: 20, advice: 2) == 30)
    }
}
