import Foundation
import GRDB
import GRDBSQLite
import PicnicCore

extension TaskRecord {
    /// The tasks a `SELECT columns …` query returns, in its order, read straight from SQLite's
    /// column API: GRDB's `Row.fetchAll` copies every value into a `DatabaseValue` first, which
    /// was the largest single cost of `list` at 10,000 tasks. The statement is prepared outside
    /// GRDB too (`RawStatement`), which skips GRDB's authorizer callback per column. `bind` sets
    /// the statement's parameters.
    static func fetchTasks(_ db: Database, sql: String, now: Date, bind: (RawStatement) -> Void = { _ in }) throws -> [WorkTask] {
        let statement = try RawStatement(db, sql)
        bind(statement)
        var tasks: [WorkTask] = []
        while try statement.step() {
            tasks.append(task(statement.handle, now: now))
        }
        return tasks
    }

    /// Reads the current row of a statement selecting `columns`; agrees field for field with
    /// `task(_: Row, now:)` (text is read up to its first NUL, as GRDB does).
    static func task(_ stmt: SQLiteStatement, now: Date) -> WorkTask {
        let row = SQLiteRow(handle: stmt)
        func isNull(_ i: Int32) -> Bool { row.isNull(i) }
        func int(_ i: Int32) -> Int64? { row.optionalInt64(i) }
        func date(_ i: Int32) -> Date? { row.optionalDate(i) }
        func bytes(_ i: Int32) -> UnsafeBufferPointer<UInt8> { row.textBytes(i) }
        func text(_ i: Int32) -> String { row.text(i) }
        func optText(_ i: Int32) -> String? { isNull(i) ? nil : text(i) }

        let uuidBytes = bytes(0)
        var task = WorkTask(
            uuid: fastUUID(uuidBytes) ?? UUID(uuidString: String(decoding: uuidBytes, as: UTF8.self)) ?? UUID(),
            number: int(1).map { Int($0) },
            title: text(2),
            notes: text(3),
            project: optText(4),
            tags: words(bytes(5)),
            priority: isNull(6) ? nil : priority(bytes(6)),
            due: date(7),
            wait: date(8),
            status: status(bytes(9)) ?? TaskStatus(rawValue: text(9)) ?? .pending,
            created: date(10) ?? Date(timeIntervalSince1970: 0),
            modified: date(11),
            started: date(12),
            completed: date(13),
            annotations: isEmptyJSON(bytes(14), 0x5B, 0x5D) ? [] : annotations(text(14)),
            depends: sqlite3_column_bytes(stmt, 15) == 0 ? [] : words(text(15)).compactMap(UUID.init(uuidString:)),
            extra: isEmptyJSON(bytes(16), 0x7B, 0x7D) ? [:] : extra(text(16)),
            scheduled: date(17),
            series: isNull(18) ? nil : fastUUID(bytes(18)) ?? UUID(uuidString: text(18)),
            occurrence: int(19).map { Int($0) })
        if task.status == .waiting { task.status = TaskModification.status(.waiting, wait: task.wait, now: now) }
        return task
    }

    /// `"[]"` / `"{}"`: the stored form of no annotations / no extra attributes.
    static func isEmptyJSON(_ b: UnsafeBufferPointer<UInt8>, _ open: UInt8, _ close: UInt8) -> Bool {
        b.count == 2 && b[0] == open && b[1] == close
    }

    static func priority(_ b: UnsafeBufferPointer<UInt8>) -> Priority? {
        guard b.count == 1 else { return nil }
        switch b[0] {
        case UInt8(ascii: "H"): return .H
        case UInt8(ascii: "M"): return .M
        case UInt8(ascii: "L"): return .L
        default: return nil
        }
    }

    /// The five stored statuses without building a String; nil for anything else.
    static func status(_ b: UnsafeBufferPointer<UInt8>) -> TaskStatus? {
        guard let first = b.first else { return nil }
        let expected: TaskStatus, name: StaticString
        switch first {
        case UInt8(ascii: "p"): (expected, name) = (.pending, "pending")
        case UInt8(ascii: "a"): (expected, name) = (.active, "active")
        case UInt8(ascii: "w"): (expected, name) = (.waiting, "waiting")
        case UInt8(ascii: "d") where b.count == 4: (expected, name) = (.done, "done")
        case UInt8(ascii: "d"): (expected, name) = (.deleted, "deleted")
        default: return nil
        }
        guard b.count == name.utf8CodeUnitCount else { return nil }
        return memcmp(b.baseAddress!, name.utf8Start, b.count) == 0 ? expected : nil
    }

    /// Space-separated words, as `words(_: String)` splits them (which splits on Characters, so
    /// non-ASCII text, where a combining mark can join a space, takes that path).
    static func words(_ b: UnsafeBufferPointer<UInt8>) -> [String] {
        if b.isEmpty { return [] }
        if b.contains(where: { $0 >= 0x80 }) { return words(String(decoding: b, as: UTF8.self)) }
        var out: [String] = []
        var start = 0
        for i in 0...b.count where i == b.count || b[i] == 0x20 {
            if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)) }
            start = i + 1
        }
        return out
    }

    /// `fastUUID` over raw bytes.
    static func fastUUID(_ b: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard b.count == 36 else { return nil }
        var u: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let ok = withUnsafeMutableBytes(of: &u) { out -> Bool in
            var n = 0, high: UInt8? = nil
            for c in b {
                let v: UInt8
                switch c {
                case 48...57: v = c - 48
                case 97...102: v = c - 87
                case 65...70: v = c - 55
                case 45: continue
                default: return false
                }
                if let h = high {
                    guard n < 16 else { return false }
                    out[n] = h << 4 | v
                    n += 1
                    high = nil
                } else {
                    high = v
                }
            }
            return n == 16 && high == nil
        }
        return ok ? UUID(uuid: u) : nil
    }
}
