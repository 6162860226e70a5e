#include <sqlite3.h>
#include "CSQLiteTuning.h"

int picnic_sqlite_keep_wal(void *handle) {
    sqlite3 *db = (sqlite3 *)handle;
    int persist = 1;
    int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    if (rc != SQLITE_OK && rc != SQLITE_NOTFOUND) return rc;
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
