import CommunityAPI
import Hummingbird
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// A signed-in user of one request.
struct AuthUser: Sendable {
    let id: Int64
    let name: String
    let displayName: String
}

/// One request's transaction as its user: the connection (with `picnic.user` set), what the user
/// may read, and for writes the first of the positions taken.
struct Tx {
    let conn: PostgresConnection
    let user: AuthUser
    let scope: Scope
    let logger: Logger
    /// The first position taken for this write (0 for reads).
    let position: Int64
    /// Whether this transaction reads a replica (which may lag behind the primary).
    let onReplica: Bool
}

/// The server's shared parts: pools, the live head, the login throttle. It keeps no community
/// state of its own: everything is in PostgreSQL, so any number of instances serve one database.
final class Community: Sendable {
    let config: ServerConfiguration
    let primary: PostgresClient
    let replica: PostgresClient?
    let hub: HeadHub
    let watcher: HeadWatcher
    let throttle: LoginThrottle
    let logger: Logger
    /// How long a request waits for a database connection before answering 503.
    let leaseDeadline: Duration = .seconds(5)

    init(config: ServerConfiguration, primary: PostgresClient, replica: PostgresClient?, logger: Logger) {
        self.config = config
        self.primary = primary
        self.replica = replica
        self.logger = logger
        hub = HeadHub()
        throttle = LoginThrottle(limit: config.loginFailureLimit, window: config.loginWindow)
        watcher = HeadWatcher(primary: primary, hub: hub, logger: logger)
    }

    /// Checks the request's token on a primary connection; 401/429 as the contract says.
    func authenticate(_ request: Request, peer: String, on conn: PostgresConnection) async throws -> AuthUser {
        if let wait = throttle.retryAfter(peer) { throw TooManyRequests(retryAfter: wait) }
        guard let header = request.headers[.authorization] else {
            throw APIError(.unauthorized, "no token: send Authorization: Bearer TOKEN")
        }
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) : ""
        guard APIToken.isWellFormed(token) else {
            throttle.failed(peer)
            throw APIError(.unauthorized, "not a Picnic token (expected Authorization: Bearer picnic_…)")
        }
        var answer: TokenCheck.Row?
        for try await row in try await conn.execute(TokenCheck(hash: APIToken.hash(token)), logger: logger) { answer = row }
        guard let (id, name, display, status) = answer else { throw APIError(.internalError, "token check returned nothing") }
        switch status {
        case "ok":
            guard let id, let name, let display else { throw APIError(.internalError, "token check returned no user") }
            return AuthUser(id: id, name: name, displayName: display)
        case "revoked":
            throttle.failed(peer)
            throw APIError(.tokenRevoked, "this token was revoked")
        default:
            throttle.failed(peer)
            throw APIError(.unauthorized, "unknown token")
        }
    }

    /// Checks the request's token on a primary connection of its own.
    func authenticated(_ request: Request, _ context: ServerContext) async throws -> AuthUser {
        try await leased(primary) { conn in try await self.authenticate(request, peer: context.peer, on: conn) }
    }

    /// Authenticates, then runs `body` in a read-only transaction as the user (see `read(as:)`).
    func read<T: Sendable>(_ request: Request, _ context: ServerContext, replica useReplica: Bool = false,
                           _ body: @escaping @Sendable (Tx) async throws -> T) async throws -> T {
        let user = try await authenticated(request, context)
        return try await read(as: user, replica: useReplica, body)
    }

    /// Runs `body` in a read-only transaction as the user: on the replica when `replica` is true
    /// and one is configured (falling back to the primary when `body` throws `ReplicaBehind` or
    /// the replica is away), else on the primary.
    func read<T: Sendable>(as user: AuthUser, replica useReplica: Bool = false,
                           _ body: @escaping @Sendable (Tx) async throws -> T) async throws -> T {
        if useReplica, let replica {
            do {
                return try await leased(replica) { conn in
                    try await self.userTransaction(conn, user, readOnly: true, positions: 0, onReplica: true) { tx in
                        .rollback(try await body(tx))
                    }
                }
            } catch is ReplicaBehind {
                // the primary has it
            } catch let e as PSQLError where e.isUnavailable {
                logger.warning("replica unavailable, reading the primary: \(e.code)")
            } catch let e as APIError where e.code == .unavailable {
                logger.warning("replica unavailable, reading the primary")
            }
        }
        return try await leased(primary) { conn in
            try await self.userTransaction(conn, user, readOnly: true, positions: 0) { tx in .rollback(try await body(tx)) }
        }
    }

    /// Authenticates, then runs `body` in a write transaction (see `write(as:)`).
    func write<T: Sendable>(_ request: Request, _ context: ServerContext, positions: Int,
                            _ body: @escaping @Sendable (Tx) async throws -> TransactionOutcome<T>) async throws -> T {
        let user = try await authenticated(request, context)
        return try await write(as: user, positions: positions, body)
    }

    /// Runs `body` in a write transaction on the primary, with `positions` feed positions taken
    /// first. The answer is sent only after the commit; then the feed's watchers are told.
    func write<T: Sendable>(as user: AuthUser, positions: Int,
                            _ body: @escaping @Sendable (Tx) async throws -> TransactionOutcome<T>) async throws -> T {
        let (value, committedHead) = try await leased(primary) { conn in
            var committed: Int64?
            let value = try await self.userTransaction(conn, user, readOnly: false, positions: positions) { tx in
                let outcome = try await body(tx)
                if case .commit = outcome, positions > 0 { committed = tx.position + Int64(positions) - 1 }
                return outcome
            }
            return (value, committed)
        }
        if let committedHead { watcher.committed(committedHead) }
        return value
    }

    /// A transaction with `picnic.user` set for row-level security and the user's scope loaded.
    func userTransaction<T>(_ conn: PostgresConnection, _ user: AuthUser, readOnly: Bool, positions: Int,
                            onReplica: Bool = false, _ body: (Tx) async throws -> TransactionOutcome<T>) async throws -> T {
        try await conn.transaction(logger: logger, readOnly: readOnly) { conn in
            var first: Int64 = 0
            if positions > 0 {
                let row = try await conn.firstRow(
                    "SELECT set_config('picnic.user', \(String(user.id)), true), picnic_take_positions(\(Int32(positions)))", logger: logger)
                first = try row!.decode((String, Int64).self).1
            } else {
                try await conn.run("SELECT set_config('picnic.user', \(String(user.id)), true)", logger: logger)
            }
            let scope = try await Scope.load(conn, user: user, logger: logger)
            return try await body(Tx(conn: conn, user: user, scope: scope, logger: logger, position: first,
                                   onReplica: onReplica))
        }
    }

    /// Leases a connection, answering 503 when none comes within `leaseDeadline` (PostgreSQL
    /// down or restarting); once leased, the work runs to its end.
    func leased<T: Sendable>(_ client: PostgresClient, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let gotLease = Flag()
        let deadline = leaseDeadline
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await client.withConnection { conn in
                    gotLease.set()
                    return try await body(conn)
                }
            }
            group.addTask {
                try await Task.sleep(for: deadline)
                return nil
            }
            while let result = try await group.next() {
                if let value = result {
                    group.cancelAll()
                    return value
                }
                if !gotLease.isSet {
                    group.cancelAll()
                    throw APIError(.unavailable, "the database cannot be reached right now; retry later")
                }
            }
            throw APIError(.unavailable, "the database cannot be reached right now; retry later")
        }
    }
}

/// `picnic_auth(sha256)`, prepared (asked by every request).
struct TokenCheck: PostgresPreparedStatement {
    static let sql = "SELECT user_id, name, display_name, status FROM picnic_auth($1)"
    typealias Row = (Int64?, String?, String?, String)
    var hash: Data
    func makeBindings() throws -> PostgresBindings {
        var b = PostgresBindings(capacity: 1)
        try b.append(hash)
        return b
    }
    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}

/// A flag set once, read from any task.
final class Flag: @unchecked Sendable {
    private var value = false
    private let lock = NSLock()
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
