import CommunityAPI
import Foundation
import PicnicCore
import Testing
import TestSupport

@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct ServerBasicsTests {
    @Test func helloNeedsNoTokenAndNamesTheCommunity() async throws {
        let server = try TestServer()
        try server.start()
        let api = API(server.baseURL)
        let r = try await api.get("/v1/hello", token: nil)
        #expect(r.status == 200)
        let hello = try r.decode(APIHello.self)
        #expect(hello.service == "picnic-community")
        #expect(hello.api == 1)
        #expect(hello.community == "test")
    }

    @Test func aPostIsStoredOnceAndReachesTheFeed() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana")
        let ben = try server.addUser("ben")
        try server.start()
        let api = API(server.baseURL)
        let id = UUID()
        let w = APIPostWrite(kind: .question, title: "Why does CI time out on arm64?", body: "Since Monday.", tags: ["ci", "arm64"])
        let first = try await api.put(CommunityAPI.Path.post(id), w, token: ana)
        #expect(first.status == 201, "\(first.text)")
        let again = try await api.put(CommunityAPI.Path.post(id), w, token: ana)
        #expect(again.status == 200)
        let a = try first.decode(APIPost.self), b = try again.decode(APIPost.self)
        #expect(a == b)
        #expect(a.author == "ana" && a.version == 1 && a.space == "general")

        let feed = try await api.pull(through: a.position, token: ben)
        #expect(feed.changes.count == 1)
        #expect(feed.changes.first?.post?.id == id)
        #expect(feed.changes.first?.op == .create)
        #expect(feed.next == a.position)
        let me = try await api.get("/v1/me", token: ben).decode(APIMe.self)
        #expect(me.user.name == "ben")
        #expect(me.head == a.position)
        #expect(me.spaces.map(\.name) == ["general"])
    }
}
