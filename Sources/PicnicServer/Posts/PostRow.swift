import CommunityAPI
import Foundation
import PicnicCore
import PostgresNIO

/// Reads posts as the API shows them to the transaction's user (`picnic_uid()`): counts, the
/// user's own vote and mark, and tombstones for deleted posts and posts hidden from them.
enum PostRow {
    /// The select list and joins; callers add `WHERE …` (always with the server's own
    /// `p.space_id = ANY(readable)`; row-level security filters again).
    static let select = """
        SELECT p.id, s.name, p.kind, u.name, p.parent, p.created, p.edited, p.version,
               c.post_id IS NOT NULL, c.title, c.body, c.tags, c.url,
               c.file_sha256, c.file_name, c.file_size, c.file_mime,
               (SELECT coalesce(sum(v.value), 0) FROM votes v WHERE v.post_id = p.id)::int,
               coalesce((SELECT v.value FROM votes v WHERE v.post_id = p.id AND v.user_id = picnic_uid()), 0)::int,
               (SELECT count(*) FROM helped h WHERE h.post_id = p.id)::int,
               EXISTS (SELECT 1 FROM helped h WHERE h.post_id = p.id AND h.user_id = picnic_uid()),
               (SELECT a.id FROM posts a WHERE a.id = p.accepted_answer AND NOT a.deleted),
               EXISTS (SELECT 1 FROM posts q WHERE q.id = p.parent AND q.accepted_answer = p.id),
               (SELECT count(*) FROM posts a JOIN post_content ac ON ac.post_id = a.id WHERE a.parent = p.id)::int,
               p.hidden, p.deleted, f.position, f.op, p.space_id, p.author_id
        FROM posts p
        JOIN feed f ON f.post_id = p.id
        JOIN spaces s ON s.id = p.space_id
        JOIN users u ON u.id = p.author_id
        LEFT JOIN post_content c ON c.post_id = p.id
        """

    /// A decoded row: the post, its latest op, and the ids the server checks rules with.
    struct Decoded: Sendable {
        var post: APIPost
        var op: APIChangeOp
        var spaceID: Int64
        var authorID: Int64
        /// Whether the user may see the post's text (not deleted, not hidden from them).
        var hasContent: Bool
    }

    static func decode(_ row: PostgresRow) throws -> Decoded {
        let r = row.makeRandomAccess()
        let kindText = try r[2].decode(String.self)
        guard let kind = PostKind(rawValue: kindText) else { throw APIError(.internalError, "stored kind \(kindText)") }
        let hasContent = try r[8].decode(Bool.self)
        let deleted = try r[25].decode(Bool.self)
        let hidden = try r[24].decode(Bool.self)
        var file: APIFileRef?
        if hasContent, let sha = try r[13].decode(String?.self) {
            file = APIFileRef(sha256: sha, name: try r[14].decode(String?.self) ?? "", size: try r[15].decode(Int64?.self) ?? 0,
                              mime: try r[16].decode(String?.self) ?? "application/octet-stream")
        }
        let opText = try r[27].decode(String.self)
        let post = APIPost(
            id: try r[0].decode(UUID.self), space: try r[1].decode(String.self), kind: kind, author: try r[3].decode(String.self),
            parent: try r[4].decode(UUID?.self),
            title: hasContent ? try r[9].decode(String.self) : "",
            body: hasContent ? try r[10].decode(String.self) : "",
            tags: hasContent ? try r[11].decode([String].self) : [],
            url: hasContent ? try r[12].decode(String?.self) : nil,
            file: file,
            created: try r[5].decode(Date.self), edited: try r[6].decode(Date?.self), version: try r[7].decode(Int.self),
            votes: try r[17].decode(Int.self), myVote: try r[18].decode(Int.self),
            helped: try r[19].decode(Int.self), myHelped: try r[20].decode(Bool.self),
            acceptedAnswer: try r[21].decode(UUID?.self), accepted: try r[22].decode(Bool.self),
            answers: kind == .question ? try r[23].decode(Int.self) : 0,
            hidden: hidden || (!hasContent && !deleted), deleted: deleted,
            position: try r[26].decode(Int64.self))
        return Decoded(post: post, op: APIChangeOp(rawValue: opText) ?? .edit, spaceID: try r[28].decode(Int64.self),
                       authorID: try r[29].decode(Int64.self), hasContent: hasContent)
    }

    /// One post the user may read, or nil.
    static func find(_ id: UUID, _ tx: Tx) async throws -> Decoded? {
        let q: PostgresQuery = "\(unescaped: select) WHERE p.id = \(id) AND p.space_id = ANY(\(tx.scope.readableIDs))"
        guard let row = try await tx.conn.firstRow(q, logger: tx.logger) else { return nil }
        return try decode(row)
    }
}
