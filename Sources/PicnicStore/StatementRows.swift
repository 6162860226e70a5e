import Foundation
import GRDB
import GRDBSQLite

/// Reads the rows of one of GRDB's cached statements through SQLite's C API, for the matcher's
/// hot reads (a few thousand doclist rows and ~40 threads a match), where GRDB's per-row cursor
/// and `Row` copies cost more than SQLite's own work. Values decode as GRDB decodes them (text
/// up to its first NUL, as `String(cString:)`), so results are the same.
///
/// Use it inside the `Database` access that owns the statement; `next()` false means done (the
/// statement is reset for its next use).
struct StatementRows {
    let handle: OpaquePointer
    /// Kept alive as long as the rows are read (an uncached statement is finalized with it).
    private let statement: Statement
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let p = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(("" as StaticString).utf8Start)
            _ = sqlite3_bind_text(handle, index, p.assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
        }
    }

    /// Steps to the next row: true when there is one; false (and reset) when done.
    func next() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        let message = rc == SQLITE_DONE ? "" : String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message,
                                sql: String(cString: sqlite3_sql(handle)))
        }
        return false
    }

    /// Resets the statement before its last row (the next use binds afresh).
    func reset() { sqlite3_reset(handle) }

    /// The bytes of a text column, whole (NULs included; empty for NULL), valid in `body` only.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    /// A text column ("" for NULL).
    func text(_ column: Int32) -> String {
        guard let p = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: p)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}
