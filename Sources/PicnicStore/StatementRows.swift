import Foundation
import GRDB
import GRDBSQLite

/// Reads the rows of one of GRDB's cached statements through SQLite's C API, for the matcher's
/// hot reads (a few thousand doclist rows and ~40 threads a match), where GRDB's per-row cursor
/// and `Row` copies cost more than SQLite's own work. Values decode as GRDB decodes them (text
/// up to its first NUL, as `String(cString:)`), so results are the same.
///
/// Use it inside the `Database` access that owns the statement; `step()` false means done (the
/// statement is reset for its next use).
struct StatementRows: SQLiteStatementAccess {
    let handle: OpaquePointer
    /// Kept alive as long as the rows are read (an uncached statement is finalized with it).
    private let statement: Statement

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}
