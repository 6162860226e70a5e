import Foundation
import GRDB
import PicnicCore

/// The embedded store: one SQLite file in WAL mode, shared safely by many processes.
public final class AppDatabase: @unchecked Sendable {
    /// The connection pool (WAL: readers never block the writer).
    public let pool: DatabasePool
    /// Where the file lives.
    public let path: String
    /// This process's own commits, folded into `dataVersion()`.
    let localWrites = WriteCounter()

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    ///
    /// Throws a `PicnicError` (`.ioError`) for an unwritable path or a file that is not a database.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw PicnicError.io("\(path): cannot create folder \(dir)")
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            // The common case (schema up to date) costs one read on the writer connection.
            let migrator = Self.migrator
            let current = try pool.writeWithoutTransaction { try migrator.hasCompletedMigrations($0) }
            if !current { try migrator.migrate(pool) }
        } catch let error as DatabaseError {
            throw Self.describe(error, path: path)
        } catch let error as PicnicError {
            throw error
        } catch {
            throw PicnicError.io("\(path): \(error)")
        }
    }

    /// `$PICNIC_DB`, else `$XDG_DATA_HOME/picnic/picnic.sqlite` (default `~/.local/share`).
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["PICNIC_DB"], !p.isEmpty { return p }
        let base: String
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty {
            base = x
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
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

    /// Frozen, named migrations, in order. Never edit one that has shipped: add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (name, body) in migrations { m.registerMigration(name, migrate: body) }
        return m
    }
}
