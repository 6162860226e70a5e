import GRDB

/// Recurrence, dependencies, `scheduled:` and contexts (migration `v6-queue-series-contexts`).
///
/// Instances of a series are ordinary task rows that name it (`series`, `occurrence`); the
/// series' template and its period live in `series`, one row each, undoable like tasks. The
/// unique index on `(series, occurrence)` is what makes "the next instance is made once" hold
/// whatever the writers do: a second insert of the same occurrence fails and rolls back its
/// transaction. `tasks_depends` covers the few open tasks that wait on others, so the queue's
/// blocked/blocking marks cost nothing when no task has dependencies. Contexts are settings,
/// not history: `contexts` is not in the undo journal (undo never switches a context).
enum QueueSchema {
    static func v6(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE tasks ADD COLUMN scheduled INTEGER;
            ALTER TABLE tasks ADD COLUMN series TEXT;
            ALTER TABLE tasks ADD COLUMN occurrence INTEGER;
            CREATE UNIQUE INDEX tasks_occurrence ON tasks(series, occurrence) WHERE series IS NOT NULL;
            CREATE INDEX tasks_depends ON tasks(status, uuid, depends) WHERE depends != '';
            CREATE TABLE series (
                uuid TEXT NOT NULL PRIMARY KEY,
                title TEXT NOT NULL,
                notes TEXT NOT NULL DEFAULT '',
                project TEXT,
                tags TEXT NOT NULL DEFAULT '',
                priority TEXT,
                due INTEGER NOT NULL,
                wait INTEGER,
                scheduled INTEGER,
                until INTEGER,
                recur TEXT NOT NULL,
                mask TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'deleted')),
                created INTEGER NOT NULL,
                modified INTEGER NOT NULL,
                ended INTEGER,
                annotations TEXT NOT NULL DEFAULT '[]',
                depends TEXT NOT NULL DEFAULT '',
                extra TEXT NOT NULL DEFAULT '{}'
            );
            CREATE TABLE contexts (
                name TEXT NOT NULL PRIMARY KEY,
                filter TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 0
            );
            CREATE UNIQUE INDEX contexts_active ON contexts(active) WHERE active;
            """)
        try adoptImportedSeries(db)
        // The journal's triggers copy every column: regenerate them for the new ones.
        try UndoJournal.track("tasks", in: db)
        try UndoJournal.track("series", in: db)
    }

    /// Every process that opens the file parses the whole schema: `series`' three journal
    /// triggers and the one-active-context index were a measurable share of each `add`, `list`
    /// and `status` (figures in commit a67f3cb). `series` is written by one function only
    /// (`SeriesRecord.save`), which journals its old rows itself (`UndoJournal.record`); `setContext` keeps at most
    /// one context active in its transaction.
    ///
    /// `tasks_marked` covers the few tasks that are scheduled or recurring, so the listing and
    /// the dashboard's first screen read those two columns for them alone instead of reading the
    /// ends of every row (most of `list`'s reading at 10,000 tasks).
    static func v7(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS undo_series_insert;
            DROP TRIGGER IF EXISTS undo_series_update;
            DROP TRIGGER IF EXISTS undo_series_delete;
            DROP INDEX IF EXISTS contexts_active;
            CREATE INDEX tasks_marked ON tasks(status, uuid, scheduled, series) WHERE scheduled IS NOT NULL OR series IS NOT NULL;
            """)
    }

    /// Stores that imported Taskwarrior data before this version kept its templates as pending
    /// tasks and `parent`, `imask`, `scheduled` in `extra`: make those templates series again and
    /// link their instances (one instance per occurrence; a duplicate stays unlinked).
    static func adoptImportedSeries(_ db: Database) throws {
        func seconds(_ json: String) -> String {
            // Taskwarrior's 20261201T140000Z as Unix seconds.
            "CAST(strftime('%s', substr(\(json),1,4)||'-'||substr(\(json),5,2)||'-'||substr(\(json),7,2)||' '||substr(\(json),10,2)||':'||substr(\(json),12,2)||':'||substr(\(json),14,2)) AS INTEGER)"
        }
        let valid = "json_valid(extra) AND extra != '{}'"
        try db.execute(sql: """
            UPDATE tasks SET scheduled = \(seconds("json_extract(extra, '$.scheduled')")),
                             extra = json_remove(extra, '$.scheduled')
             WHERE \(valid) AND json_type(extra, '$.scheduled') = 'text' AND length(json_extract(extra, '$.scheduled')) = 16;
            INSERT INTO series (uuid, title, notes, project, tags, priority, due, wait, scheduled, until, recur, mask,
                                status, created, modified, ended, annotations, depends, extra)
            SELECT uuid, title, notes, project, tags, priority, due, wait, scheduled,
                   CASE WHEN length(json_extract(extra, '$.until')) = 16 THEN \(seconds("json_extract(extra, '$.until')")) END,
                   json_extract(extra, '$.recur'), json_extract(extra, '$.mask'),
                   CASE status WHEN 'done' THEN 'done' WHEN 'deleted' THEN 'deleted' ELSE 'pending' END,
                   created, modified, completed, annotations, depends,
                   json_remove(extra, '$.recur', '$.mask', '$.until')
              FROM tasks
             WHERE \(valid) AND due IS NOT NULL AND json_type(extra, '$.mask') = 'text' AND json_type(extra, '$.recur') = 'text';
            DELETE FROM tasks WHERE uuid IN (SELECT uuid FROM series);
            UPDATE tasks SET series = lower(json_extract(extra, '$.parent')),
                             occurrence = CAST(json_extract(extra, '$.imask') AS INTEGER),
                             extra = json_remove(extra, '$.parent', '$.imask')
             WHERE \(valid) AND json_type(extra, '$.parent') = 'text'
               AND json_type(extra, '$.imask') IN ('integer', 'real', 'text')
               AND lower(json_extract(extra, '$.parent')) IN (SELECT uuid FROM series)
               AND rowid = (SELECT min(t.rowid) FROM tasks t
                             WHERE json_valid(t.extra) AND lower(json_extract(t.extra, '$.parent')) = lower(json_extract(tasks.extra, '$.parent'))
                               AND CAST(json_extract(t.extra, '$.imask') AS INTEGER) = CAST(json_extract(tasks.extra, '$.imask') AS INTEGER));
            """)
    }
}
