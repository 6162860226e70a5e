import AsyncHTTPClient
import Crypto
import CommunityAPI
import Foundation
import NIOCore
import NIOHTTP1
import PicnicCore
import Testing
import TestSupport

/// Every endpoint × {no token, bad token, revoked, non-member, member, author, moderator}: the
/// status, the one-line JSON error of a refusal, and that a refusal changed nothing (a digest of
/// every table but the tokens' last-use times, taken before and after).
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct AuthorizationMatrixTests {
    enum Actor: String, CaseIterable { case noToken, badToken, revoked, nonMember, member, author, moderator }

    /// One row of the matrix: how to call the endpoint on a fresh target, and what each actor gets.
    struct Row {
        var name: String
        var call: (API, String?, Target) async throws -> HTTPResult
        /// Status and error code (nil for a success) of the actors who get past authentication.
        var nonMember: (Int, String?)
        var member: (Int, String?)
        var author: (Int, String?)
        var moderator: (Int, String?)
        var noTokenStatus = 401
    }

    /// What a row acts on: a question by the author in the private space, an answer by the member,
    /// and a file post naming a file; all made fresh for each row.
    struct Target {
        var question: UUID
        var answer: UUID
        var fileSHA: String
        var uploadBytes: Data
        var uploadSHA: String
    }

    static let rows: [Row] = {
        let edit = APIPostWrite(space: "ops", kind: .question, title: "Edited title", body: "edited")
        return [
            Row(name: "GET /v1/hello", call: { api, t, _ in try await api.get("/v1/hello", token: t) },
                nonMember: (200, nil), member: (200, nil), author: (200, nil), moderator: (200, nil), noTokenStatus: 200),
            Row(name: "GET /v1/me", call: { api, t, _ in try await api.get("/v1/me", token: t) },
                nonMember: (200, nil), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "GET /v1/spaces", call: { api, t, _ in try await api.get("/v1/spaces", token: t) },
                nonMember: (200, nil), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "GET /v1/changes", call: { api, t, _ in try await api.get("/v1/changes?after=0", token: t) },
                nonMember: (200, nil), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "GET /v1/events", call: { api, t, _ in try await eventsStatus(api, token: t) },
                nonMember: (200, nil), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "GET /v1/ledger", call: { api, t, _ in try await api.get("/v1/ledger", token: t) },
                nonMember: (200, nil), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "GET /v1/posts/ID", call: { api, t, x in try await api.get(CommunityAPI.Path.post(x.question), token: t) },
                nonMember: (404, "not_found"), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "PUT /v1/posts/ID (create)", call: { api, t, _ in
                    try await api.put(CommunityAPI.Path.post(UUID()), APIPostWrite(space: "ops", kind: .tip, title: "New"), token: t) },
                nonMember: (404, "no_such_space"), member: (201, nil), author: (201, nil), moderator: (201, nil)),
            Row(name: "PUT /v1/posts/ID (edit)", call: { api, t, x in try await api.put(CommunityAPI.Path.post(x.question), edit, token: t) },
                nonMember: (404, "no_such_space"), member: (403, "not_author"), author: (200, nil), moderator: (403, "not_author")),
            Row(name: "DELETE /v1/posts/ID", call: { api, t, x in try await api.delete(CommunityAPI.Path.post(x.question), token: t) },
                nonMember: (404, "not_found"), member: (403, "not_author"), author: (200, nil), moderator: (403, "not_author")),
            Row(name: "PUT /v1/posts/ID/vote", call: { api, t, x in
                    try await api.put(CommunityAPI.Path.post(x.question, .vote), APIVote(value: 1), token: t) },
                nonMember: (404, "not_found"), member: (200, nil), author: (403, "own_post"), moderator: (200, nil)),
            Row(name: "PUT /v1/posts/ID/helped", call: { api, t, x in
                    try await api.put(CommunityAPI.Path.post(x.question, .helped), EmptyObject(), token: t) },
                nonMember: (404, "not_found"), member: (200, nil), author: (403, "own_post"), moderator: (200, nil)),
            Row(name: "DELETE /v1/posts/ID/helped", call: { api, t, x in
                    try await api.delete(CommunityAPI.Path.post(x.question, .helped), token: t) },
                nonMember: (404, "not_found"), member: (200, nil), author: (403, "own_post"), moderator: (200, nil)),
            Row(name: "PUT /v1/posts/ID/accept", call: { api, t, x in
                    try await api.put(CommunityAPI.Path.post(x.question, .accept), APIAccept(answer: x.answer), token: t) },
                nonMember: (404, "not_found"), member: (403, "not_asker"), author: (200, nil), moderator: (403, "not_asker")),
            Row(name: "PUT /v1/posts/ID/hidden", call: { api, t, x in
                    try await api.put(CommunityAPI.Path.post(x.question, .hidden), APIHide(hidden: true), token: t) },
                nonMember: (404, "not_found"), member: (403, "not_moderator"), author: (403, "not_moderator"), moderator: (200, nil)),
            Row(name: "PUT /v1/files/SHA256", call: { api, t, x in
                    try await api.call(.PUT, CommunityAPI.Path.file(x.uploadSHA), token: t, body: x.uploadBytes,
                                       contentType: "application/octet-stream") },
                nonMember: (201, nil), member: (200, nil), author: (200, nil), moderator: (200, nil)),
            Row(name: "GET /v1/files/SHA256", call: { api, t, x in try await api.get(CommunityAPI.Path.file(x.fileSHA), token: t) },
                nonMember: (404, "not_found"), member: (200, nil), author: (200, nil), moderator: (200, nil)),
        ]
    }()

    /// Opens the event stream, reads its status and first bytes, and hangs up.
    static func eventsStatus(_ api: API, token: String?) async throws -> HTTPResult {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { Task { try? await client.shutdown() } }
        var request = HTTPClientRequest(url: api.base + "/v1/events")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await client.execute(request, timeout: .seconds(30))
        var iterator = response.body.makeAsyncIterator()
        let first = try await iterator.next()
        let body = first.map { Data($0.readableBytesView) } ?? Data()
        if response.status.code == 200 {
            #expect(String(decoding: body, as: UTF8.self).contains("event: head"))
        }
        return HTTPResult(status: Int(response.status.code), body: body, headers: response.headers)
    }

    @Test func everyEndpointForEveryKindOfCaller() async throws {
        let server = try TestServer()
        var tokens: [Actor: String] = [:]
        tokens[.author] = try server.addUser("author")
        tokens[.member] = try server.addUser("member")
        tokens[.moderator] = try server.addUser("moderator")
        tokens[.nonMember] = try server.addUser("outsider")
        tokens[.revoked] = try server.addUser("revoked")
        tokens[.badToken] = "picnic_" + String(repeating: "x", count: 43)
        try server.admin(["space", "add", "ops", "--private"])
        try server.admin(["space", "members", "ops", "--add", "author", "member", "revoked", "--moderator", "moderator"])
        try server.admin(["user", "revoke", "revoked"])
        try server.start(["--login-failures", "100000"])
        let api = API(server.baseURL)
        try await SQLSession.with(server.owner) { db in
            var cells = 0
            for row in Self.rows {
                let target = try await makeTarget(api, tokens)
                for actor in Actor.allCases {
                    let before = try await digest(db)
                    let r = try await row.call(api, tokens[actor], target)
                    let (status, code): (Int, String?) = switch actor {
                    case .noToken: (row.noTokenStatus, row.noTokenStatus == 200 ? nil : "unauthorized")
                    case .badToken: (row.noTokenStatus, row.noTokenStatus == 200 ? nil : "unauthorized")
                    case .revoked: (row.noTokenStatus, row.noTokenStatus == 200 ? nil : "token_revoked")
                    case .nonMember: row.nonMember
                    case .member: row.member
                    case .author: row.author
                    case .moderator: row.moderator
                    }
                    #expect(r.status == status, "\(row.name) as \(actor): \(r.status) \(r.text.prefix(300))")
                    if let code {
                        #expect((try? r.errorCode()) == code, "\(row.name) as \(actor): \(r.text.prefix(300))")
                        let after = try await digest(db)
                        #expect(after == before, "\(row.name) as \(actor) changed the database")
                    }
                    cells += 1
                }
            }
            // The outsider's feed never carries the private space's posts.
            let page = try await api.get("/v1/changes?after=0&limit=5000", token: tokens[.nonMember]).decode(APIChangePage.self)
            #expect(page.changes.allSatisfy { $0.post?.space != "ops" })
            #expect(cells == Self.rows.count * Actor.allCases.count)
        }
    }

    private func makeTarget(_ api: API, _ tokens: [Actor: String]) async throws -> Target {
        let q = UUID(), a = UUID()
        let bytes = Data("runbook \(UUID())".utf8)
        let sha = hexString(SHA256.hash(data: bytes))
        let put = try await api.call(.PUT, CommunityAPI.Path.file(sha), token: tokens[.author], body: bytes, contentType: "application/pdf")
        #expect(put.status == 201)
        try await api.post(q, APIPostWrite(space: "ops", kind: .question, title: "Which alerts page at night?"), token: tokens[.author]!)
        try await api.post(a, APIPostWrite(kind: .answer, parent: q, title: "Only user-facing ones"), token: tokens[.member]!)
        try await api.post(UUID(), APIPostWrite(space: "ops", kind: .file, title: "Runbook",
                                                file: APIFileRef(sha256: sha, name: "runbook.pdf", size: Int64(bytes.count), mime: "application/pdf")),
                           token: tokens[.author]!)
        let upload = Data("upload \(UUID())".utf8)
        return Target(question: q, answer: a, fileSHA: sha, uploadBytes: upload, uploadSHA: hexString(SHA256.hash(data: upload)))
    }

    private func digest(_ db: SQLSession) async throws -> String {
        try await db.one("""
            SELECT md5(concat_ws('#',
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM posts x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM post_content x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM feed x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM votes x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM helped x),
                (SELECT string_agg((x.sha256, x.size, x.uploader_id)::text, '|' ORDER BY x.sha256) FROM files x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM memberships x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM access_changes x),
                (SELECT string_agg(x::text, '|' ORDER BY x::text) FROM positions x),
                (SELECT string_agg((x.id, x.revoked)::text, '|' ORDER BY x.id) FROM tokens x)))
            """, as: String.self)
    }
}

func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    digest.map { String(format: "%02x", $0) }.joined()
}
