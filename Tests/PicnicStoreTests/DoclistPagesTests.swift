import Foundation
import GRDB
import PicnicCore
@testable import PicnicStore
import Testing
import TestSupport

/// Stage one's page reader must return exactly what FTS5 returns for every stem of both indexes,
/// whatever shape the index is in: one segment or many, long doclists over many pages, rows
/// deleted and re-added in newer segments.
@Suite struct DoclistPagesTests {
    /// Compares the reader with FTS5 for every word of the store's text, as the matcher asks: the
    /// reader by the word's stem, FTS5 by the word (its tokenizer stems it; a stem is not always
    /// its own stem). Returns how many words the reader answered itself.
    @discardableResult
    static func compare(_ db: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try db.pool.read { db in
            var words = Set<String>()
            for text in try String.fetchAll(db, sql: "SELECT title || ' ' || body || ' ' || answers || ' ' || tags FROM post_threads") {
                words.formUnion(Tokenizer.words(text))
            }
            var answered = 0
            for table in ["posts_fts", "posts_title"] {
                let reader = try #require(try DoclistPages(table, db), sourceLocation: sourceLocation)
                for word in words.sorted() {
                    let stem = String(decoding: StemCache.shared.stem(Array(word.utf8)), as: UTF8.self)
                    var mine: [Int64] = []
                    let ok = try reader.forEachThread(holding: stem) { mine.append($0) }
                    let theirs = try Int64.fetchAll(db, sql: "SELECT rowid FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid",
                                                    arguments: [MatchQuery.ftsExpression([word])])
                    if ok {
                        answered += 1
                        #expect(mine == theirs, "\(table) \(word) (\(stem))", sourceLocation: sourceLocation)
                    }
                }
                var none: [Int64] = []
                _ = try reader.forEachThread(holding: "zzzqqqnotthere") { none.append($0) }
                #expect(none.isEmpty, sourceLocation: sourceLocation)
            }
            return answered
        }
    }

    static func segments(_ db: AppDatabase) throws -> Int {
        try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(DISTINCT segid) FROM posts_fts_idx") ?? 0 }
    }

    @Test func agreesWithFTS5OnSmallStoresWithManySegments() throws {
        let db = try makeDatabase("pages-small")
        let roots = try Corpus.load(into: db)
        #expect(try Self.compare(db) > 20)
        // Edits and deletes leave delete markers in newer segments.
        var post = try #require(try db.post(id: roots[1]))
        post.title = "Rotating certificates without restarts"
        try db.savePost(post)
        _ = try db.deletePost(id: roots[2])
        try db.savePost(Post(kind: .answer, title: "", body: "Renewal hooks reload the ingress", parent: roots[1]))
        #expect(try Self.segments(db) >= 1)
        #expect(try Self.compare(db) > 20)
    }

    @Test func agreesWithFTS5OnLongDoclistsAcrossPagesAndSegments() throws {
        let db = try makeDatabase("pages-big")
        // One word in every thread (a doclist over many pages), words in every 3rd, 7th, 50th,
        // and many distinct words (many leaf pages of terms).
        var posts: [Post] = []
        for i in 0..<6_000 {
            var words = ["common"]
            if i % 3 == 0 { words.append("third") }
            if i % 7 == 0 { words.append("seventh") }
            if i % 50 == 0 { words.append("fiftieth") }
            words.append("w\(i % 997)x")
            posts.append(Post(title: "thread \(i) " + words.prefix(2).joined(separator: " "), body: words.joined(separator: " ")))
        }
        let ids = try db.insertPosts(posts)
        #expect(try Self.segments(db) == 1)
        #expect(try Self.compare(db) > 1_000)
        // Changes after the import: new segments that delete and re-add rows of the big one.
        for k in stride(from: 0, to: 600, by: 37) {
            var p = try #require(try db.post(id: ids[k]))
            p.body = k % 2 == 0 ? "third seventh rewritten" : "common again"
            try db.savePost(p)
        }
        for k in stride(from: 5, to: 600, by: 41) { _ = try db.deletePost(id: ids[k]) }
        _ = try db.insertPosts((0..<300).map { Post(title: "late \($0) common", body: "fiftieth late") })
        #expect(try Self.segments(db) > 1)
        #expect(try Self.compare(db) > 1_000)
    }

    /// Inside a transaction that wrote posts, FTS5 still holds their postings in memory: the
    /// matcher must see them there (it asks FTS5), and the page reader stands aside.
    @Test func aWritingTransactionSeesItsOwnPosts() throws {
        let db = try makeDatabase("pages-write")
        try Corpus.load(into: db)
        try db.pool.write { db in
            try db.execute(sql: "INSERT INTO posts (kind, title, body, created) VALUES ('question', 'Quokka wrangling', 'zebra', 0)")
            let id = db.lastInsertedRowID
            try ThreadIndex.index(id, db)
            let writing = try DoclistPages("posts_fts", db)
            #expect(writing == nil)
            var options = MatchOptions(limit: 5)
            options.recordCache = false
            let (candidates, _) = try MatchCandidates.load(query: MatchQuery(text: "quokka zebra"), taskUUID: nil, options: options, db)
            #expect(candidates.first?.post.id == id)
        }
        let reading = try db.pool.read { db in try DoclistPages("posts_fts", db) }
        #expect(reading != nil)
    }
}
