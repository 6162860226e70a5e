import CommunityAPI
import Foundation
import PicnicCore
import Testing
import TestSupport

/// Writing posts: create, retry, edit, immutables, versions, deletion, votes, helped, accept, hide.
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct PostWriteTests {
    struct Community {
        let server: TestServer
        let api: API
        let ana: String, ben: String, cy: String
    }

    func community() throws -> Community {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben"), cy = try server.addUser("cy")
        try server.admin(["space", "add", "ops", "--private", "--title", "Operations"])
        try server.admin(["space", "members", "ops", "--add", "ben", "--moderator", "ana"])
        try server.start()
        return Community(server: server, api: API(server.baseURL), ana: ana, ben: ben, cy: cy)
    }

    @Test func editsCountVersionsAndKeepSpaceKindAndParent() async throws {
        let c = try community()
        let id = UUID()
        var w = APIPostWrite(kind: .tip, title: "Cache the toolchain", body: "v1", tags: ["ci"])
        let created = try await c.api.post(id, w, token: c.ana)
        w.body = "v2"
        w.baseVersion = 1
        let edited = try await c.api.put(CommunityAPI.Path.post(id), w, token: c.ana)
        #expect(edited.status == 200)
        let post = try edited.decode(APIPost.self)
        #expect(post.version == 2 && post.body == "v2" && post.edited != nil && post.position > created.position)
        // The same edit again is a retry: nothing changes, not even the position.
        let retried = try await c.api.put(CommunityAPI.Path.post(id), w, token: c.ana).decode(APIPost.self)
        #expect(retried == post)
        // A stale base version is refused.
        w.body = "v3"
        let stale = try await c.api.put(CommunityAPI.Path.post(id), w, token: c.ana)
        #expect(stale.isRefusal(409, "version_conflict"))
        var moved = w
        moved.space = "ops"
        moved.baseVersion = nil
        let immutable = try await c.api.put(CommunityAPI.Path.post(id), moved, token: c.ana)
        #expect(immutable.isRefusal(409, "immutable"))
        let other = try await c.api.put(CommunityAPI.Path.post(id), w, token: c.ben)
        #expect(other.isRefusal(403, "not_author"))
    }

    @Test func deletionLeavesATombstoneAndRefusesWrites() async throws {
        let c = try community()
        let id = UUID()
        let w = APIPostWrite(kind: .question, title: "Where are the runbooks?", body: "secret detail", tags: ["docs"])
        try await c.api.post(id, w, token: c.ana)
        let notMine = try await c.api.delete(CommunityAPI.Path.post(id), token: c.ben)
        #expect(notMine.status == 403)
        let gone = try await c.api.delete(CommunityAPI.Path.post(id), token: c.ana)
        #expect(gone.status == 200)
        let tomb = try gone.decode(APIPost.self)
        #expect(tomb.deleted && tomb.title.isEmpty && tomb.body.isEmpty && tomb.tags.isEmpty)
        #expect(try await c.api.delete(CommunityAPI.Path.post(id), token: c.ana).status == 200)
        let again = try await c.api.put(CommunityAPI.Path.post(id), w, token: c.ana)
        #expect(again.isRefusal(410, "deleted"))
        let read = try await c.api.get(CommunityAPI.Path.post(id), token: c.ben).decode(APIPost.self)
        #expect(read.deleted && read.body.isEmpty)
        // The text is gone from the database too, not just from the answer.
        #expect(try c.server.sql("SELECT count(*) FROM post_content WHERE body LIKE '%secret%'") == "0")
    }

    @Test func votesAndHelpedMarksCountOncePerPersonAndNeverOnOnesOwnPost() async throws {
        let c = try community()
        let id = UUID()
        try await c.api.post(id, APIPostWrite(kind: .tip, title: "Pin the runner image"), token: c.ana)
        let path = CommunityAPI.Path.post(id, .vote)
        #expect(try await c.api.put(path, APIVote(value: 1), token: c.ben).decode(APIPost.self).votes == 1)
        #expect(try await c.api.put(path, APIVote(value: 1), token: c.ben).decode(APIPost.self).votes == 1)
        let cy = try await c.api.put(path, APIVote(value: -1), token: c.cy).decode(APIPost.self)
        #expect(cy.votes == 0 && cy.myVote == -1)
        let back = try await c.api.put(path, APIVote(value: 0), token: c.cy).decode(APIPost.self)
        #expect(back.votes == 1 && back.myVote == 0)
        let own = try await c.api.put(path, APIVote(value: 1), token: c.ana)
        #expect(own.isRefusal(403, "own_post"))
        let bad = try await c.api.put(path, APIVote(value: 2), token: c.ben)
        #expect(bad.isRefusal(400, "invalid"))

        let helped = CommunityAPI.Path.post(id, .helped)
        #expect(try await c.api.put(helped, EmptyObject(), token: c.ben).decode(APIPost.self).helped == 1)
        let twice = try await c.api.put(helped, EmptyObject(), token: c.ben).decode(APIPost.self)
        #expect(twice.helped == 1 && twice.myHelped)
        #expect(try await c.api.put(helped, EmptyObject(), token: c.ana).status == 403)
        let undone = try await c.api.delete(helped, token: c.ben).decode(APIPost.self)
        #expect(undone.helped == 0 && !undone.myHelped)
    }

    @Test func onlyTheAskerAcceptsAndOnlyAnAnswerOfTheQuestion() async throws {
        let c = try community()
        let q = UUID(), a1 = UUID(), a2 = UUID(), other = UUID()
        try await c.api.post(q, APIPostWrite(kind: .question, title: "How do we rotate certs?"), token: c.ana)
        try await c.api.post(a1, APIPostWrite(kind: .answer, parent: q, title: "With the runbook"), token: c.ben)
        try await c.api.post(a2, APIPostWrite(kind: .answer, parent: q, title: "By hand"), token: c.cy)
        try await c.api.post(other, APIPostWrite(kind: .tip, title: "Unrelated"), token: c.cy)
        let path = CommunityAPI.Path.post(q, .accept)
        let notAsker = try await c.api.put(path, APIAccept(answer: a1), token: c.ben)
        #expect(notAsker.isRefusal(403, "not_asker"))
        let wrong = try await c.api.put(path, APIAccept(answer: other), token: c.ana)
        #expect(wrong.isRefusal(409, "not_an_answer"))
        let accepted = try await c.api.put(path, APIAccept(answer: a1), token: c.ana).decode(APIPost.self)
        #expect(accepted.acceptedAnswer == a1 && accepted.answers == 2)
        let replaced = try await c.api.put(path, APIAccept(answer: a2), token: c.ana).decode(APIPost.self)
        #expect(replaced.acceptedAnswer == a2)
        // Both answers moved in the feed, with their `accepted` flags as they are now.
        let feed = try await c.api.pull(after: accepted.position, through: replaced.position + 2, token: c.cy)
        let flags = Dictionary(feed.changes.compactMap { $0.post }.map { ($0.id, $0.accepted) }, uniquingKeysWith: { $1 })
        #expect(flags[a1] == false && flags[a2] == true)
        let cleared = try await c.api.put(path, APIAccept(answer: nil), token: c.ana).decode(APIPost.self)
        #expect(cleared.acceptedAnswer == nil)
    }

    @Test func moderatorsHideAndOthersSeeARemoval() async throws {
        let c = try community()
        let id = UUID()
        try await c.api.post(id, APIPostWrite(space: "ops", kind: .tip, title: "Spam spam", body: "buy now"), token: c.ben)
        let path = CommunityAPI.Path.post(id, .hidden)
        let notMod = try await c.api.put(path, APIHide(hidden: true), token: c.ben)
        #expect(notMod.isRefusal(403, "not_moderator"))
        let hidden = try await c.api.put(path, APIHide(hidden: true, reason: "spam"), token: c.ana).decode(APIPost.self)
        #expect(hidden.hidden && hidden.body == "buy now")      // the moderator still reads it
        let author = try await c.api.get(CommunityAPI.Path.post(id), token: c.ben).decode(APIPost.self)
        #expect(author.hidden && author.body == "buy now")      // so does its author
        try c.server.admin(["space", "members", "ops", "--add", "cy"])
        let reader = try await c.api.get(CommunityAPI.Path.post(id), token: c.cy).decode(APIPost.self)
        #expect(reader.hidden && reader.body.isEmpty && reader.title.isEmpty)
        let vote = try await c.api.put(CommunityAPI.Path.post(id, .vote), APIVote(value: 1), token: c.cy)
        #expect(vote.status == 404)
        let shown = try await c.api.put(path, APIHide(hidden: false), token: c.ana).decode(APIPost.self)
        #expect(!shown.hidden)
        #expect(try await c.api.get(CommunityAPI.Path.post(id), token: c.cy).decode(APIPost.self).body == "buy now")
    }

    @Test func answersLiveInTheirQuestionsSpaceAndNeedAReadableQuestion() async throws {
        let c = try community()
        let q = UUID()
        try await c.api.post(q, APIPostWrite(space: "ops", kind: .question, title: "Which alerts page at night?"), token: c.ana)
        let asked = try await c.api.get(CommunityAPI.Path.post(q), token: c.ben).decode(APIPost.self)
        let answer = try await c.api.post(UUID(), APIPostWrite(space: "general", kind: .answer, parent: q, title: "Only user-facing ones"),
                                          token: c.ben)
        #expect(answer.space == "ops")
        // The question moves in the feed too, keeping its op, now with one answer.
        let moved = try await c.api.pull(after: asked.position, through: answer.position + 1, token: c.ana)
        let question = moved.changes.first { $0.post?.id == q }
        #expect(question?.post?.answers == 1 && question?.op == .create && (question?.position ?? 0) > answer.position)
        let outsider = try await c.api.put(CommunityAPI.Path.post(UUID()), APIPostWrite(kind: .answer, parent: q, title: "Guess"), token: c.cy)
        #expect(outsider.isRefusal(409, "bad_parent"))
        let noSpace = try await c.api.put(CommunityAPI.Path.post(UUID()), APIPostWrite(space: "ops", kind: .tip, title: "Hi"), token: c.cy)
        #expect(noSpace.isRefusal(404, "no_such_space"))
        let hiddenID = try await c.api.get(CommunityAPI.Path.post(q), token: c.cy)
        #expect(hiddenID.status == 404)
        // Taking another's private id is refused as if it did not exist.
        let taken = try await c.api.put(CommunityAPI.Path.post(q), APIPostWrite(kind: .tip, title: "Mine now"), token: c.cy)
        #expect(taken.status == 404)
    }

    @Test func textIsStoredExactlyAsSentMetacharactersAndControlsIncluded() async throws {
        let c = try community()
        let hostile = "'; DROP TABLE posts; -- \u{1B}[31mred\u{1B}[0m \u{202E}evil\u{202C} $$ \\ % _ \" \u{0007}"
        let id = UUID()
        let w = APIPostWrite(kind: .tip, title: "x'); DELETE FROM users; --", body: hostile,
                             tags: ["a'b", "c;d", "$$x$$"], url: "https://example.org/?q='--")
        let stored = try await c.api.post(id, w, token: c.ana)
        #expect(stored.title == w.title && stored.body == hostile && stored.tags == w.tags && stored.url == w.url)
        let read = try await c.api.get(CommunityAPI.Path.post(id), token: c.ben).decode(APIPost.self)
        #expect(read.body == hostile)
        let users = try await c.api.get("/v1/me", token: c.ben)
        #expect(users.status == 200)
    }

    @Test func badJSONSaysWhereAndOversizeAndWrongTypeAreRefused() async throws {
        let c = try community()
        let path = CommunityAPI.Path.post(UUID())
        let broken = try await c.api.call(.PUT, path, token: c.ana, body: Data("{\"kind\": \"tip\" \"title\": 1}".utf8))
        #expect(broken.status == 400)
        let e = try broken.decode(APIError.Body.self).error
        #expect(e.code == .badJSON && e.line == 1 && e.column != nil)
        let wrongType = try await c.api.call(.PUT, path, token: c.ana, body: Data("{\"kind\":\"tip\",\"title\":\"t\",\"tags\":[\"a\",7]}".utf8))
        let f = try wrongType.decode(APIError.Body.self).error
        #expect(wrongType.status == 400 && f.code == .badJSON && f.field == "tags[1]")
        let limit = try await c.api.put(path, APIPostWrite(kind: .tip, title: String(repeating: "t", count: 301)), token: c.ana)
        #expect(limit.status == 400)
        #expect(try limit.decode(APIError.Body.self).error.field == "title")
        let huge = try await c.api.call(.PUT, path, token: c.ana, body: Data(repeating: 0x20, count: 300 * 1024))
        #expect(huge.isRefusal(413, "too_large"))
        let form = try await c.api.call(.PUT, path, token: c.ana, body: Data("a=b".utf8), contentType: "application/x-www-form-urlencoded")
        #expect(form.status == 415)
        // None of it stored anything (ben's feed has only his joining the private space).
        #expect(try await c.api.pullAll(token: c.ben).changes.allSatisfy { $0.post == nil })
    }

    @Test func repeatedFailedLoginsFromOneAddressGet429() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana")
        // An hour's window: on a loaded machine five requests may take longer than a minute.
        try server.start(["--login-failures", "5", "--login-window", "3600"])
        let api = API(server.baseURL)
        let wrong = "picnic_" + String(repeating: "A", count: 43)
        for _ in 0..<5 { #expect(try await api.get("/v1/me", token: wrong).status == 401) }
        let slowed = try await api.get("/v1/me", token: wrong)
        #expect(slowed.isRefusal(429, "too_many_requests"))
        #expect(Int(slowed.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1)
        // Even a good token waits out the minute from that address: the token is not checked.
        #expect(try await api.get("/v1/me", token: ana).status == 429)
        #expect(try await api.get("/v1/hello", token: nil).status == 200)
    }
}

/// `{}`.
struct EmptyObject: Codable {}
