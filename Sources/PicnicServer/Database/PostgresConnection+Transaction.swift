import Logging
import PostgresNIO

/// What a write transaction decided: keep its changes, or roll them back (an idempotent retry
/// or a no-op changes nothing, not even the feed's positions).
enum TransactionOutcome<T> {
    case commit(T)
    case rollback(T)
}

extension PostgresConnection {
    /// Runs `body` in a transaction; an error rolls back and is rethrown as it was. A connection
    /// whose rollback or commit failed is closed, so the pool never hands out one that is still
    /// inside a transaction (with another request's user set).
    func transaction<T>(logger: Logger, readOnly: Bool = false,
                        _ body: (PostgresConnection) async throws -> TransactionOutcome<T>) async throws -> T {
        try await query(readOnly ? "BEGIN READ ONLY" : "BEGIN", logger: logger)
        let outcome: TransactionOutcome<T>
        do {
            outcome = try await body(self)
        } catch {
            do { try await query("ROLLBACK", logger: logger) } catch { try? await close() }
            throw error
        }
        do {
            switch outcome {
            case .commit(let value):
                try await query("COMMIT", logger: logger)
                return value
            case .rollback(let value):
                try await query("ROLLBACK", logger: logger)
                return value
            }
        } catch {
            try? await close()
            throw error
        }
    }

    /// Runs a statement and drops its rows.
    func run(_ q: PostgresQuery, logger: Logger) async throws {
        let rows = try await query(q, logger: logger)
        for try await _ in rows {}
    }

    /// The rows of a query, collected.
    func rows(_ q: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        var out: [PostgresRow] = []
        for try await row in try await query(q, logger: logger) { out.append(row) }
        return out
    }

    /// The first row of a query, or nil.
    func firstRow(_ q: PostgresQuery, logger: Logger) async throws -> PostgresRow? {
        try await rows(q, logger: logger).first
    }
}

extension PSQLError {
    /// The SQLSTATE the server sent, if it was the server's error.
    var sqlState: String? { serverInfo?[.sqlState] }
    var serverMessage: String? { serverInfo?[.message] }
    var constraint: String? { serverInfo?[.constraintName] }

    /// A line for the log: the code and the server's message (never the query's values).
    var logText: String {
        if let m = serverMessage { return "\(m) (SQLSTATE \(sqlState ?? "?"))" }
        if let u = underlying { return "\(code): \(u)" }
        return "\(code)"
    }

    /// Whether the database could not be reached or went away (the answer is 503).
    var isUnavailable: Bool {
        switch code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown,
             .sslUnsupported, .failedToAddSSLHandler:
            return true
        default:
            guard let state = sqlState else { return false }
            return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03" || state == "53300"
        }
    }
}
