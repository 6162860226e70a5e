#if defined(__has_include) && !__has_include(<sqlite3.h>)
#error "Picnic needs the SQLite headers: install libsqlite3-dev (Debian/Ubuntu) or sqlite-devel (Fedora), then build again"
#endif
#include <sqlite3.h>
#include "CSQLiteTuning.h"

int picnic_sqlite_keep_wal(void *handle) {
    sqlite3 *db = (sqlite3 *)handle;
    int persist = 1;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND) return rc;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}

/* The hook's settings, packed into its context pointer: frames in the high bits, the
   connection's busy timeout (ms) in the low 32. */
static int bound_wal_hook(void *context, sqlite3 *db, const char *schema, int frames) {
    unsigned long long packed = (unsigned long long)(unsigned long)context;
    int limit = (int)(packed >> 32);
    int busy_ms = (int)(packed & 0xffffffffu);
    if (frames < limit) return SQLITE_OK;
    int log = 0, done = 0;
    /* What SQLite's own auto-checkpoint does: copy what no reader still needs. */
    if (sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, &log, &done) != SQLITE_OK) return SQLITE_OK;
    if (log <= 0 || done < log) return SQLITE_OK;
    /* All of it is in the database: empty the file too, unless a reader is in the way right now
       (no waiting: the next commit over the limit tries again). */
    sqlite3_busy_timeout(db, 0);
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_TRUNCATE, 0, 0);
    sqlite3_busy_timeout(db, busy_ms);
    return SQLITE_OK;
}

void picnic_sqlite_bound_wal(void *handle, int frames, int busy_ms) {
    unsigned long long packed = ((unsigned long long)(unsigned)frames << 32) | (unsigned)busy_ms;
    sqlite3_wal_hook((sqlite3 *)handle, bound_wal_hook, (void *)(unsigned long)packed);
}
