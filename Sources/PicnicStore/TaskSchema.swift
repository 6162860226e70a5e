import GRDB

/// The `tasks` table and the undo journal.
///
/// Tags and depends are stored as space-separated words with a leading and trailing space
/// (`" ci ops "`): cheap to read back and to filter with `LIKE '% ci %'`. Dates are whole Unix
/// seconds. Annotations and extra attributes are JSON text.
enum TaskSchema {
    /// The frozen `v1-tasks` migration.
    static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE tasks (
                uuid TEXT NOT NULL PRIMARY KEY,
                number INTEGER,
                title TEXT NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                project TEXT,
                tags TEXT NOT NULL DEFAULT '',
                priority TEXT CHECK (priority IN ('H', 'M', 'L')),
                due INTEGER,
                wait INTEGER,
                status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'waiting', 'done', 'deleted')),
                created INTEGER NOT NULL,
                modified INTEGER NOT NULL,
                started INTEGER,
                completed INTEGER,
                annotations TEXT NOT NULL DEFAULT '[]',
                depends TEXT NOT NULL DEFAULT '',
                extra TEXT NOT NULL DEFAULT '{}'
            );
            CREATE UNIQUE INDEX tasks_number ON tasks(number) WHERE number IS NOT NULL;
            CREATE INDEX tasks_status ON tasks(status);
            """)
        try UndoJournal.createTables(db)
        try UndoJournal.track("tasks", in: db)
    }
}
