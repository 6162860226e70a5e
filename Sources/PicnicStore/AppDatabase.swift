import Foundation
import CSQLiteTuning
import GRDB
import PicnicCore

/// The embedded store: one SQLite file in WAL mode, shared safely by many processes.
public final class AppDatabase: @unchecked Sendable {
    /// The connection: a single serialized `DatabaseQueue` by default (cheapest to open, no
    /// write on open), or a `DatabasePool` with `concurrentReads` (readers beside the writer).
    /// Either way the file is in WAL mode, so other processes read while one writes.
    public let pool: any DatabaseWriter
    /// Where the file lives.
    public let path: String
    /// This process's own commits, folded into `dataVersion()`.
    let localWrites = WriteCounter()
    /// Document frequencies of stems, kept while the index is unchanged (see the type).
    let dfCache = DocumentFrequencyCache()

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Throws a `PicnicError` (`.ioError`) for an unwritable path or a file that is not a database.
    /// Opening an up-to-date database writes nothing. `notice` hears of a migration that will take
    /// a while (a big store's index rebuilt), before it starts.
    public init(path: String, concurrentReads: Bool = false, notice: ((String) -> Void)? = nil) throws {
        self.path = path
        // The folder exists in the common case; checking costs a syscall, not URL and FileManager work.
        if access(path, F_OK) != 0 {
            let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw PicnicError.io("\(path): cannot create folder \(dir)")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(TimeInterval(Self.busySeconds))
        config.prepareDatabase { db in
            // No checkpoint and WAL deletion (with their fsyncs) each time a short-lived command
            // closes the file. Instead the WAL is folded back and emptied once it holds
            // `walFrameLimit` frames: a process opening the file alone re-reads every frame to
            // rebuild the WAL index, so a long WAL (after an import: hundreds of MB) would tax
            // every later command, `picnic status` in tmux included.
            let handle = UnsafeMutableRawPointer(db.sqliteConnection)
            _ = picnic_sqlite_keep_wal(handle)
            picnic_sqlite_bound_wal(handle, Int32(Self.walFrameLimit), Int32(Self.busySeconds * 1000))
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            if concurrentReads {
                pool = try DatabasePool(path: path, configuration: config)
            } else {
                let queue = try DatabaseQueue(path: path, configuration: config)
                // WAL is a property of the file: set once when the database is created.
                try queue.writeWithoutTransaction { db in
                    if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    }
                }
                pool = queue
            }
            try Self.migrateIfNeeded(pool, path: path, notice: notice)
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        } catch let error as PicnicError {
            throw error
        } catch {
            throw PicnicError.io("\(path): \(error)")
        }
    }

    /// How long a writer waits for another process's transaction.
    static let busySeconds = 10
    /// WAL frames (4 KiB pages) after which a commit checkpoints and empties the WAL: recovery by
    /// a lone opener (which reads every frame) stays short, and the checkpoint's fsyncs come once
    /// per ~50 single adds (docs/Performance.md).
    static let walFrameLimit = 256

    /// `$PICNIC_DB`, else `$XDG_DATA_HOME/picnic/picnic.sqlite` (default `~/.local/share`).
    /// `environment` defaults to the process's own (read per variable, see `Environment`).
    public static func defaultPath(environment: [String: String]? = nil) -> String {
        let get: (String) -> String? = { name in environment.map { $0[name] } ?? Environment.value(name) }
        if let p = get("PICNIC_DB"), !p.isEmpty { return p }
        let base: String
        if let x = get("XDG_DATA_HOME"), !x.isEmpty {
            base = x
        } else {
            base = (get("HOME") ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/picnic/picnic.sqlite"
    }

    static func describe(_ error: DatabaseError, path: String) -> PicnicError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .io("\(path): not a Picnic database (the file is not SQLite or is damaged)")
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR:
            return .io("\(path): cannot open the database for writing")
        default:
            return .io("\(path): \(error.message ?? "\(error)")")
        }
    }

    /// The common case (schema up to date) costs one read. Processes creating the same database
    /// at once race (one may see another's half-made schema); the loser retries and then finds
    /// the work done. A file that is not a database fails at once.
    static func migrateIfNeeded(_ writer: any DatabaseWriter, path: String = "", notice: ((String) -> Void)? = nil) throws {
        let migrator = Self.migrator
        let fatal: [ResultCode] = [.SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_FULL]
        for attempt in 1...40 {
            do {
                // One read of the applied migrations answers both "up to date?" and "newer?".
                let applied = try writer.writeWithoutTransaction { db -> Set<String> in
                    guard try db.tableExists("grdb_migrations") else { return [] }
                    return try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                }
                let known = Set(migrator.migrations)
                if let unknown = applied.subtracting(known).sorted().first {
                    throw PicnicError.config("\(path): written by a newer Picnic (migration “\(unknown)” is unknown to this build); update Picnic to use this store")
                }
                if known.isSubset(of: applied) { return }
                if attempt == 1, let notice, let message = try writer.read({ try Self.slowMigration(migrator, $0) }) {
                    notice(message)
                }
                try migrator.migrate(writer)
                return
            } catch let e as DatabaseError where !fatal.contains(e.resultCode.primaryResultCode) && attempt < 40 {
                usleep(useconds_t(5_000 * min(attempt, 10)))
            }
        }
    }

    /// What to tell the person before pending migrations that rebuild a big index, or nil.
    static func slowMigration(_ migrator: DatabaseMigrator, _ db: Database, threshold: Int = slowRebuildThreads) throws -> String? {
        let applied = try migrator.appliedIdentifiers(db)
        guard applied.contains("v1-posts"), !applied.contains("v5-index-layout") else { return nil }
        let threads = try Int.fetchOne(db, sql: "SELECT count(*) FROM posts WHERE parent IS NULL") ?? 0
        guard threads >= threshold else { return nil }
        return "rebuilding the search index of \(threads) threads for this version (once; about \(max(1, threads / 16_000)) s)…"
    }

    /// Threads from which rebuilding the index takes long enough (~1 s) to say so first.
    static let slowRebuildThreads = 20_000

    /// Frozen, named migrations, in order. Never edit one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (name, body) in migrations { m.registerMigration(name, migrate: body) }
        return m
    }
}
