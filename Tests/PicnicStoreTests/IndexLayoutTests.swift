import Foundation
import GRDB
import PicnicCore
@testable import PicnicStore
import Testing
import TestSupport

/// Migration `v5-index-layout`: `posts_fts` without positions, titles in `posts_title`.
@Suite struct IndexLayoutTests {
    /// A store as the fourth migration left it: posts written and indexed the way that version did.
    static func storeAtVersion4(_ label: String) throws -> String {
        let path = TestSupport.makeTempDirectory(label).appendingPathComponent("picnic.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v4-post-df")
        try queue.write { db in
            let base = 1_750_000_000.0
            for (i, t) in Corpus.threads.enumerated() {
                try db.execute(sql: "INSERT INTO posts (kind, title, body, tags, space, created) VALUES ('question', ?, ?, ?, ?, ?)",
                               arguments: [t.title, t.body, PostRow.encodeTags(t.tags), t.space, base + Double(i) * 3600])
                let root = db.lastInsertedRowID
                for a in t.answers {
                    try db.execute(sql: "INSERT INTO posts (kind, title, body, parent, created) VALUES ('answer', '', ?, ?, ?)",
                                   arguments: [a, root, base])
                }
            }
            try db.execute(sql: """
                INSERT INTO posts_fts(rowid, title, body, answers, tags) SELECT id, title, body, answers, tags FROM post_threads;
                DELETE FROM posts_df;
                INSERT INTO posts_df (term, doc) SELECT term, doc FROM posts_fts_vocab;
                """)
        }
        return path
    }

    @Test func theMigrationRebuildsBothIndexesFromTheStore() throws {
        let path = try Self.storeAtVersion4("layout-migration")
        let db = try AppDatabase(path: path)
        try checkIndex(db)
        try db.pool.read { db in
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'posts_fts'") ?? ""
            #expect(sql.contains("detail = 'none'"), "\(sql)")
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM posts_title") == Corpus.threads.count)
            // posts_df still equals FTS5's own counts.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT term, doc FROM posts_fts_vocab EXCEPT SELECT term, doc FROM posts_df)
                """) == 0)
        }
        let vacuum = try #require(try db.match(draft: "postgres vacuum slow").first)
        #expect(vacuum.post.title == "Postgres vacuum takes hours on a big table")
    }

    /// A big store is told before its index is rebuilt; a new or up-to-date one is not.
    @Test func aBigRebuildIsAnnouncedFirst() throws {
        let path = try Self.storeAtVersion4("layout-notice")
        let queue = try DatabaseQueue(path: path)
        let (low, real) = try queue.read { db in
            (try AppDatabase.slowMigration(AppDatabase.migrator, db, threshold: 1),
             try AppDatabase.slowMigration(AppDatabase.migrator, db))
        }
        #expect(low?.contains("rebuilding the search index of \(Corpus.threads.count) threads") == true, "\(low ?? "nil")")
        #expect(real == nil) // under the real threshold
        try queue.close()
        let fresh = try DatabaseQueue(path: TestSupport.makeTempDirectory("layout-fresh").appendingPathComponent("p.sqlite").path)
        let none = try fresh.read { db in try AppDatabase.slowMigration(AppDatabase.migrator, db, threshold: 0) }
        #expect(none == nil)
        var heard: [String] = []
        _ = try AppDatabase(path: path, notice: { heard.append($0) })
        #expect(heard.isEmpty) // 6 threads: below the threshold
        let db = try AppDatabase(path: path)
        let done = try db.pool.read { db in try AppDatabase.slowMigration(AppDatabase.migrator, db, threshold: 0) }
        #expect(done == nil)
    }

    @Test func titleHitsFollowEditsMovesAndDeletes() throws {
        let db = try makeDatabase("layout-titles")
        let roots = try Corpus.load(into: db)
        func titled(_ word: String) throws -> [Int64] {
            try db.pool.read { try Int64.fetchAll($0, sql: "SELECT rowid FROM posts_title WHERE posts_title MATCH ? ORDER BY rowid",
                                                   arguments: ["\"\(word)\""]) }
        }
        #expect(try titled("vacuum") == [roots[4]])
        // A new title replaces the old one's words.
        var post = try #require(try db.post(id: roots[4]))
        post.title = "Autovacuum never finishes"
        try db.savePost(post)
        #expect(try titled("vacuum").isEmpty)
        #expect(try titled("autovacuum") == [roots[4]])
        // An answer's title is not a thread title.
        try db.savePost(Post(kind: .answer, title: "vacuum full locks the table", body: "b", parent: roots[0]))
        #expect(try titled("vacuum").isEmpty)
        // A removed thread leaves the title index.
        _ = try db.deletePost(id: roots[4])
        #expect(try titled("autovacuum").isEmpty)
        try checkIndex(db)
    }

    /// The index check sees a title index that drifted from the titles, alone.
    @Test func theCheckNoticesAStaleTitleIndex() throws {
        let db = try makeDatabase("layout-stale")
        let roots = try Corpus.load(into: db)
        try checkIndex(db)
        try db.pool.write { db in
            try db.execute(sql: "INSERT INTO posts_title(posts_title, rowid, title) SELECT 'delete', id, title FROM posts WHERE id = ?",
                           arguments: [roots[1]])
        }
        #expect(throws: StaleIndex.self) { try checkIndex(db) }
    }
}
