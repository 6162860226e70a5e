import GRDB
import GRDBSQLite

/// Reading rows through SQLite's C API, for scans of a whole table where GRDB's per-column
/// conversions cost more than the values (the dashboard's queue head ranks every open task).
extension RawStatement {
    /// Steps to the next row: true when there is one; false (and reset) when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        let message = rc == SQLITE_DONE ? "" : String(cString: sqlite3_errmsg(connection))
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message, sql: sql) }
        return false
    }

    /// An integer column of the current row (0 for NULL).
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// An integer column of the current row, nil for NULL.
    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// The UTF-8 bytes of a text column of the current row (empty for NULL), valid in `body` only.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
}
