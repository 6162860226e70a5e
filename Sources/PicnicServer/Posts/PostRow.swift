import CommunityAPI
import Foundation
import PicnicCore
import PostgresNIO

/// Reads posts as the API shows them to the transaction's user (`picnic_uid()`): counts, the
/// user's own vote and mark, and tombstones for deleted posts and posts hidden from them.
enum PostRow {
    /// The select list (`p` the post, `f` its feed row: `position`, `op`).
    static let columns = """
        p.id, s.name, p.kind, u.name, p.parent, p.created, p.edited, p.version,
        c.post_id IS NOT NULL, c.title, c.body, c.tags, c.url,
        c.file_sha256, c.file_name, c.file_size, c.file_mime,
        (SELECT coalesce(sum(v.value), 0) FROM votes v WHERE v.post_id = p.id)::int,
        coalesce((SELECT v.value FROM votes v WHERE v.post_id = p.id AND v.user_id = picnic_uid()), 0)::int,
        (SELECT count(*) FROM helped h WHERE h.post_id = p.id)::int,
        EXISTS (SELECT 1 FROM helped h WHERE h.post_id = p.id AND h.user_id = picnic_uid()),
        (SELECT a.id FROM posts a WHERE a.id = p.accepted_answer AND NOT a.deleted),
        coalesce((SELECT q.accepted_answer = p.id FROM posts q WHERE q.id = p.parent), false),
        (SELECT count(*) FROM posts a JOIN post_content ac ON ac.post_id = a.id WHERE a.parent = p.id)::int,
        p.hidden, p.deleted, f.position, f.op, p.space_id, p.author_id
        """

    /// The joins from a post to what it shows.
    static let joins = """
        JOIN spaces s ON s.id = p.space_id
        JOIN users u ON u.id = p.author_id
        LEFT JOIN post_content c ON c.post_id = p.id
        """

    /// One post by id, if the user may read it (the server's own `space_id = ANY(readable)`;
    /// row-level security filters again). Prepared: RLS makes its plan costly to make each time.
    struct Find: PostgresPreparedStatement {
        static let sql = "SELECT \(columns) FROM posts p JOIN feed f ON f.post_id = p.id \(joins) WHERE p.id = $1 AND p.space_id = ANY($2)"
        typealias Row = Decoded
        var id: UUID
        var readable: [Int64]
        func makeBindings() throws -> PostgresBindings {
            var b = PostgresBindings(capacity: 2)
            b.append(id)
            b.append(readable)
            return b
        }
        func decodeRow(_ row: PostgresRow) throws -> Decoded { try PostRow.decode(row) }
    }

    /// A page of the feed: the feed's rows in (after, head] first, in position order and limited,
    /// then each one's post by its key. The shape is forced (a materialized page, a lateral
    /// lookup that is not flattened): on a young table without statistics the planner otherwise
    /// scans the page once per post.
    struct Page: PostgresPreparedStatement {
        static let sql = """
            WITH page AS MATERIALIZED (
                SELECT post_id, position, op FROM feed
                WHERE position > $1 AND position <= $2 AND space_id = ANY($3)
                ORDER BY position LIMIT $4)
            SELECT \(columns)
            FROM page f CROSS JOIN LATERAL (SELECT * FROM posts p0 WHERE p0.id = f.post_id AND p0.space_id = ANY($3) OFFSET 0) p
            \(joins)
            ORDER BY f.position
            """
        typealias Row = Decoded
        var after: Int64
        var head: Int64
        var readable: [Int64]
        var limit: Int64
        func makeBindings() throws -> PostgresBindings {
            var b = PostgresBindings(capacity: 4)
            b.append(after)
            b.append(head)
            b.append(readable)
            b.append(limit)
            return b
        }
        func decodeRow(_ row: PostgresRow) throws -> Decoded { try PostRow.decode(row) }
    }

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
        var found: Decoded?
        for try await post in try await tx.conn.execute(Find(id: id, readable: tx.scope.readableIDs), logger: tx.logger) {
            found = post
        }
        return found
    }
}
