import CommunityAPI
import Foundation
import Hummingbird
import PicnicCore
import PostgresNIO

extension Community {
    /// `GET /v1/posts/ID`: the post, or 404 (also for a post in a space the user may not read).
    func getPost(_ request: Request, _ context: ServerContext, id: UUID) async throws -> Response {
        let post = try await read(request, context, replica: true) { tx -> APIPost in
            guard let found = try await PostRow.find(id, tx) else {
                // A replica may lag behind a post just written: only the primary says "no such post".
                if tx.onReplica { throw ReplicaBehind() }
                throw APIError.notFound("post \(id.apiString)")
            }
            return found.post
        }
        return .json(post)
    }

    /// `PUT /v1/posts/ID`: creates (201), edits (200) or, for a retry, changes nothing (200).
    func putPost(_ request: Request, _ context: ServerContext, id: UUID) async throws -> Response {
        let w = try await request.decodeJSON(APIPostWrite.self)
        try APILimits.check(w)
        let (post, created) = try await retryingConflicts {
            try await self.write(request, context, positions: Self.positions(w)) { tx in try await self.putPost(tx, id: id, w) }
        }
        return .json(post, status: created ? .created : .ok)
    }

    /// Positions a `PUT` takes: the post's, and for an answer its question's (whose `answers` grow).
    static func positions(_ w: APIPostWrite) -> Int { w.kind == .answer ? 2 : 1 }

    func putPost(_ tx: Tx, id: UUID, _ w: APIPostWrite) async throws -> TransactionOutcome<(APIPost, Bool)> {
        // The author's edits of one post queue here (row-level security lets only the author's lock through).
        try await tx.conn.run("SELECT 1 FROM posts WHERE id = \(id) FOR UPDATE", logger: tx.logger)
        if let existing = try await PostRow.find(id, tx) {
            return try await edit(tx, existing, w)
        }
        let spaceID: Int64
        if w.kind == .answer {
            guard let parentID = w.parent, let q = try await PostRow.find(parentID, tx), q.post.kind == .question,
                  !q.post.deleted, q.hasContent else {
                throw APIError(.badParent, "an answer's parent must be a question you can read")
            }
            spaceID = q.spaceID
        } else {
            guard let space = tx.scope.byName[w.space] else { throw APIError(.noSuchSpace, "no space '\(w.space)'") }
            spaceID = space.id
        }
        if let file = w.file { try await checkFile(file, tx) }
        try await tx.conn.run("""
            INSERT INTO posts (id, space_id, kind, author_id, parent)
            VALUES (\(id), \(spaceID), \(w.kind.rawValue), \(tx.user.id), \(w.parent))
            """, logger: tx.logger)
        try await tx.conn.run("""
            INSERT INTO post_content (post_id, space_id, author_id, title, body, tags, url, file_sha256, file_name, file_size, file_mime)
            VALUES (\(id), \(spaceID), \(tx.user.id), \(w.title), \(w.body), \(w.tags), \(w.url),
                    \(w.file?.sha256), \(w.file?.name), \(w.file?.size), \(w.file?.mime))
            """, logger: tx.logger)
        try await tx.conn.run("""
            INSERT INTO feed (post_id, space_id, position, op) VALUES (\(id), \(spaceID), \(tx.position), 'create')
            """, logger: tx.logger)
        if w.kind == .answer, let parent = w.parent { try await moveInFeed(tx, parent, nil, offset: 1) }
        guard let stored = try await PostRow.find(id, tx) else { throw APIError(.internalError, "the new post is not readable") }
        return .commit((stored.post, true))
    }

    private func edit(_ tx: Tx, _ e: PostRow.Decoded, _ w: APIPostWrite) async throws -> TransactionOutcome<(APIPost, Bool)> {
        if e.post.deleted { throw APIError(.deleted, "post \(e.post.id.apiString) was deleted") }
        guard e.authorID == tx.user.id else { throw APIError(.notAuthor, "only the author of a post may edit it") }
        if e.post.kind != w.kind || e.post.parent != w.parent || (w.kind != .answer && e.post.space != w.space) {
            throw APIError(.immutable, "a post's space, kind and parent never change")
        }
        let p = e.post
        if p.title == w.title, p.body == w.body, p.tags == w.tags, p.url == w.url, p.file == w.file {
            return .rollback((p, false))   // a retry: nothing changes, not even the feed
        }
        if let base = w.baseVersion, base != p.version {
            throw APIError(.versionConflict, "the post is at version \(p.version), not \(base)")
        }
        if let file = w.file { try await checkFile(file, tx) }
        try await tx.conn.run("""
            UPDATE post_content SET title = \(w.title), body = \(w.body), tags = \(w.tags), url = \(w.url),
                file_sha256 = \(w.file?.sha256), file_name = \(w.file?.name), file_size = \(w.file?.size), file_mime = \(w.file?.mime)
            WHERE post_id = \(p.id)
            """, logger: tx.logger)
        try await tx.conn.run("UPDATE posts SET version = version + 1, edited = now() WHERE id = \(p.id)", logger: tx.logger)
        try await moveInFeed(tx, p.id, .edit)
        guard let stored = try await PostRow.find(p.id, tx) else { throw APIError(.internalError, "the edited post is not readable") }
        return .commit((stored.post, false))
    }

    /// `DELETE /v1/posts/ID`: the author turns the post into a tombstone (200 again if it is one).
    func deletePost(_ request: Request, _ context: ServerContext, id: UUID) async throws -> Response {
        let post = try await write(request, context, positions: 2) { tx -> TransactionOutcome<APIPost> in
            try await tx.conn.run("SELECT 1 FROM posts WHERE id = \(id) FOR UPDATE", logger: tx.logger)
            guard let e = try await PostRow.find(id, tx) else { throw APIError.notFound("post \(id.apiString)") }
            guard e.authorID == tx.user.id else { throw APIError(.notAuthor, "only the author of a post may delete it") }
            if let parent = e.post.parent, !e.post.deleted { try await self.moveInFeed(tx, parent, nil, offset: 1) }
            if e.post.deleted { return .rollback(e.post) }
            try await tx.conn.run("DELETE FROM post_content WHERE post_id = \(id)", logger: tx.logger)
            try await tx.conn.run("UPDATE posts SET deleted = true WHERE id = \(id)", logger: tx.logger)
            try await self.moveInFeed(tx, id, .delete)
            guard let stored = try await PostRow.find(id, tx) else { throw APIError(.internalError, "the tombstone is not readable") }
            return .commit(stored.post)
        }
        return .json(post)
    }

    /// Moves a post to one of this transaction's positions (a position only grows; see
    /// docs/Server.md), with `op` its latest change, or keeping its op when only something shown
    /// with it changed (a question whose answers changed).
    func moveInFeed(_ tx: Tx, _ id: UUID, _ op: APIChangeOp?, offset: Int64 = 0) async throws {
        try await tx.conn.run("""
            UPDATE feed SET position = greatest(position, \(tx.position + offset)), op = coalesce(\(op?.rawValue), op)
            WHERE post_id = \(id)
            """, logger: tx.logger)
    }

    /// A file post names bytes already uploaded, with their size.
    private func checkFile(_ file: APIFileRef, _ tx: Tx) async throws {
        let row = try await tx.conn.firstRow("SELECT picnic_file_size(\(file.sha256))", logger: tx.logger)
        guard let size = try row?.decode(Int64?.self) else {
            throw APIError(.fileMissing, "upload the file first: PUT /v1/files/\(file.sha256)")
        }
        guard size == file.size else { throw APIError.invalid("file.size", "the stored file has \(size) bytes") }
    }

    /// Runs a write again when a concurrent one won a race (the same new id created twice at
    /// once): the second run sees the stored post. A post that stays invisible is someone
    /// else's in a space the user may not read: 404.
    func retryingConflicts<T>(_ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch let e as PSQLError where e.sqlState == "23505" && e.constraint == "posts_pkey" {
                attempt += 1
                if attempt >= 2 { throw APIError.notFound("post") }
            }
        }
    }
}
