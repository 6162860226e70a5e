import GRDB

extension AppDatabase {
    /// Folds the WAL into the main file and empties it (the WAL is kept between runs), so the
    /// main file alone holds everything: for building a database to be moved into place.
    public func checkpoint() throws {
        try mapErrors {
            try pool.writeWithoutTransaction { db in
                _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
    }
}
