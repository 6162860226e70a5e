#if defined(__has_include) && !__has_include(<sqlite3.h>)
#error "Picnic needs the SQLite headers: install libsqlite3-dev (Debian/Ubuntu) or sqlite-devel (Fedora), then build again"
#endif
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "CSQLiteTuning.h"

/* Reads the rowids of one term from an FTS5 `detail=none` index's own pages (%_data, %_idx), as
   FTS5's segment iterators do, without a virtual-table cursor per row. The format (from
   fts5_index.c): a structure record listing the segments by level; leaf pages with a 4-byte
   header (offset of the first rowid when the page starts inside a doclist, offset of the page
   footer), terms prefix-compressed, a footer of term offsets; a doclist of varint rowid deltas,
   each optionally followed by 0x00 (delete) and a second 0x00 (delete, then inserted again).
   Anything unexpected returns PICNIC_DOCLIST_UNSUPPORTED and the caller asks FTS5 instead. */

#define MAX_SEGMENTS 64

typedef struct { int segid, first, last; } segment;

static int varint(const unsigned char *p, const unsigned char *end, uint64_t *out) {
    uint64_t v = 0;
    for (int i = 0; i < 9; i++) {
        if (p + i >= end) return 0;
        if (i == 8) { *out = (v << 8) | p[i]; return 9; }
        v = (v << 7) | (p[i] & 0x7f);
        if (!(p[i] & 0x80)) { *out = v; return i + 1; }
    }
    return 0;
}

/* Segments newest first (level 0 last to first, then level 1, …); -1 when not understood. */
static int parse_structure(const unsigned char *p, int n, segment *out) {
    const unsigned char *end = p + n, *q = p + 4;
    uint64_t levels, total, counter;
    int k;
    if (n < 4) return -1;
    if (!(k = varint(q, end, &levels))) return -1; q += k;
    if (!(k = varint(q, end, &total))) return -1; q += k;
    if (!(k = varint(q, end, &counter))) return -1; q += k;
    if (total > MAX_SEGMENTS || levels > MAX_SEGMENTS) return -1;
    segment all[MAX_SEGMENTS];
    int level_start[MAX_SEGMENTS + 1], count = 0;
    for (uint64_t l = 0; l < levels; l++) {
        uint64_t merging, segs;
        if (!(k = varint(q, end, &merging))) return -1; q += k;
        if (!(k = varint(q, end, &segs))) return -1; q += k;
        if (merging != 0) return -1;              /* an incremental merge in progress */
        if (count + segs > MAX_SEGMENTS) return -1;
        level_start[l] = count;
        for (uint64_t s = 0; s < segs; s++) {
            uint64_t id, first, last;
            if (!(k = varint(q, end, &id))) return -1; q += k;
            if (!(k = varint(q, end, &first))) return -1; q += k;
            if (!(k = varint(q, end, &last))) return -1; q += k;
            if (id == 0 || id > 65535 || first == 0 || last < first || last > 0x7fffffff) return -1;
            all[count].segid = (int)id; all[count].first = (int)first; all[count].last = (int)last;
            count++;
        }
    }
    level_start[levels] = count;
    if (q != end || (uint64_t)count != total) return -1;
    int m = 0;
    for (uint64_t l = 0; l < levels; l++)
        for (int s = level_start[l + 1] - 1; s >= level_start[l]; s--) out[m++] = all[s];
    return m;
}

typedef struct { int64_t rowid; int rank; int present; } entry;

static int push(entry **a, int *n, int *cap, int64_t rowid, int rank, int present) {
    if (*n == *cap) {
        int c = *cap ? *cap * 2 : 256;
        entry *b = realloc(*a, sizeof(entry) * (size_t)c);
        if (!b) return 0;
        *a = b; *cap = c;
    }
    (*a)[*n].rowid = rowid; (*a)[*n].rank = rank; (*a)[*n].present = present;
    (*n)++;
    return 1;
}

/* Loads leaf `pgno` of `segid` into the statement's current row; returns the blob or NULL. */
static const unsigned char *load(sqlite3_stmt *data, int segid, int pgno, int *n, int *rc) {
    sqlite3_reset(data);
    sqlite3_bind_int64(data, 1, ((int64_t)segid << 37) + pgno);
    int r = sqlite3_step(data);
    if (r != SQLITE_ROW) { *rc = r == SQLITE_DONE ? SQLITE_OK : r; return 0; }
    *n = sqlite3_column_bytes(data, 0);
    return sqlite3_column_blob(data, 0);
}

/* Reads the doclist starting at `off` of a page and the pages after it. */
static int read_doclist(sqlite3_stmt *data, const segment *seg, int pgno, const unsigned char *page, int n,
                        int off, int end, int rank, entry **a, int *na, int *cap, int *rc) {
    int64_t rowid = 0;
    for (;;) {
        const unsigned char *limit = page + end;
        const unsigned char *p = page + off;
        while (p < limit) {
            uint64_t delta;
            int k = varint(p, limit, &delta);
            if (!k) return PICNIC_DOCLIST_UNSUPPORTED;
            p += k;
            rowid += (int64_t)delta;
            int present = 1;
            if (p < limit && *p == 0) {
                p++;
                present = 0;
                if (p < limit && *p == 0) { p++; present = 1; }
            }
            if (!push(a, na, cap, rowid, rank, present)) { *rc = SQLITE_NOMEM; return -1; }
        }
        /* The doclist ends at the next term; else it may go on at the start of the next page. */
        int footer = (page[2] << 8) | page[3];
        if (end < footer || pgno >= seg->last) return 1;
        pgno++;
        page = load(data, seg->segid, pgno, &n, rc);
        if (!page) return *rc == SQLITE_OK ? PICNIC_DOCLIST_UNSUPPORTED : -1;
        if (n < 4) return PICNIC_DOCLIST_UNSUPPORTED;
        int first_rowid = (page[0] << 8) | page[1];
        footer = (page[2] << 8) | page[3];
        if (first_rowid == 0) return 1;             /* the page starts with a term */
        if (footer > n || first_rowid < 4 || first_rowid > footer) return PICNIC_DOCLIST_UNSUPPORTED;
        end = footer;
        if (footer < n) {                           /* a term on this page ends the doclist */
            uint64_t t;
            if (!varint(page + footer, page + n, &t) || t > (uint64_t)footer) return PICNIC_DOCLIST_UNSUPPORTED;
            end = (int)t;
        }
        off = first_rowid;
        rowid = 0;                                  /* the first rowid on a page is absolute */
    }
}

/* Finds `key` ('0' + term) on the leaf `pgno` and reads its doclist; 0 when absent. */
static int read_term(sqlite3_stmt *data, const segment *seg, int pgno, const unsigned char *key, int keylen,
                     int rank, entry **a, int *na, int *cap, int *rc) {
    int n;
    const unsigned char *page = load(data, seg->segid, pgno, &n, rc);
    if (!page) return *rc == SQLITE_OK ? PICNIC_DOCLIST_UNSUPPORTED : -1;
    if (n < 4) return PICNIC_DOCLIST_UNSUPPORTED;
    int footer = (page[2] << 8) | page[3];
    if (footer > n) return PICNIC_DOCLIST_UNSUPPORTED;
    unsigned char term[512];
    int termlen = 0;
    const unsigned char *f = page + footer, *fend = page + n;
    uint64_t off = 0;
    int index = 0;
    while (f < fend) {
        uint64_t d;
        int k = varint(f, fend, &d);
        if (!k) return PICNIC_DOCLIST_UNSUPPORTED;
        f += k;
        off += d;
        if (off >= (uint64_t)footer) return PICNIC_DOCLIST_UNSUPPORTED;
        const unsigned char *p = page + off, *limit = page + footer;
        uint64_t keep = 0, fresh;
        if (index > 0) {
            if (!(k = varint(p, limit, &keep))) return PICNIC_DOCLIST_UNSUPPORTED;
            p += k;
        }
        if (!(k = varint(p, limit, &fresh))) return PICNIC_DOCLIST_UNSUPPORTED;
        p += k;
        if (keep > (uint64_t)termlen || keep + fresh > sizeof term || p + fresh > limit) return PICNIC_DOCLIST_UNSUPPORTED;
        memcpy(term + keep, p, fresh);
        termlen = (int)(keep + fresh);
        p += fresh;
        index++;
        int c = memcmp(term, key, (size_t)(termlen < keylen ? termlen : keylen));
        if (c == 0) c = termlen - keylen;
        if (c > 0) return 0;                        /* terms are sorted: it is not here */
        if (c < 0) continue;
        /* Found: its doclist runs to the next term on the page, or to the footer and beyond. */
        int end = footer;
        if (f < fend) {
            uint64_t d2;
            if (!varint(f, fend, &d2) || off + d2 > (uint64_t)footer) return PICNIC_DOCLIST_UNSUPPORTED;
            end = (int)(off + d2);
        }
        return read_doclist(data, seg, pgno, page, n, (int)(p - page), end, rank, a, na, cap, rc);
    }
    return 0;
}

static int by_rowid_then_rank(const void *x, const void *y) {
    const entry *a = x, *b = y;
    if (a->rowid != b->rowid) return a->rowid < b->rowid ? -1 : 1;
    return a->rank - b->rank;
}

int picnic_fts5_rowids(sqlite3_stmt *data, sqlite3_stmt *idx, const unsigned char *structure, int structure_len,
                       const char *term, int term_len, picnic_rowids *out, int *rc) {
    *rc = SQLITE_OK;
    out->count = 0;
    if (term_len <= 0 || term_len > 500) return PICNIC_DOCLIST_UNSUPPORTED;
    segment segs[MAX_SEGMENTS];
    int nseg = parse_structure(structure, structure_len, segs);
    if (nseg < 0) return PICNIC_DOCLIST_UNSUPPORTED;
    unsigned char key[512];
    key[0] = '0';
    memcpy(key + 1, term, (size_t)term_len);
    int keylen = term_len + 1;
    entry *a = 0;
    int na = 0, cap = 0, result = 1;
    for (int s = 0; s < nseg && result == 1; s++) {
        sqlite3_reset(idx);
        sqlite3_bind_int(idx, 1, segs[s].segid);
        sqlite3_bind_blob(idx, 2, key, keylen, SQLITE_STATIC);
        int r = sqlite3_step(idx);
        if (r == SQLITE_DONE) continue;             /* every key of the segment sorts after it */
        if (r != SQLITE_ROW) { *rc = r; result = -1; break; }
        int64_t pgno = sqlite3_column_int64(idx, 0) >> 1;
        sqlite3_reset(idx);
        if (pgno < segs[s].first || pgno > segs[s].last) { result = PICNIC_DOCLIST_UNSUPPORTED; break; }
        int r2 = read_term(data, &segs[s], (int)pgno, key, keylen, s, &a, &na, &cap, rc);
        if (r2 < 0 || r2 == PICNIC_DOCLIST_UNSUPPORTED) result = r2;
    }
    sqlite3_reset(idx);
    sqlite3_reset(data);
    if (result == 1) {
        if (nseg > 1) qsort(a, (size_t)na, sizeof(entry), by_rowid_then_rank);
        if (out->capacity < na) {
            int64_t *ids = realloc(out->ids, sizeof(int64_t) * (size_t)na);
            if (!ids && na > 0) { free(a); *rc = SQLITE_NOMEM; return -1; }
            out->ids = ids;
            out->capacity = na;
        }
        int64_t last = 0;
        int have = 0;
        for (int i = 0; i < na; i++) {
            if (have && a[i].rowid == last) continue;   /* an older segment's entry */
            have = 1;
            last = a[i].rowid;
            if (a[i].present) out->ids[out->count++] = a[i].rowid;
        }
        if (nseg == 1) {
            /* One segment: rowids ascend already; check, as the merge would have sorted. */
            for (int i = 1; i < out->count; i++)
                if (out->ids[i] <= out->ids[i - 1]) { result = PICNIC_DOCLIST_UNSUPPORTED; out->count = 0; break; }
        }
    }
    free(a);
    return result;
}

void picnic_rowids_free(picnic_rowids *r) {
    free(r->ids);
    r->ids = 0;
    r->count = r->capacity = 0;
}
