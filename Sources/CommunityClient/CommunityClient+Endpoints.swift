import CommunityAPI
import PicnicCore
import Crypto
import Foundation

extension CommunityClient {
    /// `GET /v1/hello` (no token): what the server is. Anything but a Picnic community of this
    /// API version is a `.protocolViolation` (exit 76).
    public func hello() async throws -> APIHello {
        let response = try await send("GET", CommunityAPI.Path.hello, authorized: false)
        let notOurs = "\(server.baseURL): not a Picnic community server"
        guard (200..<300).contains(response.status) else {
            if response.status >= 500 { throw refusal(response, method: "GET", path: CommunityAPI.Path.hello) }
            throw CommunityError(.protocolViolation, "\(notOurs) (GET /v1/hello answered HTTP \(response.status))", status: response.status)
        }
        guard let hello = try? APIJSON.decode(APIHello.self, from: response.body) else {
            throw CommunityError(.protocolViolation, "\(notOurs) (GET /v1/hello did not answer the API's JSON)", status: response.status)
        }
        guard hello.service == CommunityAPI.service else {
            throw CommunityError(.protocolViolation, "\(notOurs) (it says it is \"\(Self.printable(hello.service, 40))\")")
        }
        guard hello.api == CommunityAPI.version else {
            throw CommunityError(.protocolViolation,
                                 "\(server.baseURL): the server speaks API v\(hello.api); this picnic speaks v\(CommunityAPI.version)")
        }
        return hello
    }

    /// `GET /v1/me`: who the token belongs to, their spaces, and the feed's head.
    public func me() async throws -> APIMe {
        try await call("GET", CommunityAPI.Path.me, as: APIMe.self).0
    }

    /// `GET /v1/spaces`: the spaces the user may read.
    public func spaces() async throws -> [APISpace] {
        try await call("GET", CommunityAPI.Path.spaces, as: APISpaceList.self).0.spaces
    }

    /// `GET /v1/changes?after=N&limit=L`: one page of the feed.
    public func changes(after position: Int64, limit: Int = APIChangePage.defaultLimit) async throws -> APIChangePage {
        try await call("GET", "\(CommunityAPI.Path.changes)?after=\(position)&limit=\(limit)", as: APIChangePage.self).0
    }

    /// `GET /v1/posts/ID`.
    public func post(_ id: UUID) async throws -> APIPost {
        try await call("GET", CommunityAPI.Path.post(id), as: APIPost.self).0
    }

    /// `PUT /v1/posts/ID`: creates the post (`created` true, 201) or edits it; safe to retry.
    public func putPost(_ id: UUID, _ write: APIPostWrite) async throws -> (post: APIPost, created: Bool) {
        let (post, status) = try await call("PUT", CommunityAPI.Path.post(id), body: APIJSON.encode(write), as: APIPost.self)
        return (post, status == 201)
    }

    /// `DELETE /v1/posts/ID`: the tombstone (also when it was already deleted).
    public func deletePost(_ id: UUID) async throws -> APIPost {
        try await call("DELETE", CommunityAPI.Path.post(id), as: APIPost.self).0
    }

    /// `PUT /v1/posts/ID/vote`: 1, -1, or 0 to take a vote back.
    public func vote(_ id: UUID, _ value: Int) async throws -> APIPost {
        try await call("PUT", CommunityAPI.Path.post(id, .vote), body: APIJSON.encode(APIVote(value: value)), as: APIPost.self).0
    }

    /// `PUT` or `DELETE /v1/posts/ID/helped`: marks the post helpful (no task text is sent), or not.
    public func setHelped(_ id: UUID, _ helped: Bool) async throws -> APIPost {
        let path = CommunityAPI.Path.post(id, .helped)
        if helped { return try await call("PUT", path, body: Data("{}".utf8), as: APIPost.self).0 }
        return try await call("DELETE", path, as: APIPost.self).0
    }

    /// `PUT /v1/posts/QUESTION/accept`: accepts an answer, or clears the choice with nil.
    public func accept(question: UUID, answer: UUID?) async throws -> APIPost {
        try await call("PUT", CommunityAPI.Path.post(question, .accept), body: APIJSON.encode(APIAccept(answer: answer)), as: APIPost.self).0
    }

    /// `PUT /v1/posts/ID/hidden` (moderators).
    public func setHidden(_ id: UUID, _ hidden: Bool, reason: String? = nil) async throws -> APIPost {
        try await call("PUT", CommunityAPI.Path.post(id, .hidden), body: APIJSON.encode(APIHide(hidden: hidden, reason: reason)),
                       as: APIPost.self).0
    }

    /// `PUT /v1/files/SHA256`: uploads a file's bytes (`created` false when the server had them).
    public func putFile(sha256: String, _ bytes: Data) async throws -> (stored: APIFileStored, created: Bool) {
        let path = CommunityAPI.Path.file(sha256)
        let response = try await send("PUT", path, body: bytes, contentType: "application/octet-stream")
        guard (200..<300).contains(response.status) else { throw refusal(response, method: "PUT", path: path) }
        guard let stored = try? APIJSON.decode(APIFileStored.self, from: response.body) else {
            throw CommunityError(.protocolViolation, "\(server.baseURL): PUT \(path) gave a malformed answer", status: response.status)
        }
        return (stored, response.status == 201)
    }

    /// `GET /v1/files/SHA256`: the bytes, checked against the hash they are named by.
    public func file(sha256: String) async throws -> Data {
        let path = CommunityAPI.Path.file(sha256)
        let response = try await send("GET", path)
        guard (200..<300).contains(response.status) else { throw refusal(response, method: "GET", path: path) }
        guard SHA256.hash(data: response.body).map({ String(format: "%02x", $0) }).joined() == sha256.lowercased() else {
            throw CommunityError(.protocolViolation, "\(server.baseURL): GET \(path): the bytes do not match their hash")
        }
        return response.body
    }

    /// `GET /v1/ledger`: giving and receiving, for the user and the community.
    public func ledger() async throws -> APILedger {
        try await call("GET", CommunityAPI.Path.ledger, as: APILedger.self).0
    }
}
