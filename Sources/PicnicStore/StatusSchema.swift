import GRDB

/// Indexes that let `picnic status` (run by tmux every few seconds) answer from indexes alone.
enum StatusSchema {
    /// Open tasks by status with the columns status counts read (due, wait, modified, uuid), and
    /// match-cache rows with what the "help waiting" count reads: every count becomes an index
    /// range scan with no table row fetched (docs/Performance.md).
    static func v2(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX tasks_open ON tasks(status, due, wait, modified, uuid);
            CREATE INDEX match_cache_strong ON match_cache(task_uuid, strong_count, task_modified);
            """)
    }
}

extension StatusSchema {
    /// What "help waiting" needs of a task, mirrored into its match-cache row, so the count reads
    /// one small partial index instead of probing the cache once per open task (that join was
    /// over a third of `picnic status`; docs/Performance.md).
    ///
    /// `task_status` and `task_wait` are the task's current values and `current` says the cached
    /// outcome is as new as the task (`task_modified >= tasks.modified`, what the join tested);
    /// all three are NULL when there is no such task. `recordMatch` writes them with the outcome
    /// (the only writer of the cache); triggers on `tasks` refresh them in the same transaction as
    /// any change to a task, whatever makes it (commands, undo, imports), and a task that is
    /// removed takes its cache row with it. A task's uuid never changes. The triggers are short
    /// because SQLite parses every trigger of the schema in each process that opens the file
    /// (two on `match_cache` with a row-value subquery cost every process, `list` and `add`
    /// included).
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE match_cache ADD COLUMN task_status TEXT;
            ALTER TABLE match_cache ADD COLUMN task_wait INTEGER;
            ALTER TABLE match_cache ADD COLUMN current INTEGER;
            DELETE FROM match_cache WHERE task_uuid NOT IN (SELECT uuid FROM tasks);
            UPDATE match_cache SET (task_status, task_wait, current) =
                (SELECT status, wait, match_cache.task_modified >= modified FROM tasks WHERE uuid = task_uuid);
            CREATE INDEX match_cache_help ON match_cache(task_status, task_wait, strong_count, current)
                WHERE strong_count > 0 AND current;
            CREATE TRIGGER tasks_mirror_update AFTER UPDATE OF status, wait, modified ON tasks BEGIN
                UPDATE match_cache SET task_status = NEW.status, task_wait = NEW.wait, current = task_modified >= NEW.modified
                 WHERE task_uuid = NEW.uuid;
            END;
            CREATE TRIGGER tasks_mirror_delete AFTER DELETE ON tasks BEGIN
                DELETE FROM match_cache WHERE task_uuid = OLD.uuid;
            END;
            """)
    }
}
