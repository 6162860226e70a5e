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

#include <stdint.h>
#include <sqlite3.h>

/// Rowids read by `picnic_fts5_rowids` (the buffer is reused between calls; free it once).
typedef struct {
    int64_t *ids;
    int count;
    int capacity;
} picnic_rowids;

/// Returned when the index is not in the form this reader knows: ask FTS5 instead.
#define PICNIC_DOCLIST_UNSUPPORTED 2

/// The rowids holding `term` (an indexed token, e.g. a porter stem) in an FTS5 `detail=none`
/// index, read from its own pages: `data` is `SELECT block FROM "X_data" WHERE id = ?1`, `idx` is
/// `SELECT pgno FROM "X_idx" WHERE segid = ?1 AND term <= ?2 ORDER BY term DESC LIMIT 1`,
/// `structure` the block of the structure record (id 10). Returns 1 (rowids ascending in `out`),
/// PICNIC_DOCLIST_UNSUPPORTED, or -1 with an SQLite code in `rc`.
int picnic_fts5_rowids(sqlite3_stmt *data, sqlite3_stmt *idx, const unsigned char *structure, int structure_len,
                       const char *term, int term_len, picnic_rowids *out, int *rc);
void picnic_rowids_free(picnic_rowids *rowids);

#endif
