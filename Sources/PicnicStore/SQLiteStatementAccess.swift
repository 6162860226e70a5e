import Foundation
import GRDB
import GRDBSQLite

/// Binding, stepping and column reads through SQLite's C API, shared by the statements the store
/// drives by hand: `RawStatement` (prepared and owned here) and `StatementRows` (one of GRDB's
/// cached statements). Values decode as GRDB decodes them.
protocol SQLiteStatementAccess {
    var handle: OpaquePointer { get }
}

/// The current row of a statement handed over as a bare handle, read through the same accessors.
struct SQLiteRow: SQLiteStatementAccess {
    let handle: OpaquePointer
}

/// SQLite copies the bytes before a bind call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
/// An empty buffer may have no address, which SQLite would bind as NULL: bind this byte instead.
private let emptyText: UnsafeMutablePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return p
}()

extension SQLiteStatementAccess {
    func bind(_ index: Int32, _ text: String) {
        var text = text
        text.withUTF8 { bytes in
            let pointer = bytes.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(emptyText)
            _ = sqlite3_bind_text(handle, index, pointer.assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        }
    }

    func bind(_ index: Int32, _ text: String?) {
        if let text { bind(index, text) } else { _ = sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int64) { _ = sqlite3_bind_int64(handle, index, value) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { bind(index, value) } else { _ = sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Double) { _ = sqlite3_bind_double(handle, index, value) }

    /// Steps to the next row: true when there is one; false (and reset) when done.
    func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        let error = rc == SQLITE_DONE ? nil : self.error(rc)
        sqlite3_reset(handle)
        if let error { throw error }
        return false
    }

    /// The current error of the statement's connection, as GRDB reports it.
    func error(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                      sql: String(cString: sqlite3_sql(handle)))
    }

    /// Resets the statement before its last row (the next use binds afresh).
    func reset() { sqlite3_reset(handle) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// An integer column of the current row (0 for NULL).
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// An integer column of the current row, nil for NULL (SQLite reads NULL as 0, so the type
    /// is asked only then).
    func optionalInt64(_ column: Int32) -> Int64? {
        let v = int64(column)
        return v != 0 || !isNull(column) ? v : nil
    }

    /// Whole seconds since 1970 as a date, nil for NULL.
    func optionalDate(_ column: Int32) -> Date? {
        optionalInt64(column).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// The UTF-8 bytes of a text column of the current row, whole (NULs included; empty for
    /// NULL), valid in `body` only.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    /// The UTF-8 bytes of a text column up to its first NUL, as GRDB's `String` reads it (empty
    /// for NULL), valid until the row changes.
    func textBytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let p = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: p, count: strlen(UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)))
    }

    /// A text column ("" for NULL), up to its first NUL as GRDB's `String` reads it.
    func text(_ column: Int32) -> String { String(decoding: textBytes(column), as: UTF8.self) }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}
