import Foundation
import Logging
import PicnicServer
import PostgresNIO

/// A direct PostgreSQL connection for a test: to play a second writer, or to show that
/// PostgreSQL itself refuses what the server would refuse.
final class SQLSession: @unchecked Sendable {
    let conn: PostgresConnection
    static let logger = Logger(label: "picnic-server-tests")

    private init(conn: PostgresConnection) { self.conn = conn }

    /// Connects, runs `body`, and closes the connection however `body` ends (postgres-nio
    /// traps on a connection released unclosed).
    static func with<T>(_ url: DatabaseURL, _ body: (SQLSession) async throws -> T) async throws -> T {
        let s = SQLSession(conn: try await PostgresConnection.connect(configuration: try url.connectionConfiguration(), id: 1, logger: logger))
        do {
            let value = try await body(s)
            await s.close()
            return value
        } catch {
            await s.close()
            throw error
        }
    }

    func exec(_ q: PostgresQuery) async throws {
        for try await _ in try await conn.query(q, logger: Self.logger) {}
    }

    func rows(_ q: PostgresQuery) async throws -> [PostgresRow] {
        var out: [PostgresRow] = []
        for try await row in try await conn.query(q, logger: Self.logger) { out.append(row) }
        return out
    }

    func one<T: PostgresDecodable>(_ q: PostgresQuery, as: T.Type = T.self) async throws -> T {
        guard let row = try await rows(q).first else { throw ServerTestError("no row for \(q.sql)") }
        return try row.decode(T.self)
    }

    /// The SQLSTATE of the error a statement raises, or nil when it succeeds.
    func sqlState(_ q: PostgresQuery) async -> String? {
        do {
            try await exec(q)
            return nil
        } catch let e as PSQLError {
            return e.serverInfo?[.sqlState] ?? "client:\(e.code)"
        } catch {
            return "other:\(error)"
        }
    }

    func close() async { try? await conn.close() }
}
