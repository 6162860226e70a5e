import GRDB

/// The community side of the store: posts, their full-text index, feedback and the match cache.
///
/// `posts_fts` indexes one row per thread (a root post with its answers), keyed by the root's id,
/// with separate columns so that title, body, answers and tags can be weighted apart. Its content
/// comes from the `post_threads` view (external content): nothing is stored twice. The store keeps
/// it in step explicitly, in the same transaction as every write to `posts` (see `ThreadIndex`).
enum PostSchema {
    static func v1(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE posts (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('question','answer','tip','doc','file','link')),
                title TEXT NOT NULL,
                body TEXT NOT NULL DEFAULT '',
                tags TEXT NOT NULL DEFAULT '[]',         -- JSON array of strings
                author TEXT NOT NULL DEFAULT '',
                space TEXT NOT NULL DEFAULT '',
                created REAL NOT NULL,                   -- seconds since 1970, UTC
                votes INTEGER NOT NULL DEFAULT 0,
                accepted INTEGER NOT NULL DEFAULT 0,
                parent INTEGER REFERENCES posts(id) ON DELETE CASCADE,
                url TEXT,
                source TEXT,
                source_id TEXT,
                UNIQUE (source, source_id)
            );
            CREATE INDEX posts_parent ON posts(parent) WHERE parent IS NOT NULL;
            CREATE INDEX posts_created ON posts(created);

            CREATE VIEW post_threads AS
                SELECT p.id AS id, p.title AS title, p.body AS body,
                       coalesce((SELECT group_concat(t, char(10)) FROM
                                   (SELECT c.title || ' ' || c.body AS t FROM posts c
                                     WHERE c.parent = p.id ORDER BY c.id)), '') AS answers,
                       coalesce((SELECT group_concat(value, ' ') FROM json_each(p.tags)), '') AS tags
                  FROM posts p WHERE p.parent IS NULL;

            CREATE VIRTUAL TABLE posts_fts USING fts5(
                title, body, answers, tags,
                content = 'post_threads', content_rowid = 'id',
                tokenize = 'porter unicode61 remove_diacritics 2'
            );
            INSERT INTO posts_fts(posts_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.5, 2.0)');
            CREATE VIRTUAL TABLE posts_fts_vocab USING fts5vocab(posts_fts, 'row');

            CREATE TABLE feedback (
                task_uuid TEXT NOT NULL,
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                verdict TEXT NOT NULL CHECK (verdict IN ('helpful','hidden')),
                terms TEXT NOT NULL DEFAULT '',          -- the task's stems, space-separated
                created REAL NOT NULL,
                PRIMARY KEY (task_uuid, post_id)
            );
            CREATE INDEX feedback_post ON feedback(post_id);

            CREATE TABLE match_cache (
                task_uuid TEXT PRIMARY KEY,
                task_modified REAL NOT NULL,
                best_confidence REAL NOT NULL,
                strong_count INTEGER NOT NULL,
                computed_at REAL NOT NULL,
                top_post_ids TEXT NOT NULL               -- JSON array, best first
            );
            """)
    }

    /// `posts_df`: threads per stem, equal to `posts_fts_vocab`'s `doc` at all times (kept by
    /// `DocumentFrequencyChanges` in each write's transaction), read by the matcher in one lookup
    /// instead of a walk of the stem's whole doclist.
    static func documentFrequencies(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE posts_df (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO posts_df (term, doc) SELECT term, doc FROM posts_fts_vocab;
            """)
    }

    /// The index as the matcher reads it (v5): `posts_fts` keeps rowids only (`detail=none`) and a
    /// second, small index `posts_title` holds each thread's title alone.
    ///
    /// The matcher only ever asks "which threads hold this stem" and "which hold it in the title".
    /// With positions stored (`detail=full`), the second question was a column filter that read
    /// every position list of the stem's whole doclist, costing about as much as the first; now
    /// it reads a title doclist a tenth as long. Without positions the main index is ~4× smaller
    /// and cheaper to write, which pays for the title index (docs/DECISIONS.md, "Index layout").
    /// `posts_title` is contentless: its rows are removed with the title they were indexed with
    /// (`ThreadIndex.unindex`, before `posts` changes). `posts_df` is unchanged (same threads).
    static func indexLayout(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE posts_fts_vocab;
            DROP TABLE posts_fts;
            CREATE VIRTUAL TABLE posts_fts USING fts5(
                title, body, answers, tags,
                content = 'post_threads', content_rowid = 'id',
                tokenize = 'porter unicode61 remove_diacritics 2', detail = 'none'
            );
            CREATE VIRTUAL TABLE posts_fts_vocab USING fts5vocab(posts_fts, 'row');
            CREATE VIRTUAL TABLE posts_title USING fts5(
                title, content = '', tokenize = 'porter unicode61 remove_diacritics 2', detail = 'none'
            );
            """)
        // One pass over the store with a big buffer, then one segment each (a one-off cost).
        // (FTS5's own 'rebuild' cannot read the `post_threads` view: "SQL logic error".)
        try AppDatabase.setIndexBuffer(AppDatabase.bulkIndexBuffer, db)
        try db.execute(sql: """
            INSERT INTO posts_fts(rowid, title, body, answers, tags)
                SELECT id, title, body, answers, tags FROM post_threads;
            INSERT INTO posts_title(rowid, title) SELECT id, title FROM posts WHERE parent IS NULL;
            """)
        try ThreadIndex.compact(db)
        try AppDatabase.setIndexBuffer(AppDatabase.defaultIndexBuffer, db)
    }

    /// Makes feedback undoable through the generic journal (needs `v1-tasks`, which creates it).
    static func feedbackUndo(_ db: Database) throws {
        try UndoJournal.track("feedback", in: db)
    }
}
