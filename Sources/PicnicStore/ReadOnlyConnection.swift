import GRDB
import GRDBSQLite

/// A read-only SQLite connection driven through the C API, for one-shot readers started many
/// times a minute (`picnic status` in tmux's status line): no migrations, no schema checks, no
/// dispatch queue, no authorizer. Opening a GRDB queue and reading through it cost about as much
/// as the whole query (docs/Tmux.md). Errors are GRDB's `DatabaseError`, as elsewhere.
public final class ReadOnlyConnection {
    let handle: OpaquePointer

    /// Opens `path` read-only (it must exist; nothing is created) with a busy timeout.
    public init(path: String, busyTimeoutMS: Int32 = 1_000) throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(db)
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMS)
    }

    deinit { sqlite3_close_v2(handle) }

    /// The first row of `sql` with `integers` bound by name (`:now` → value), or nil when the
    /// statement returns no row. Values are read while the statement is live and copied out.
    public func firstRow(_ sql: String, integers: [(String, Int64)] = []) throws -> [Value]? {
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else { throw error(prepared, sql) }
        defer { sqlite3_finalize(statement) }
        for (name, value) in integers {
            let index = sqlite3_bind_parameter_index(statement, name)
            guard index > 0 else { throw DatabaseError(resultCode: .SQLITE_RANGE, message: "no parameter \(name)", sql: sql) }
            sqlite3_bind_int64(statement, index, value)
        }
        let rc = sqlite3_step(statement)
        if rc == SQLITE_DONE { return nil }
        guard rc == SQLITE_ROW else { throw error(rc, sql) }
        return (0..<sqlite3_column_count(statement)).map { i in
            switch sqlite3_column_type(statement, i) {
            case SQLITE_NULL: return .null
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, i))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, i))
            default:
                guard let text = sqlite3_column_text(statement, i) else { return .null }
                let count = Int(sqlite3_column_bytes(statement, i))
                return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
            }
        }
    }

    /// One column of a row (blobs are read as text).
    public enum Value: Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)

        /// The value as an integer (reals truncated), nil for NULL or text.
        public var integer: Int64? {
            switch self {
            case .integer(let v): return v
            case .real(let v): return Int64(v)
            default: return nil
            }
        }

        /// The value as text, nil for NULL or numbers.
        public var text: String? {
            if case .text(let v) = self { return v }
            return nil
        }
    }

    private func error(_ rc: Int32, _ sql: String) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }
}
