import CommunityAPI
import Foundation
import Hummingbird
import Logging
import PostgresNIO

/// Routes `/v1/…` to the community's handlers and turns every refusal into the contract's
/// one-line JSON error. Adding an endpoint: docs/CodebaseGuide.md, "Add a server endpoint".
struct CommunityResponder: HTTPResponder {
    typealias Context = ServerContext
    let community: Community

    func respond(to request: Request, context: ServerContext) async throws -> Response {
        do {
            return try await route(request, context)
        } catch let e as APIError {
            return .error(e)
        } catch let e as TooManyRequests {
            return .error(e.error, headers: [.retryAfter: String(e.retryAfter)])
        } catch let e as PSQLError {
            return .error(describe(e, request))
        } catch is CancellationError {
            return .error(APIError(.unavailable, "the server is shutting down; retry later"))
        } catch {
            community.logger.error("\(request.method) \(request.uri.path): \(error)")
            return .error(APIError(.internalError, "internal error"))
        }
    }

    private func route(_ request: Request, _ context: ServerContext) async throws -> Response {
        let parts = request.uri.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let path = Array(parts)
        guard path.first == "v1" else { throw unknown(request) }
        let c = community
        switch (request.method, path.count > 1 ? path[1] : "", path.count) {
        case (.get, "hello", 2): return .json(APIHello(server: "picnic-server \(PicnicServerVersion.version)", community: c.config.community))
        case (.get, "me", 2): return try await c.me(request, context)
        case (.get, "spaces", 2): return try await c.spaces(request, context)
        case (.get, "changes", 2): return try await c.changes(request, context)
        case (.get, "events", 2): return try await c.events(request, context)
        case (.get, "ledger", 2): return try await c.ledger(request, context)
        case (_, "posts", 3), (_, "posts", 4):
            guard let id = UUID(uuidString: String(path[2])) else { throw APIError.notFound("post (not a UUID: \(path[2].prefix(40)))") }
            let action = path.count == 4 ? String(path[3]) : ""
            switch (request.method, action) {
            case (.get, ""): return try await c.getPost(request, context, id: id)
            case (.put, ""): return try await c.putPost(request, context, id: id)
            case (.delete, ""): return try await c.deletePost(request, context, id: id)
            case (.put, "vote"): return try await c.vote(request, context, id: id)
            case (.put, "helped"): return try await c.helped(request, context, id: id, mark: true)
            case (.delete, "helped"): return try await c.helped(request, context, id: id, mark: false)
            case (.put, "accept"): return try await c.accept(request, context, id: id)
            case (.put, "hidden"): return try await c.hide(request, context, id: id)
            default: throw unknown(request)
            }
        case (.put, "files", 3): return try await c.putFile(request, context, sha256: String(path[2]))
        case (.get, "files", 3): return try await c.getFile(request, context, sha256: String(path[2]))
        default: throw unknown(request)
        }
    }

    private func unknown(_ request: Request) -> APIError {
        APIError(.notFound, "no such endpoint: \(request.method) \(request.uri.path.prefix(120))")
    }

    /// A database error as the API says it: the rules PostgreSQL enforced again, or 503.
    private func describe(_ e: PSQLError, _ request: Request) -> APIError {
        if e.isUnavailable { return APIError(.unavailable, "the database cannot be reached right now; retry later") }
        let message = e.serverMessage ?? ""
        switch e.sqlState {
        case "P0001" where message.hasPrefix("picnic: "):
            // The posts guard refused what the server's own check let through.
            let code = message.dropFirst(8).prefix { $0 != " " }
            community.logger.warning("PostgreSQL refused \(request.method) \(request.uri.path): \(message)")
            return APIError(APIErrorCode(String(code)), "refused: \(message.dropFirst(8))")
        case "42501":
            community.logger.warning("row-level security refused \(request.method) \(request.uri.path): \(message)")
            return APIError(.notFound, "no such post")
        case "23503" where e.constraint == "post_content_file_sha256_fkey":
            return APIError(.fileMissing, "upload the file first")
        case "23514" where e.constraint?.hasSuffix("_check") == true && (e.constraint?.hasPrefix("votes") == true || e.constraint?.hasPrefix("helped") == true):
            return APIError(.ownPost, "not on your own post")
        case "23514", "22001", "22P02":
            return APIError(.invalid, "refused by the database: \(message)")
        case "23505":
            return APIError(.versionConflict, "a concurrent write won; retry")
        case "40001", "40P01":
            return APIError(.unavailable, "a concurrent write won; retry")
        default:
            community.logger.error("\(request.method) \(request.uri.path): \(message) (\(e.sqlState ?? "no SQLSTATE"))")
            return APIError(.internalError, "internal error")
        }
    }
}

/// The server's version as `GET /v1/hello` says it.
public enum PicnicServerVersion {
    public static let version = "1.0"
}
