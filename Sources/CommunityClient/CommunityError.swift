import CommunityAPI
import Foundation
import PicnicCore

/// Why a request to a community server failed: one line for a person, an exit code, and whether
/// the same request may simply be sent again later (the outbox's question).
public struct CommunityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, as the exit codes group it (docs/Sync.md, "Errors").
    public enum Kind: String, Sendable, Equatable {
        /// No answer: connection refused, DNS, timeout, a connection cut before the answer ended (69).
        case unreachable
        /// The server answered that it cannot serve now: 5xx, 503 `unavailable`, 429 (69).
        case unavailable
        /// The token was refused: none, unknown or revoked (401; 77).
        case unauthorized
        /// The user may not do this (403; 77).
        case forbidden
        /// The request was refused for its content: 400, 404, 409, 410, 413, 415 (65).
        case refused
        /// The other side is not a Picnic community server of this API, or its answer is malformed (76).
        case protocolViolation
        /// A local mistake before anything was sent: a bad URL (64).
        case usage
        /// A local file the client needs (the CA file) is missing or unreadable (78).
        case configuration
    }

    public var kind: Kind
    /// One line naming what failed and where (no token, no raw server text: it is sanitized).
    public var message: String
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The server's error body, when it sent one.
    public var apiError: APIError?
    /// Seconds the server asked to wait (`Retry-After` on 429/503).
    public var retryAfter: Double?

    public init(_ kind: Kind, _ message: String, status: Int? = nil, apiError: APIError? = nil, retryAfter: Double? = nil) {
        self.kind = kind
        self.message = message
        self.status = status
        self.apiError = apiError
        self.retryAfter = retryAfter
    }

    public var description: String { message }

    /// The documented exit code (0 ok, 64 usage, 65 data, 69 unavailable, 76 protocol, 77 permission, 78 config).
    public var exitCode: Int32 {
        switch kind {
        case .unreachable, .unavailable: 69
        case .unauthorized, .forbidden: 77
        case .refused: 65
        case .protocolViolation: 76
        case .usage: 64
        case .configuration: 78
        }
    }

    /// Whether sending the same request again later may succeed (network, 5xx, 429): the outbox
    /// retries these and stops at every other kind (a refusal is kept for the person to see).
    public var isRetryable: Bool { kind == .unreachable || kind == .unavailable }

    /// The same failure as a `PicnicError` for the command line's error path.
    public var picnicError: PicnicError {
        let kind: PicnicError.Kind = switch self.kind {
        case .unreachable, .unavailable: .unavailable
        case .unauthorized, .forbidden: .permission
        case .refused: .dataError
        case .protocolViolation: .protocolError
        case .usage: .usage
        case .configuration: .config
        }
        return PicnicError(kind, message)
    }
}
