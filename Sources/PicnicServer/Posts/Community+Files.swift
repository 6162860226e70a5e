import CommunityAPI
import Crypto
import Foundation
import Hummingbird
import NIOCore
import PostgresNIO

extension Community {
    /// `PUT /v1/files/SHA256`: the bytes, checked against the hash, stored once (201, or 200 when
    /// already there); 413 over the cap, before reading when Content-Length says so.
    func putFile(_ request: Request, _ context: ServerContext, sha256: String) async throws -> Response {
        guard APILimits.isSHA256(sha256) else { throw APIError.invalid("sha256", "not a lower-case hex SHA-256") }
        let cap = config.maxFileBytes
        if let length = request.headers[.contentLength].flatMap({ Int64($0) }), length > cap {
            throw APIError(.tooLarge, "the file is \(length) bytes, more than the server's cap of \(cap)")
        }
        let user = try await authenticated(request, context)
        var hasher = SHA256()
        var data = ByteBuffer()
        for try await var chunk in request.body {
            guard Int64(data.readableBytes + chunk.readableBytes) <= cap else {
                throw APIError(.tooLarge, "the file is more than the server's cap of \(cap) bytes")
            }
            chunk.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            data.writeBuffer(&chunk)
        }
        let actual = Hex.string(hasher.finalize())
        guard actual == sha256 else { throw APIError.invalid("sha256", "the bytes hash to \(actual)") }
        let size = Int64(data.readableBytes)
        let bytes = data
        let created = try await write(as: user, positions: 0) { tx -> TransactionOutcome<Bool> in
            let existing = try await tx.conn.firstRow("SELECT picnic_file_size(\(sha256))", logger: tx.logger)
            if try existing?.decode(Int64?.self) != nil { return .rollback(false) }
            try await tx.conn.run("""
                INSERT INTO files (sha256, size, data, uploader_id) VALUES (\(sha256), \(size), \(bytes), \(tx.user.id))
                ON CONFLICT (sha256) DO NOTHING
                """, logger: tx.logger)
            return .commit(true)
        }
        return .json(APIFileStored(sha256: sha256, size: size), status: created ? .created : .ok)
    }

    /// `GET /v1/files/SHA256`: the bytes, when a post the user may read names the file.
    func getFile(_ request: Request, _ context: ServerContext, sha256: String) async throws -> Response {
        guard APILimits.isSHA256(sha256) else { throw APIError.notFound("file") }
        let data = try await read(request, context, replica: true) { tx -> ByteBuffer in
            let row = try await tx.conn.firstRow("""
                SELECT f.data FROM files f
                WHERE f.sha256 = \(sha256) AND EXISTS (
                    SELECT 1 FROM post_content c JOIN posts p ON p.id = c.post_id
                    WHERE c.file_sha256 = f.sha256 AND p.space_id = ANY(\(tx.scope.readableIDs)))
                """, logger: tx.logger)
            guard let row else {
                if tx.onReplica { throw ReplicaBehind() }
                throw APIError.notFound("file")
            }
            return try row.decode(ByteBuffer.self)
        }
        return Response(status: .ok, headers: [.contentType: "application/octet-stream"], body: .init(byteBuffer: data))
    }
}
