import Foundation
import Logging
import NIOCore
import PostgresNIO

/// Single connections for admin commands and the listener, with failures said in one line.
enum Connect {
    /// Connects to `url`, runs `body`, closes.
    static func with<T>(_ url: DatabaseURL, logger: Logger, _ body: (PostgresConnection) async throws -> T) async throws -> T {
        let conn = try await open(url, logger: logger)
        do {
            let value = try await body(conn)
            try? await conn.close()
            return value
        } catch {
            try? await conn.close()
            throw describe(error, url: url)
        }
    }

    /// Opens one connection.
    static func open(_ url: DatabaseURL, logger: Logger) async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: try url.connectionConfiguration(),
                                                        id: nextID.add(1), logger: logger)
        } catch {
            throw describe(error, url: url)
        }
    }

    private static let nextID = IDCounter()

    /// A database error as a command's one-line failure.
    static func describe(_ error: Error, url: DatabaseURL) -> Error {
        if error is ServerFailure { return error }
        if let e = error as? PSQLError {
            if e.isUnavailable || e.code == .server && (e.sqlState == "28000" || e.sqlState == "28P01" || e.sqlState == "3D000") {
                let why = e.serverMessage ?? underlyingText(e)
                return ServerFailure.unavailable("cannot use the database at \(url): \(why)")
            }
            if let message = e.serverMessage {
                let state = e.sqlState.map { " (SQLSTATE \($0))" } ?? ""
                return ServerFailure("database error: \(message)\(state)", exitCode: e.sqlState == "42501" ? 77 : 65)
            }
            return ServerFailure.unavailable("cannot use the database at \(url): \(underlyingText(e))")
        }
        return ServerFailure.unavailable("cannot use the database at \(url): \(error)")
    }

    static func underlyingText(_ e: PSQLError) -> String {
        if let u = e.underlying { return "\(u)" }
        return "\(e.code)"
    }
}

/// A counter shared across tasks.
final class IDCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func add(_ n: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        value += n
        return value
    }
}
