import GRDB

/// A big batch written in one transaction (an import, `add -`) dirties more pages than SQLite's
/// default 2 MB cache holds; spilling them to the WAL mid-transaction writes many twice. Such a
/// batch gets a cache of its own size for its transaction.
enum BatchCache {
    /// Batches of more rows than this get the bigger cache.
    static let threshold = 2000

    /// Sets a cache of `kib` KiB when `count` is over `threshold`; returns whether it did (then
    /// `restore` when the batch is written).
    static func enlarge(_ db: Database, count: Int, kib: @autoclosure () -> Int) throws -> Bool {
        guard count > threshold else { return false }
        try db.execute(sql: "PRAGMA cache_size = -\(kib())")
        return true
    }

    /// Puts SQLite's default cache back.
    static func restore(_ db: Database) {
        try? db.execute(sql: "PRAGMA cache_size = -2000")
    }
}
