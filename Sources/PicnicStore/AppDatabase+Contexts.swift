import Foundation
import GRDB
import PicnicCore

extension AppDatabase {
    /// Every context, by name.
    public func contexts() throws -> [QueueContext] {
        try read { db in try Self.contexts(db) }
    }

    /// The active context, or nil.
    public func activeContext() throws -> QueueContext? {
        try read { db in try Self.activeContext(db) }
    }

    /// Defines (or redefines) a context; the filter must parse.
    public func defineContext(_ name: String, filter: String, now: Date = Date(), calendar: Calendar = .current) throws {
        guard QueueContext.isValidName(name) else {
            throw PicnicError.usage("\(name): not a context name (letters, digits, - and _; not none or list)")
        }
        let context = QueueContext(name: name, filter: filter)
        _ = try context.parsed(now: now, calendar: calendar)
        guard !filter.allSatisfy(\.isWhitespace) else { throw PicnicError.usage("context \(name): give a filter, e.g. +work or project:infra") }
        try writeSetting { db in
            try db.execute(sql: """
                INSERT INTO contexts (name, filter) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET filter = excluded.filter
                """, arguments: [name, filter])
        }
    }

    /// Deletes a context (the active one too: then none is active).
    public func deleteContext(_ name: String) throws {
        try writeSetting { db in
            try db.execute(sql: "DELETE FROM contexts WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw PicnicError.usage("no context \(name) (see 'picnic context list')") }
        }
    }

    /// Makes `name` the active context, or none with nil. Returns the context set.
    @discardableResult
    public func setContext(_ name: String?) throws -> QueueContext? {
        try writeSetting { db in
            try db.execute(sql: "UPDATE contexts SET active = 0 WHERE active")
            guard let name else { return nil }
            try db.execute(sql: "UPDATE contexts SET active = 1 WHERE name = ?", arguments: [name])
            guard db.changesCount > 0 else { throw PicnicError.usage("no context \(name) (see 'picnic context list')") }
            return try Self.activeContext(db)
        }
    }

    static func contexts(_ db: Database) throws -> [QueueContext] {
        try Row.fetchAll(db, sql: "SELECT name, filter, active FROM contexts ORDER BY name").map {
            QueueContext(name: $0[0], filter: $0[1], isActive: $0[2])
        }
    }

    /// Read through SQLite's C API: every `add` and `list` asks (GRDB's row machinery costs more
    /// than the answer, usually none).
    static func activeContext(_ db: Database) throws -> QueueContext? {
        let statement = try RawStatement(db, "SELECT name, filter FROM contexts WHERE active")
        guard try statement.step() else { return nil }
        return QueueContext(name: statement.text(0), filter: statement.text(1), isActive: true)
    }

    /// What a task added now gets from the active context, or nil when none is active.
    static func contextAdditions(_ db: Database, now: Date, calendar: Calendar) throws -> TaskModification? {
        guard let context = try activeContext(db) else { return nil }
        do { return QueueContext.additions(try context.parsed(now: now, calendar: calendar)) } catch {
            throw PicnicError.config("context \(context.name): \(error.message) (fix it: picnic context define \(context.name) FILTER)")
        }
    }

    static func merge(_ additions: TaskModification, into draft: inout TaskModification) {
        QueueContext.merge(additions, into: &draft)
    }

    /// A write of settings: one IMMEDIATE transaction, outside the undo journal.
    func writeSetting<T>(_ body: (Database) throws -> T) throws -> T {
        try mapErrors {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                localWrites.increment()
                return result!
            }
        }
    }
}
