import Foundation
import GRDB

/// A generic undo journal: SQLite triggers copy the old version of every row a change touches
/// into `undo_log`, keyed by a change id, and `undo` puts them back, newest change first.
///
/// A table opts in with one call in its migration, `try UndoJournal.track("feedback", in: db)`,
/// and its writes go through `AppDatabase.writeChange(_:_:)`. Only writes made inside such a
/// change are recorded (the triggers look at `undo_state.current`). Rows are found again by
/// `rowid`, so tracked tables must be rowid tables; BLOB columns are not supported (JSON carries
/// the old values). After altering a tracked table, call `track` again to regenerate its triggers.
public enum UndoJournal {
    /// How many changes are kept (older ones are pruned at each new change).
    public static let depth = 100

    /// Creates the journal tables (part of the `v1-tasks` migration).
    static func createTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE undo_change (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                label TEXT NOT NULL,
                created REAL NOT NULL
            );
            CREATE TABLE undo_log (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                change_id INTEGER NOT NULL,
                tbl TEXT NOT NULL,
                op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
                row_id INTEGER NOT NULL,
                old TEXT
            );
            CREATE INDEX undo_log_change ON undo_log(change_id);
            CREATE TABLE undo_state (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                current INTEGER
            );
            INSERT INTO undo_state (id, current) VALUES (1, NULL);
            """)
    }

    /// Makes `table` undoable: (re)creates its three journal triggers from its current columns.
    public static func track(_ table: String, in db: Database) throws {
        let columns = try db.columns(in: table).map(\.name)
        let q = table.quotedDatabaseIdentifier
        let object = columns.map { "'\($0.replacingOccurrences(of: "'", with: "''"))', OLD.\($0.quotedDatabaseIdentifier)" }
            .joined(separator: ", ")
        let when = "WHEN (SELECT current FROM undo_state WHERE id = 1) IS NOT NULL"
        let change = "(SELECT current FROM undo_state WHERE id = 1)"
        let name = table.replacingOccurrences(of: "'", with: "''")
        for op in ["insert", "update", "delete"] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \("undo_\(table)_\(op)".quotedDatabaseIdentifier)")
        }
        try db.execute(sql: """
            CREATE TRIGGER \("undo_\(table)_insert".quotedDatabaseIdentifier) AFTER INSERT ON \(q) \(when)
            BEGIN INSERT INTO undo_log (change_id, tbl, op, row_id, old)
                  VALUES (\(change), '\(name)', 'insert', NEW.rowid, NULL); END;
            CREATE TRIGGER \("undo_\(table)_update".quotedDatabaseIdentifier) AFTER UPDATE ON \(q) \(when)
            BEGIN INSERT INTO undo_log (change_id, tbl, op, row_id, old)
                  VALUES (\(change), '\(name)', 'update', OLD.rowid, json_object(\(object))); END;
            CREATE TRIGGER \("undo_\(table)_delete".quotedDatabaseIdentifier) AFTER DELETE ON \(q) \(when)
            BEGIN INSERT INTO undo_log (change_id, tbl, op, row_id, old)
                  VALUES (\(change), '\(name)', 'delete', OLD.rowid, json_object(\(object))); END;
            """)
    }

    /// Journals by hand what `track`'s triggers would for the rows of `table` that `condition`
    /// selects, before they are updated (`op` "update") or deleted ("delete"), or just after they
    /// were inserted ("insert"); nothing outside a change. For a table with one writer in Swift,
    /// whose triggers would cost every process that opens the file their parse (`series`).
    static func record(_ op: String, _ table: String, where condition: String, arguments: StatementArguments,
                       in db: Database) throws {
        let q = table.quotedDatabaseIdentifier
        let name = table.replacingOccurrences(of: "'", with: "''")
        let old: String
        if op == "insert" {
            old = "NULL"
        } else {
            let columns = try db.columns(in: table).map(\.name)
            old = "json_object(" + columns.map { "'\($0.replacingOccurrences(of: "'", with: "''"))', \($0.quotedDatabaseIdentifier)" }
                .joined(separator: ", ") + ")"
        }
        try db.execute(sql: """
            INSERT INTO undo_log (change_id, tbl, op, row_id, old)
            SELECT (SELECT current FROM undo_state WHERE id = 1), '\(name)', '\(op)', rowid, \(old) FROM \(q)
             WHERE (SELECT current FROM undo_state WHERE id = 1) IS NOT NULL AND (\(condition))
            """, arguments: arguments)
    }

    /// Opens a change inside the current write transaction; returns its id.
    static func begin(_ label: String, in db: Database) throws -> Int64 {
        try db.execute(sql: "INSERT INTO undo_change (label, created) VALUES (?, ?)",
                       arguments: [label, Date().timeIntervalSince1970])
        let id = db.lastInsertedRowID
        try db.execute(sql: "UPDATE undo_state SET current = ? WHERE id = 1", arguments: [id])
        return id
    }

    /// Renames the change being recorded (labels often depend on what the change did).
    public static func relabel(_ label: String, in db: Database) throws {
        try db.execute(sql: "UPDATE undo_change SET label = ? WHERE id = (SELECT current FROM undo_state WHERE id = 1)",
                       arguments: [label])
    }

    /// Closes the change: forgets it when it recorded nothing, and prunes beyond `depth`.
    static func end(_ id: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE undo_state SET current = NULL WHERE id = 1")
        let logged = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM undo_log WHERE change_id = ?)", arguments: [id]) ?? false
        if !logged {
            try db.execute(sql: "DELETE FROM undo_change WHERE id = ?", arguments: [id])
            return
        }
        let oldest = id - Int64(depth)
        if oldest > 0, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM undo_change WHERE id <= ?)", arguments: [oldest]) ?? false {
            try db.execute(sql: "DELETE FROM undo_log WHERE change_id <= ?", arguments: [oldest])
            try db.execute(sql: "DELETE FROM undo_change WHERE id <= ?", arguments: [oldest])
        }
    }

    /// Reverts the newest recorded change and forgets it; returns its label, nil when none.
    static func undoLast(in db: Database) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, label FROM undo_change ORDER BY id DESC LIMIT 1") else {
            return nil
        }
        let id: Int64 = row["id"]
        let label: String = row["label"]
        let entries = try Row.fetchAll(db, sql: "SELECT tbl, op, row_id, old FROM undo_log WHERE change_id = ? ORDER BY seq DESC", arguments: [id])
        var columnCache: [String: [String]] = [:]
        for e in entries {
            let table: String = e["tbl"]
            let op: String = e["op"]
            let rowID: Int64 = e["row_id"]
            let old: String? = e["old"]
            let q = table.quotedDatabaseIdentifier
            if columnCache[table] == nil { columnCache[table] = try db.columns(in: table).map(\.name) }
            let columns = columnCache[table]!
            func extract(_ c: String) -> String {
                "json_extract(:old, '$.\"\(c.replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\"", with: "\\\""))\"')"
            }
            switch op {
            case "insert":
                try db.execute(sql: "DELETE FROM \(q) WHERE rowid = ?", arguments: [rowID])
            case "update":
                let sets = columns.map { "\($0.quotedDatabaseIdentifier) = \(extract($0))" }.joined(separator: ", ")
                try db.execute(sql: "UPDATE \(q) SET \(sets) WHERE rowid = :rowid", arguments: ["old": old, "rowid": rowID])
            default:
                let names = columns.map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                let values = columns.map(extract).joined(separator: ", ")
                try db.execute(sql: "INSERT INTO \(q) (rowid, \(names)) VALUES (:rowid, \(values))",
                               arguments: ["old": old, "rowid": rowID])
            }
        }
        try db.execute(sql: "DELETE FROM undo_log WHERE change_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM undo_change WHERE id = ?", arguments: [id])
        return label
    }
}
