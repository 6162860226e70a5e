import Foundation
import GRDB
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// What the status line shows: the active task, what is due today, and how many open tasks have
/// strong help waiting in the match cache.
///
/// Read with one read-only connection and one statement: no migrations, no matcher, no writes,
/// so tmux can run it every few seconds against a large store.
struct StatusSnapshot: Equatable {
    struct Active: Equatable {
        var number: Int?
        var uuid: String
        var title: String
    }

    var active: Active?
    /// Open tasks due before the end of today, overdue ones included.
    var dueToday = 0
    /// Of those, the ones already past due.
    var overdue = 0
    /// Open tasks whose cached matches (still fresh for the task) include a strong one.
    var helpWaiting = 0

    static let empty = StatusSnapshot()

    /// Reads the snapshot from the database at `path`; a missing file or a store without the
    /// tables yet is simply empty (nothing is created).
    static func read(path: String, now: Date = Date()) throws -> StatusSnapshot {
        guard access(path, F_OK) == 0 else { return .empty }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(1)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw PicnicStatusError.unreadable(path, error)
        }
        Global.openConnections.append(queue)
        let nowSeconds = Int(now.timeIntervalSince1970)
        let endOfDay = Self.endOfLocalDay(nowSeconds)
        do {
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('tasks', 'match_cache')
                    """)
                guard tables.contains("tasks") else { return .empty }
                // Waiting tasks whose date has passed count as open, like in the queue. One IN
                // list (not an OR of two) keeps each count a single range scan of `tasks_open`.
                func open(_ t: String) -> String {
                    "\(t)status IN ('pending', 'active', 'waiting') AND (\(t)status <> 'waiting' OR \(t)wait <= :now)"
                }
                let help = tables.contains("match_cache") ? """
                    (SELECT count(*) FROM tasks t JOIN match_cache m ON m.task_uuid = t.uuid
                      WHERE \(open("t.")) AND m.strong_count > 0 AND m.task_modified >= t.modified)
                    """ : "0"
                let sql = """
                    SELECT (SELECT count(*) FROM tasks WHERE \(open("")) AND due < :endOfDay),
                           (SELECT count(*) FROM tasks WHERE \(open("")) AND due < :now),
                           \(help),
                           a.number, a.uuid, a.title
                      FROM (SELECT 1) LEFT JOIN (SELECT number, uuid, title FROM tasks WHERE status = 'active'
                                                  ORDER BY started DESC LIMIT 1) a
                    """
                let args: StatementArguments = ["now": nowSeconds, "endOfDay": endOfDay]
                guard let row = try Row.fetchOne(db, sql: sql, arguments: args) else { return .empty }
                var s = StatusSnapshot()
                s.dueToday = row[0]
                s.overdue = row[1]
                s.helpWaiting = row[2]
                if let uuid: String = row[4] {
                    s.active = Active(number: row[3], uuid: uuid, title: row[5] ?? "")
                }
                return s
            }
        } catch {
            throw PicnicStatusError.unreadable(path, error)
        }
    }

    /// The first second of tomorrow in local time, via libc (no ICU start-up on the hot path).
    static func endOfLocalDay(_ seconds: Int) -> Int {
        var t = time_t(seconds)
        var parts = tm()
        localtime_r(&t, &parts)
        parts.tm_hour = 0
        parts.tm_min = 0
        parts.tm_sec = 0
        parts.tm_mday += 1
        parts.tm_isdst = -1
        return Int(mktime(&parts))
    }
}

/// Errors of `picnic status`, as one-line `PicnicError`s.
enum PicnicStatusError {
    static func unreadable(_ path: String, _ error: Error) -> Error {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return PicnicError.io("\(path): not a Picnic database (the file is not SQLite or is damaged)")
            default:
                return PicnicError.io("\(path): \(e.message ?? "\(e)")")
            }
        }
        return PicnicError.io("\(path): \(error)")
    }
}
