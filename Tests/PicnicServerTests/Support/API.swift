import AsyncHTTPClient
import CommunityAPI
import Foundation
import NIOCore
import NIOHTTP1

/// An answer of the server, as a test looks at it.
struct HTTPResult: Sendable {
    var status: Int
    var body: Data
    var headers: HTTPHeaders

    var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as an API value (fails the test with the body when it is not).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        do { return try APIJSON.decode(type, from: body) } catch {
            throw ServerTestError("status \(status), body \(text.prefix(400)): \(error)")
        }
    }

    /// Whether this is the refusal with that status and code, in the contract's one-line shape.
    func isRefusal(_ status: Int, _ code: String) -> Bool {
        self.status == status && (try? errorCode()) == code
    }

    /// The error code of a refusal, after checking the body is one line of the contract's shape.
    func errorCode() throws -> String {
        guard !text.contains("\n") else { throw ServerTestError("error body is not one line: \(text)") }
        return try decode(APIError.Body.self).error.code.rawValue
    }
}

/// Requests to a test server, through async-http-client.
struct API: Sendable {
    let base: String
    let client: HTTPClient

    init(_ base: String, client: HTTPClient = .shared) {
        self.base = base
        self.client = client
    }

    func call(_ method: HTTPMethod, _ path: String, token: String? = nil, body: Data? = nil,
              contentType: String? = "application/json", headers: [(String, String)] = []) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        for (k, v) in headers { request.headers.add(name: k, value: v) }
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return HTTPResult(status: Int(response.status.code), body: Data(bytes.readableBytesView), headers: response.headers)
    }

    func get(_ path: String, token: String?) async throws -> HTTPResult {
        try await call(.GET, path, token: token)
    }

    func put<T: Encodable>(_ path: String, _ value: T, token: String?) async throws -> HTTPResult {
        try await call(.PUT, path, token: token, body: APIJSON.encode(value))
    }

    func delete(_ path: String, token: String?) async throws -> HTTPResult {
        try await call(.DELETE, path, token: token)
    }

    /// Writes a post and decodes the stored post (the status must be 200 or 201).
    @discardableResult
    func post(_ id: UUID, _ w: APIPostWrite, token: String) async throws -> APIPost {
        let r = try await put(CommunityAPI.Path.post(id), w, token: token)
        guard r.status == 200 || r.status == 201 else { throw ServerTestError("PUT post: \(r.status) \(r.text)") }
        return try r.decode(APIPost.self)
    }

    /// The feed after `after`, pulled again (with a deadline) until `done` holds: the head may
    /// stay below a committed write while an older transaction anywhere on the cluster runs
    /// (docs/DECISIONS.md, "The change feed never skips"), and tests share one cluster.
    func pull(after: Int64 = 0, token: String, limit: Int = 1000, timeout: Duration = .seconds(10),
              until done: ([APIChange]) -> Bool) async throws -> (changes: [APIChange], next: Int64) {
        let deadline = ContinuousClock.now + timeout
        while true {
            let got = try await pullAll(after: after, token: token, limit: limit)
            if done(got.changes) { return got }
            guard ContinuousClock.now < deadline else { return got }
            try await Task.sleep(for: .milliseconds(20))   // polling for a condition, with a deadline
        }
    }

    /// The feed after `after` once the head has reached `position` (a write's).
    func pull(after: Int64 = 0, through position: Int64, token: String, limit: Int = 1000) async throws -> (changes: [APIChange], next: Int64) {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let got = try await pullAll(after: after, token: token, limit: limit)
            if got.next >= position || ContinuousClock.now >= deadline { return got }
            try await Task.sleep(for: .milliseconds(20))   // polling for a condition, with a deadline
        }
    }

    /// Every change after `after`, following `next` until `more` is false.
    func pullAll(after: Int64 = 0, token: String, limit: Int = 1000) async throws -> (changes: [APIChange], next: Int64) {
        var after = after
        var all: [APIChange] = []
        while true {
            let r = try await get("/v1/changes?after=\(after)&limit=\(limit)", token: token)
            guard r.status == 200 else { throw ServerTestError("changes: \(r.status) \(r.text)") }
            let page = try r.decode(APIChangePage.self)
            all += page.changes
            after = page.next
            if !page.more { return (all, after) }
        }
    }
}
