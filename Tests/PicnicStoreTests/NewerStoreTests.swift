import Foundation
import GRDB
import Testing
import TestSupport
import PicnicCore
@testable import PicnicStore

/// A store written by a newer Picnic (a migration this build does not know) is refused, not written.
@Suite struct NewerStoreTests {
    @Test func aMigrationThisBuildDoesNotKnowIsRefusedWithOneLine() throws {
        let path = TestSupport.makeTempDirectory("newer").appendingPathComponent("picnic.sqlite").path
        do {
            let db = try AppDatabase(path: path)
            _ = try db.addTask(QuickAdd.parseNew("Keep me", now: Date(), calendar: .current))
            try db.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        }
        let error = #expect(throws: PicnicError.self) { _ = try AppDatabase(path: path) }
        #expect(error?.kind == .config)
        #expect(error?.message == "\(path): written by a newer Picnic (migration “v99-from-the-future” is unknown to this build); update Picnic to use this store")
    }
}
