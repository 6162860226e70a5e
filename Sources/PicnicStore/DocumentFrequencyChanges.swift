import Foundation
import GRDB
import PicnicCore

/// Changes to `posts_df` (threads per stem, always equal to `posts_fts_vocab`'s `doc`), gathered
/// while threads are indexed and unindexed and written by `apply` in the same transaction.
///
/// Counting a stem in `posts_fts_vocab` walks its whole doclist (milliseconds for a common stem at
/// 100k threads, tens at 1M), and a one-shot `picnic match` would pay it on every run; `posts_df`
/// answers in one b-tree lookup. Its figures must be FTS5's exactly, so the terms of a document
/// are FTS5's: ASCII-only text is split here as `unicode61` splits ASCII (runs of letters and
/// digits, lowercased) and stemmed by `PorterStemmer` (FTS5's `porter` byte for byte, checked
/// against SQLite by its tests); any other text goes through a scratch FTS5 table in `temp` with
/// the index's own tokenizer, so no Unicode rule is second-guessed.
final class DocumentFrequencyChanges {
    private var counts = StemCounts()
    /// Documents put in the scratch tables since the last `apply`.
    private var scratchRows: Int64 = 0
    /// Scratch inserts (made once the scratch tables exist).
    private var scratchInsert: [RawStatement] = []
    /// `apply` counts every stem afresh from `posts_fts_vocab` (the documents are not read).
    private(set) var recountsAll = false

    /// Makes `apply` count every stem afresh from FTS5's vocabulary, one walk of the whole index,
    /// instead of counting each document added or removed: cheaper for a batch as big as the store.
    func recountAll() { recountsAll = true }

    /// Counts the document's stems once, `sign` +1 when it is indexed, −1 when unindexed.
    func add(_ d: ThreadIndex.Document, sign: Int, _ db: Database) throws {
        if recountsAll { return }
        counts.begin()
        var ascii = scan(d.title) && scan(d.body)
        for a in d.answers where ascii { ascii = scan(a) }
        for t in d.tags where ascii { ascii = scan(t) }
        if ascii {
            counts.end(sign)
        } else {
            let insert = try scratch(sign, db)
            insert.bind(1, scratchRows)
            insert.bind(from: 2, d)
            try insert.execute()
        }
    }

    /// Counts the thread `root` as `post_threads` gives it now (nothing when it is not a root).
    /// The text is read as bytes, whole (a NUL inside is FTS5's separator, as here).
    func add(thread root: Int64, sign: Int, _ db: Database) throws {
        if recountsAll { return }
        let rows = StatementRows(try db.cachedStatement(sql: "SELECT title, body, answers, tags FROM post_threads WHERE id = ?"))
        rows.bind(1, root)
        guard try rows.step() else { return }
        counts.begin()
        var ascii = true
        for c: Int32 in 0..<4 where ascii { ascii = rows.withText(c) { counts.scan($0) } }
        rows.reset()
        if ascii {
            counts.end(sign)
        } else {
            _ = try scratch(sign, db)
            try db.execute(sql: """
                INSERT INTO temp.\(sign > 0 ? "posts_df_plus" : "posts_df_minus")(rowid, title, body, answers, tags)
                SELECT ?, title, body, answers, tags FROM post_threads WHERE id = ?
                """, arguments: [scratchRows, root])
        }
    }

    private func scan(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { counts.scan($0) }
    }

    /// Writes the gathered changes to `posts_df` and starts over.
    func apply(_ db: Database) throws {
        if recountsAll {
            try db.execute(sql: """
                DELETE FROM posts_df;
                INSERT INTO posts_df (term, doc) SELECT term, doc FROM posts_fts_vocab;
                """)
            return
        }
        if scratchRows > 0 {
            for (table, sign) in [("posts_df_plus", 1), ("posts_df_minus", -1)] {
                let rows = try Row.fetchCursor(db, sql: "SELECT term, doc FROM temp.\(table)_vocab")
                while let row = try rows.next() {
                    let n: Int = row[1]
                    counts.add(stem: row[0], sign * n)
                }
                try db.execute(sql: "INSERT INTO temp.\(table)(\(table)) VALUES ('delete-all')")
            }
            scratchRows = 0
        }
        var raise: RawStatement?, lower: RawStatement?, drop: RawStatement?
        try counts.drain { stem, n in
            if n > 0 {
                if raise == nil {
                    raise = try RawStatement(db, """
                        INSERT INTO posts_df(term, doc) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET doc = doc + excluded.doc
                        """)
                }
                raise!.bind(1, stem)
                raise!.bind(2, Int64(n))
                try raise!.execute()
            } else {
                if lower == nil {
                    lower = try RawStatement(db, "UPDATE posts_df SET doc = doc + ? WHERE term = ?")
                    // A stem no thread holds any more leaves the vocabulary, as it leaves FTS5's.
                    drop = try RawStatement(db, "DELETE FROM posts_df WHERE term = ? AND doc <= 0")
                }
                lower!.bind(1, Int64(n))
                lower!.bind(2, stem)
                try lower!.execute()
                drop!.bind(1, stem)
                try drop!.execute()
            }
        }
    }

    /// Makes room for a document in FTS5's own tokenizer: a contentless, position-free table per
    /// sign, whose vocabulary `apply` reads. Returns the insert for the table of `sign`, the
    /// document's rowid being `scratchRows`.
    private func scratch(_ sign: Int, _ db: Database) throws -> RawStatement {
        if scratchInsert.isEmpty {
            for t in ["posts_df_plus", "posts_df_minus"] {
                try db.execute(sql: """
                    CREATE VIRTUAL TABLE IF NOT EXISTS temp.\(t) USING fts5(title, body, answers, tags,
                        content = '', detail = none, tokenize = 'porter unicode61 remove_diacritics 2');
                    CREATE VIRTUAL TABLE IF NOT EXISTS temp.\(t)_vocab USING fts5vocab(temp, \(t), 'row');
                    """)
                scratchInsert.append(try RawStatement(db, "INSERT INTO temp.\(t)(rowid, title, body, answers, tags) VALUES (?, ?, ?, ?, ?)"))
            }
        }
        scratchRows += 1
        return scratchInsert[sign > 0 ? 0 : 1]
    }
}
