import Foundation
import GRDB
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// What the status line shows: the active task, what is due today, and how many open tasks have
/// strong help waiting in the match cache.
///
/// The counts follow `DueCounts` (waiting tasks are not due; a wait that has passed reads as
/// pending). Read with one read-only connection and one statement through SQLite's C API: no migrations,
/// no matcher, no writes, so tmux can run it every few seconds against a large store.
public struct StatusSnapshot: Equatable, Sendable {
    /// The active task.
    public struct Active: Equatable, Sendable {
        public var number: Int?
        public var uuid: String
        public var title: String
        public init(number: Int?, uuid: String, title: String) {
            self.number = number; self.uuid = uuid; self.title = title
        }
    }

    public var active: Active?
    /// Overdue and due later today, by the rule the dashboard counts with (`DueCounts`).
    public var due = DueCounts()
    /// Open tasks whose cached matches (still fresh for the task) include a strong one.
    public var helpWaiting = 0
    /// The active context, whose tasks alone are counted.
    public var context: String?
    /// The community side (all zero in a single-person workspace): a joined server could not be
    /// reached on the last try, writes waiting in the outbox, answers to this person's questions
    /// not yet seen, others' open questions they could answer (strong matches).
    public var offline = false
    public var toSend = 0
    public var newAnswers = 0
    public var couldAnswer = 0
    /// A community is joined (else `--json` leaves the community keys out, as before).
    public var joined = false

    public init(active: Active? = nil, due: DueCounts = DueCounts(), helpWaiting: Int = 0) {
        self.active = active; self.due = due; self.helpWaiting = helpWaiting
    }

    public static let empty = StatusSnapshot()

    /// Reads the snapshot from the database at `path`; a missing file or a store without the
    /// tables yet is simply empty (nothing is created). `keep` receives the connection, so a
    /// short-lived process can leave closing it to the exit.
    public static func read(path: String, now: Date = Clock.now(), keep: (AnyObject) -> Void = { _ in }) throws -> StatusSnapshot {
        guard access(path, F_OK) == 0 else { return .empty }
        // Stored times are whole seconds: one due at 10:00:00 is past at 10:00:00.25, as in Swift.
        let nowSeconds = Int64(now.timeIntervalSince1970.rounded(.up))
        let arguments: [(String, Int64)] = [(":now", nowSeconds), (":endOfDay", Int64(Self.endOfLocalDay(Int(now.timeIntervalSince1970.rounded(.down)))))]
        do {
            let connection = try ReadOnlyConnection(path: path)
            keep(connection)
            let row: [ReadOnlyConnection.Value]?
            do {
                do {
                    row = try connection.firstRow(Self.sql(help: .mirror, context: true, community: true), integers: arguments)
                } catch let error as DatabaseError where error.message.map(Self.isOlderSchema) == true {
                    // A store from before the community tables (status never migrates).
                    row = try connection.firstRow(Self.sql(help: .mirror, context: true), integers: arguments)
                }
            } catch let error as DatabaseError where error.message.map(Self.isOlderSchema) == true {
                // A store from before the help mirror (status never migrates), or not yet migrated.
                let tables = try connection.firstRow("""
                    SELECT count(*) FILTER (WHERE name = 'tasks'), count(*) FILTER (WHERE name = 'match_cache')
                      FROM sqlite_master WHERE type = 'table'
                    """)
                guard let tables, tables[0].integer == 1 else { return .empty }
                row = try connection.firstRow(Self.sql(help: tables[1].integer == 1 ? .join : .none), integers: arguments)
            }
            guard let row else { return .empty }
            var s = StatusSnapshot()
            let byEndOfDay = Int(row[0].integer ?? 0), overdue = Int(row[1].integer ?? 0)
            s.due = DueCounts(overdue: overdue, today: byEndOfDay - overdue)
            s.helpWaiting = Int(row[2].integer ?? 0)
            if let uuid = row[4].text {
                s.active = Active(number: row[3].integer.map(Int.init), uuid: uuid, title: row[5].text ?? "")
            }
            if row.count > 12 { s.readCommunity(row[8...12]) }
            if row.count > 7, let name = row[6].text, let filter = row[7].text {
                // In a context the counts are of its tasks: the queue read whole and filtered,
                // which costs a `list` instead of a few index reads (only while a context is on).
                var inContext = try Self.inContext(QueueContext(name: name, filter: filter, isActive: true), connection, now: now,
                                                   endOfDay: Date(timeIntervalSince1970: TimeInterval(arguments[1].1)))
                if row.count > 12 { inContext.readCommunity(row[8...12]) }
                return inContext
            }
            return s
        } catch {
            throw unreadable(path, error)
        }
    }

    /// The snapshot of the tasks a context's filter keeps.
    static func inContext(_ context: QueueContext, _ connection: ReadOnlyConnection, now: Date, endOfDay: Date) throws -> StatusSnapshot {
        let filter: TaskFilter
        do { filter = try context.parsed(now: now, calendar: .current) } catch {
            throw PicnicError.config("context \(context.name): \(error.message) (fix it: picnic context define \(context.name) FILTER)")
        }
        var s = StatusSnapshot()
        s.context = context.name
        let tasks = try connection.openTasks(now: now).filter { $0.status.isOpen && $0.status != .waiting && filter.matches($0, now: now) }
        let helped = try connection.texts("SELECT task_uuid FROM match_cache WHERE strong_count > 0 AND current")
        var active: WorkTask?
        for t in tasks {
            s.due.add(status: t.status, due: t.due, now: now, endOfDay: endOfDay)
            if helped.contains(t.uuid.uuidString.lowercased()) { s.helpWaiting += 1 }
            if t.status == .active, (t.started ?? .distantPast) > (active?.started ?? .distantPast) || active == nil { active = t }
        }
        if let a = active { s.active = Active(number: a.number, uuid: a.uuid.uuidString.lowercased(), title: a.title) }
        return s
    }

    /// How the "help waiting" count is read.
    enum HelpCount {
        /// From the match cache's mirror of its tasks (migration `v3-status-help-mirror`).
        case mirror
        /// Joining open tasks with the match cache (stores from before the mirror).
        case join
        /// No match cache at all.
        case none
    }

    /// Whether an SQLite error means a store older than this binary expects.
    static func isOlderSchema(_ message: String) -> Bool {
        message.hasPrefix("no such table") || message.hasPrefix("no such column")
    }

    /// The one statement: three counts and the active task. Waiting tasks whose date has passed
    /// count as open, like in the queue. One IN list (not an OR of two) keeps each count a single
    /// range scan of an index.
    /// The community counts of the statement's last five columns.
    mutating func readCommunity(_ values: ArraySlice<ReadOnlyConnection.Value>) {
        let v = Array(values)
        offline = (v[0].integer ?? 0) > 0
        toSend = Int(v[1].integer ?? 0)
        newAnswers = Int(v[2].integer ?? 0)
        couldAnswer = Int(v[3].integer ?? 0)
        joined = (v[4].integer ?? 0) > 0
    }

    /// The community counts: two tiny tables and one partial index (`community_posts_attention`),
    /// so they cost the status line almost nothing when no community is joined.
    static let communityColumns = """
        ,
               (SELECT count(*) FROM communities WHERE left IS NULL AND offline_since IS NOT NULL),
               (SELECT count(*) FROM outbox WHERE refused = 0),
               (SELECT count(*) FILTER (WHERE attention & 1) FROM community_posts WHERE attention > 0),
               (SELECT count(*) FILTER (WHERE attention & 2) FROM community_posts WHERE attention > 0),
               (SELECT count(*) FROM communities WHERE left IS NULL)
        """

    static func sql(help: HelpCount, context: Bool = false, community: Bool = false) -> String {
        func open(_ status: String, _ wait: String) -> String {
            "\(status) IN ('pending', 'active', 'waiting') AND (\(status) <> 'waiting' OR \(wait) <= :now)"
        }
        let helpCount: String
        switch help {
        case .mirror:
            // The conditions of `match_cache_help`'s WHERE, so the count reads that index alone.
            helpCount = """
                (SELECT count(*) FROM match_cache
                  WHERE strong_count > 0 AND current AND \(open("task_status", "task_wait")))
                """
        case .join:
            helpCount = """
                (SELECT count(*) FROM tasks t JOIN match_cache m ON m.task_uuid = t.uuid
                  WHERE \(open("t.status", "t.wait")) AND m.strong_count > 0 AND m.task_modified >= t.modified)
                """
        case .none:
            helpCount = "0"
        }
        return """
            SELECT (SELECT count(*) FROM tasks WHERE \(open("status", "wait")) AND due < :endOfDay),
                   (SELECT count(*) FROM tasks WHERE \(open("status", "wait")) AND due < :now),
                   \(helpCount),
                   a.number, a.uuid, a.title\(context ? ", c.name, c.filter" : "")\(community && context ? communityColumns : "")
              FROM (SELECT 1) LEFT JOIN (SELECT number, uuid, title FROM tasks WHERE status = 'active'
                                          ORDER BY started DESC LIMIT 1) a\(context ? """

                   LEFT JOIN (SELECT name, filter FROM contexts WHERE active) c
            """ : "")
            """
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

    /// A read error as one line.
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
