#ifndef CSQLITE_TUNING_H
#define CSQLITE_TUNING_H

/// Keeps the WAL file between connections and skips the checkpoint when the last connection
/// closes (sqlite3_db_config is variadic, so Swift cannot call it directly). `db` is a sqlite3*.
/// Returns 0 on success.
int picnic_sqlite_keep_wal(void *db);

/// Replaces SQLite's auto-checkpoint: after a commit that leaves at least `frames` frames in the
/// WAL, checkpoint them and, when all are in the database and no reader is in the way, truncate
/// the WAL to zero bytes. A process that opens the database alone rebuilds the WAL index by
/// reading every frame, so a long WAL left behind taxes every later command. `busy_ms` is the
/// connection's busy timeout, restored after the no-wait truncate.
void picnic_sqlite_bound_wal(void *db, int frames, int busy_ms);

#endif
