import Foundation
import GRDB
import Testing
import TestSupport
@testable import PicnicCore
@testable import PicnicStore

/// The WAL is kept between commands (no fsync per command) but never left long: a lone opener
/// re-reads every frame of it, so a bulk write must leave it emptied.
@Suite struct WalLimitTests {
    private func walSize(_ db: AppDatabase) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: db.path + "-wal")[.size] as? Int) ?? 0
    }

    @Test func aSmallChangeKeepsTheWal() throws {
        let db = try makeStore()
        try db.addTask(draft("one small change"))
        // Committed into the WAL, not folded back and emptied (that would cost fsyncs per command).
        #expect(walSize(db) > 0)
        #expect(walSize(db) < AppDatabase.walFrameLimit * 4096)
    }

    @Test func aBulkChangeLeavesAnEmptyWalAndEveryTask() throws {
        let db = try makeStore()
        let lines = (1...5_000).map { "Bulk task \($0) with a longer title to fill pages +bulk project:load" }
        try db.addTasks(lines.map { try draft($0) })
        #expect(walSize(db) == 0)
        // Everything is in the database file itself: a fresh connection sees all of it.
        let again = try AppDatabase(path: db.path)
        let count = try again.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tasks") }
        #expect(count == 5_000)
        let check = try again.pool.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")
    }

    @Test func manySmallChangesNeverGrowTheWalPastTheLimit() throws {
        let db = try makeStore()
        var largest = 0
        for i in 1...300 {
            try db.addTask(draft("Task \(i) +small"))
            largest = max(largest, walSize(db))
        }
        // One commit may overshoot by its own frames; then the WAL is emptied again.
        #expect(largest < (AppDatabase.walFrameLimit + 64) * (4096 + 24) + 32)
        let count = try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tasks") }
        #expect(count == 300)
    }
}
