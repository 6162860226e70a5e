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
        let statement = try RawStatement(connection: handle, sql)
        for (name, value) in integers {
            let index = sqlite3_bind_parameter_index(statement.handle, name)
            guard index > 0 else { throw DatabaseError(resultCode: .SQLITE_RANGE, message: "no parameter \(name)", sql: sql) }
            statement.bind(index, value)
        }
        guard try statement.step() else { return nil }
        return (0..<sqlite3_column_count(statement.handle)).map { i in
            switch sqlite3_column_type(statement.handle, i) {
            case SQLITE_NULL: return .null
            case SQLITE_INTEGER: return .integer(statement.int64(i))
            case SQLITE_FLOAT: return .real(statement.double(i))
            default: return .text(statement.withText(i) { String(decoding: $0, as: UTF8.self) })
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
}
