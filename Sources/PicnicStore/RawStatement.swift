import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for write loops where GRDB's per-call
/// argument arrays and checks cost more than the row itself (bulk imports). Use it only inside
/// the `Database` access that made it; it is finalized when released.
final class RawStatement: SQLiteStatementAccess {
    let handle: OpaquePointer

    convenience init(_ db: Database, _ sql: String) throws {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "the connection is closed", sql: sql)
        }
        try self.init(connection: connection, sql)
    }

    /// Prepares `sql` on a connection opened through the C API (see `ReadOnlyConnection`).
    init(connection: OpaquePointer, _ sql: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.handle = statement
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds a thread's four indexed columns (title, body, answers, tags) from `first` on.
    func bind(from first: Int32, _ d: ThreadIndex.Document) {
        bind(first, d.title)
        bind(first + 1, d.body)
        bind(first + 2, d.answersColumn)
        bind(first + 3, d.tagsColumn)
    }

    /// Runs the statement to completion and resets it for the next bindings.
    func execute() throws {
        let rc = sqlite3_step(handle)
        let error = rc == SQLITE_DONE ? nil : self.error(rc)
        sqlite3_reset(handle)
        if let error { throw error }
    }
}
