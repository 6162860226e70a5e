import GRDB

/// The store's community side (migration `v8-community`): joined communities, what is known of
/// each synced post beyond the `posts` row, the outbox, and the local links of tasks to threads.
///
/// A synced post is an ordinary `posts` row (so matching, the index and `picnic posts` see it like
/// an imported one) with `source = 'community:ID'` and `source_id` its UUID; `community_posts`
/// holds the rest, keyed by the row's id. Four tables, one partial index, no trigger: every
/// process parses the whole schema when it opens the file (docs/DECISIONS.md, "Start-up"), so the
/// community side is kept small. Tokens are never here: they live in files of their own.
enum CommunitySchema {
    static func v8(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE communities (
                id INTEGER PRIMARY KEY,
                url TEXT NOT NULL,                       -- base URL, normalised
                name TEXT NOT NULL,                      -- as GET /v1/hello names it
                server TEXT NOT NULL DEFAULT '',         -- the server's version string
                user_name TEXT NOT NULL,
                display_name TEXT NOT NULL DEFAULT '',
                spaces TEXT NOT NULL DEFAULT '[]',       -- JSON: [{name,title,visibility,role,general}]
                token_id TEXT NOT NULL,                  -- names the token file, never the token
                ca_file TEXT,
                position INTEGER NOT NULL DEFAULT 0,     -- everything up to here is applied
                head INTEGER NOT NULL DEFAULT 0,         -- the server's head when last heard
                joined REAL NOT NULL,
                last_sync REAL,                          -- last pull that reached the head
                offline_since REAL,                      -- set while the server cannot be reached
                last_error TEXT,
                left REAL                                -- set by leave: read-only history
            );
            CREATE TABLE community_posts (
                post_id INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
                community INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
                version INTEGER NOT NULL DEFAULT 0,      -- 0 until the server has confirmed it
                position INTEGER NOT NULL DEFAULT 0,
                helped INTEGER NOT NULL DEFAULT 0,
                my_vote INTEGER NOT NULL DEFAULT 0,
                my_helped INTEGER NOT NULL DEFAULT 0,
                accepted_answer TEXT,                    -- on a question: the answer's UUID
                answers INTEGER NOT NULL DEFAULT 0,
                mine INTEGER NOT NULL DEFAULT 0,
                state TEXT NOT NULL DEFAULT 'synced',    -- synced, sending, refused
                edited REAL,
                file TEXT,                               -- JSON {sha256,name,size,mime}
                attention INTEGER NOT NULL DEFAULT 0     -- 1 an answer to me not yet seen, 2 I could answer it
            );
            CREATE INDEX community_posts_attention ON community_posts(attention) WHERE attention > 0;
            CREATE TABLE outbox (
                id INTEGER PRIMARY KEY,
                community INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
                op TEXT NOT NULL,                        -- post, delete, vote, helped, accept, file
                target TEXT NOT NULL,                    -- the post's UUID, or the file's SHA-256
                body TEXT NOT NULL DEFAULT '',           -- what to send (JSON), or the file's path
                created REAL NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt REAL NOT NULL DEFAULT 0,
                last_error TEXT,
                refused INTEGER NOT NULL DEFAULT 0,      -- 1 refused, 2 refused and told
                UNIQUE (community, op, target)
            );
            CREATE TABLE task_threads (
                task_uuid TEXT NOT NULL,
                relation TEXT NOT NULL,                  -- asked (the question asked from it), opened
                post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
                at REAL NOT NULL,
                PRIMARY KEY (task_uuid, relation, post_id)
            ) WITHOUT ROWID;
            """)
    }
}
