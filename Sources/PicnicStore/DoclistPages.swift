import CSQLiteTuning
import Foundation
import GRDB
import GRDBSQLite

/// Reads a stem's threads from an FTS5 `detail=none` index's own pages (`picnic_fts5_rowids` in
/// CSQLiteTuning), for stage one: a posting costs a varint there, against a trip through FTS5's
/// virtual-table cursor and SQLite's row loop (docs/DECISIONS.md, "Doclists from the
/// index's pages"). When the index is not in the form the reader knows (a merge in progress, a
/// newer format), or the stem is not plain ASCII (whose token only FTS5's tokenizer can say), it
/// answers nil and the caller asks FTS5.
final class DoclistPages {
    private let data: Statement
    private let idx: Statement
    private let structure: [UInt8]
    private var rowids = picnic_rowids(ids: nil, count: 0, capacity: 0)

    /// The reader of `table` (`posts_fts` or `posts_title`) as of this transaction, or nil when
    /// its structure record cannot be read, or when this connection is writing: FTS5 keeps a
    /// transaction's new postings in memory until it commits, where only its own cursor sees them.
    /// `structure`: the structure record, if the caller read it in this transaction already.
    init?(_ table: String, structure: Data? = nil, _ db: Database) throws {
        guard let connection = db.sqliteConnection, sqlite3_txn_state(connection, "main") != SQLITE_TXN_WRITE else { return nil }
        data = try db.cachedStatement(sql: "SELECT block FROM \(table)_data WHERE id = ?")
        idx = try db.cachedStatement(sql: "SELECT pgno FROM \(table)_idx WHERE segid = ? AND term <= ? ORDER BY term DESC LIMIT 1")
        guard let blob = try structure ?? Data.fetchOne(data, arguments: [10]) else { return nil }
        self.structure = [UInt8](blob)
    }

    deinit { picnic_rowids_free(&rowids) }

    /// Calls `body` with each thread holding `stem`, ascending; false when this reader cannot say.
    func forEachThread(holding stem: String, _ body: (Int64) -> Void) throws -> Bool {
        var stem = stem
        return try stem.withUTF8 { bytes -> Bool in
            guard !bytes.isEmpty, bytes.allSatisfy({ $0 &- 0x61 < 26 || $0 &- 0x30 < 10 }) else { return false }
            var rc: Int32 = 0
            let result = structure.withUnsafeBufferPointer { s in
                bytes.withMemoryRebound(to: CChar.self) { term in
                    picnic_fts5_rowids(data.sqliteStatement, idx.sqliteStatement, s.baseAddress, Int32(s.count),
                                       term.baseAddress, Int32(term.count), &rowids, &rc)
                }
            }
            if result < 0 {
                throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "reading the index's pages")
            }
            guard result == 1 else { return false }
            if let ids = rowids.ids {
                for i in 0..<Int(rowids.count) { body(ids[i]) }
            }
            return true
        }
    }
}
