#ifndef CSQLITE_TUNING_H
#define CSQLITE_TUNING_H

/// Keeps the WAL file between connections and skips the checkpoint when the last connection
/// closes (sqlite3_db_config is variadic, so Swift cannot call it directly). `db` is a sqlite3*.
/// Returns 0 on success.
int picnic_sqlite_keep_wal(void *db);

#endif
