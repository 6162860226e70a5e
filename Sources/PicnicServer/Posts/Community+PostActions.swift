import CommunityAPI
import Foundation
import Hummingbird
import PostgresNIO

/// `{}`: the body of `PUT …/helped` (an empty body is taken as `{}` too).
struct EmptyBody: Codable {}

extension Community {
    /// A post another reader acts on (vote, helped): readable, not deleted, not hidden from them.
    func readerTarget(_ tx: Tx, _ id: UUID) async throws -> PostRow.Decoded {
        guard let e = try await PostRow.find(id, tx) else { throw APIError.notFound("post \(id.apiString)") }
        if e.post.deleted { throw APIError(.deleted, "post \(id.apiString) was deleted") }
        guard e.hasContent else { throw APIError.notFound("post \(id.apiString)") }
        return e
    }

    /// `PUT /v1/posts/ID/vote`: 1, -1, or 0 to take it back; once per person, never on one's own post.
    func vote(_ request: Request, _ context: ServerContext, id: UUID) async throws -> Response {
        let v = try await request.decodeJSON(APIVote.self)
        guard [-1, 0, 1].contains(v.value) else { throw APIError.invalid("value", "a vote is 1, -1 or 0") }
        let post = try await write(request, context, positions: 1) { tx in try await self.vote(tx, id, v.value) }
        return .json(post)
    }

    func vote(_ tx: Tx, _ id: UUID, _ value: Int) async throws -> TransactionOutcome<APIPost> {
        let v = APIVote(value: value)
        let e = try await self.readerTarget(tx, id)
        guard e.authorID != tx.user.id else { throw APIError(.ownPost, "you cannot vote on your own post") }
        if e.post.myVote == v.value { return .rollback(e.post) }
        if v.value == 0 {
            try await tx.conn.run("DELETE FROM votes WHERE post_id = \(id) AND user_id = \(tx.user.id)", logger: tx.logger)
        } else {
            try await tx.conn.run("""
                INSERT INTO votes (post_id, user_id, space_id, post_author, value)
                VALUES (\(id), \(tx.user.id), \(e.spaceID), \(e.authorID), \(Int16(v.value)))
                ON CONFLICT (post_id, user_id) DO UPDATE SET value = excluded.value
                """, logger: tx.logger)
        }
        return .commit(try await self.moved(tx, id, .vote))
    }

    /// `PUT /v1/posts/ID/helped` (mark) and `DELETE` (take back): once per person, no task text.
    func helped(_ request: Request, _ context: ServerContext, id: UUID, mark: Bool) async throws -> Response {
        if mark {
            let buffer = try await request.collectBody(limit: APILimits.requestBytes, what: "the body")
            if buffer.readableBytes > 0 { _ = try APIJSON.decode(EmptyBody.self, from: Data(buffer.readableBytesView)) }
        }
        let post = try await write(request, context, positions: 1) { tx in try await self.helped(tx, id, mark: mark) }
        return .json(post)
    }

    func helped(_ tx: Tx, _ id: UUID, mark: Bool) async throws -> TransactionOutcome<APIPost> {
        let e = try await self.readerTarget(tx, id)
        guard e.authorID != tx.user.id else { throw APIError(.ownPost, "you cannot mark your own post helpful") }
        if e.post.myHelped == mark { return .rollback(e.post) }
        if mark {
            try await tx.conn.run("""
                INSERT INTO helped (post_id, user_id, space_id, post_author) VALUES (\(id), \(tx.user.id), \(e.spaceID), \(e.authorID))
                ON CONFLICT (post_id, user_id) DO NOTHING
                """, logger: tx.logger)
        } else {
            try await tx.conn.run("DELETE FROM helped WHERE post_id = \(id) AND user_id = \(tx.user.id)", logger: tx.logger)
        }
        return .commit(try await self.moved(tx, id, .helped))
    }

    /// `PUT /v1/posts/ID/accept`: the question's author accepts one of its answers, or clears it.
    func accept(_ request: Request, _ context: ServerContext, id: UUID) async throws -> Response {
        let a = try await request.decodeJSON(APIAccept.self)
        // Three positions: the question, the answer accepted now, the one accepted before.
        let post = try await write(request, context, positions: 3) { tx in try await self.accept(tx, id, a) }
        return .json(post)
    }

    func accept(_ tx: Tx, _ id: UUID, _ a: APIAccept) async throws -> TransactionOutcome<APIPost> {
        try await tx.conn.run("SELECT 1 FROM posts WHERE id = \(id) FOR UPDATE", logger: tx.logger)
        let q = try await self.readerTarget(tx, id)
        guard q.post.kind == .question else { throw APIError(.notAnAnswer, "post \(id.apiString) is not a question") }
        guard q.authorID == tx.user.id else { throw APIError(.notAsker, "only the question's author may accept an answer") }
        if q.post.acceptedAnswer == a.answer { return .rollback(q.post) }
        if let answerID = a.answer {
            guard let ans = try await PostRow.find(answerID, tx), ans.post.kind == .answer, ans.post.parent == id,
                  !ans.post.deleted, ans.hasContent else {
                throw APIError(.notAnAnswer, "\(answerID.apiString) is not an answer to this question")
            }
        }
        let before = q.post.acceptedAnswer
        try await tx.conn.run("UPDATE posts SET accepted_answer = \(a.answer) WHERE id = \(id)", logger: tx.logger)
        if let now = a.answer { try await self.moveInFeed(tx, now, .accept, offset: 1) }
        if let before { try await self.moveInFeed(tx, before, .accept, offset: 2) }
        return .commit(try await self.moved(tx, id, .accept))
    }

    /// `PUT /v1/posts/ID/hidden`: a moderator of the post's space hides or unhides it.
    func hide(_ request: Request, _ context: ServerContext, id: UUID) async throws -> Response {
        let h = try await request.decodeJSON(APIHide.self)
        if let reason = h.reason, reason.utf8.count > 1_000 { throw APIError.invalid("reason", "longer than 1000 bytes") }
        let post = try await write(request, context, positions: 2) { tx in try await self.hide(tx, id, h) }
        return .json(post)
    }

    func hide(_ tx: Tx, _ id: UUID, _ h: APIHide) async throws -> TransactionOutcome<APIPost> {
        try await tx.conn.run("SELECT 1 FROM posts WHERE id = \(id) FOR UPDATE", logger: tx.logger)
        guard let e = try await PostRow.find(id, tx) else { throw APIError.notFound("post \(id.apiString)") }
        if e.post.deleted { throw APIError(.deleted, "post \(id.apiString) was deleted") }
        guard tx.scope.moderates(e.spaceID) else { throw APIError(.notModerator, "only a moderator of '\(e.post.space)' may hide posts") }
        if e.post.hidden == h.hidden { return .rollback(e.post) }
        try await tx.conn.run("UPDATE posts SET hidden = \(h.hidden), hidden_reason = \(h.hidden ? h.reason : nil) WHERE id = \(id)",
                              logger: tx.logger)
        if let parent = e.post.parent { try await moveInFeed(tx, parent, nil, offset: 1) }   // its visible answers changed
        return .commit(try await self.moved(tx, id, h.hidden ? .hide : .unhide))
    }

    func submitVote(post id: UUID, value: Int, as user: AuthUser) async throws -> APIPost {
        try await write(as: user, positions: 1) { tx in try await self.vote(tx, id, value) }
    }

    func submitHelped(post id: UUID, as user: AuthUser) async throws -> APIPost {
        try await write(as: user, positions: 1) { tx in try await self.helped(tx, id, mark: true) }
    }

    func submitAccept(question id: UUID, answer: UUID?, as user: AuthUser) async throws -> APIPost {
        try await write(as: user, positions: 3) { tx in try await self.accept(tx, id, APIAccept(answer: answer)) }
    }

    /// Moves the post in the feed and reads it back.
    private func moved(_ tx: Tx, _ id: UUID, _ op: APIChangeOp) async throws -> APIPost {
        try await moveInFeed(tx, id, op)
        guard let stored = try await PostRow.find(id, tx) else { throw APIError(.internalError, "post \(id.apiString) is not readable") }
        return stored.post
    }
}
