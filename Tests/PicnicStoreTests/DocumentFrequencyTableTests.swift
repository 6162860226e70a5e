import Foundation
import GRDB
import Testing
import PicnicCore
@testable import PicnicStore

/// `posts_df` must equal FTS5's own per-stem thread counts (`posts_fts_vocab`'s `doc`) after every
/// kind of write, whatever the text: it replaces them in the matcher.
@Suite struct DocumentFrequencyTableTests {
    /// Rows of one table missing or different in the other ("term doc"), both ways.
    func differences(_ db: AppDatabase) throws -> [String] {
        try db.pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT 'vocab ' || term || ' ' || doc FROM (SELECT term, doc FROM posts_fts_vocab EXCEPT SELECT term, doc FROM posts_df)
                UNION ALL
                SELECT 'table ' || term || ' ' || doc FROM (SELECT term, doc FROM posts_df EXCEPT SELECT term, doc FROM posts_fts_vocab)
                """)
        }
    }

    func expectSame(_ db: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try differences(db)
        #expect(d.isEmpty, "posts_df differs from posts_fts_vocab: \(d.prefix(12))", sourceLocation: sourceLocation)
    }

    func stemCount(_ db: AppDatabase) throws -> Int {
        try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posts_df") ?? 0 }
    }

    /// Text that tests the tokenizer's edges: ASCII punctuation, digits, long and short tokens,
    /// Porter suffixes, and non-ASCII letters, marks, ligatures, other scripts and emoji.
    static let awkward: [String] = [
        "don't can't C++ C# .NET v1.2.3 fe80::1 snake_case_name kebab-case a1b2c3 1990s 42",
        "Relational conditional generalization hopefulness formality electrical adjustment dependent",
        "caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated troubled sized hopping tanned falling hissing fizzed failing filing happy sky",
        String(repeating: "x", count: 64) + " " + String(repeating: "abc", count: 30) + "ing " + String(repeating: "q", count: 65),
        "Ünïcödé naïve café CAFÉ Straße İstanbul ﬁle ＡＢＣ ١٢٣ e\u{301}cole",
        "日本語のテキスト 中文 русский текст Ελληνικά עברית العربية 🎉 party 👩‍💻",
        "tabs\tand\nnewlines\r\nand\u{0}nul and \u{2028} separators",
        "   ",
        "",
    ]

    func post(_ i: Int, _ title: String, _ body: String, tags: [String] = [], parent: String? = nil) -> PostImport {
        PostImport(Post(kind: parent == nil ? .question : .answer, title: title, body: body, tags: tags, author: "t",
                        created: Date(timeIntervalSince1970: 1_750_000_000 + Double(i)),
                        source: "test", sourceID: "s\(i)"), parentSourceID: parent)
    }

    @Test func equalsTheVocabularyAfterImportsSavesEditsDeletesAndUndo() throws {
        let db = try makeDatabase("posts-df")
        let roots = try Corpus.load(into: db)
        try expectSame(db)
        #expect(try stemCount(db) > 50)

        // A bulk import: new threads (ASCII and not), answers, and an answer to a stored thread.
        var items: [PostImport] = []
        for (i, text) in Self.awkward.enumerated() {
            items.append(post(i * 10, "thread \(i) " + text, Self.awkward[(i + 3) % Self.awkward.count], tags: ["t\(i)", "ünï"]))
            items.append(post(i * 10 + 1, "", text + " answer", parent: "s\(i * 10)"))
            items.append(post(i * 10 + 2, "re", "more " + text, parent: "s\(i * 10)"))
        }
        var stored = Post(kind: .answer, title: "", body: "joins a stored thread: runner naïve", author: "t", parent: roots[0])
        stored.source = "test"
        stored.sourceID = "stored"
        items.append(PostImport(stored))
        try db.importPosts(items)
        try expectSame(db)

        // The same import again with some posts changed: updates in place, threads re-indexed.
        items[0].post.title = "renamed thread zebra"
        items[1].post.body = "answer now says quokka"
        items[4].post.body = "ASCII only now"
        try db.importPosts(items)
        try expectSame(db)

        // Single posts: a new thread, an answer, an edit, moving an answer, deleting answer and root.
        let root = try db.savePost(Post(title: "Flaky runner on arm64 café", body: "retries help", tags: ["ci"], author: "cy"))
        let answer = try db.savePost(Post(kind: .answer, title: "", body: "pin the image", author: "cy", parent: root.id))
        try expectSame(db)
        var edited = root
        edited.title = "Flaky runner on amd64"
        edited.tags = ["ci", "amd64"]
        _ = try db.savePost(edited)
        try expectSame(db)
        var moved = answer
        moved.parent = roots[1]
        _ = try db.savePost(moved)
        try expectSame(db)
        _ = try db.upsertPost(bySource: items[2].post)
        try db.deletePost(id: moved.id)
        try db.deletePost(id: root.id)
        try db.deletePost(id: roots[2])
        try expectSame(db)

        // Feedback and its undo leave the index, and the counts, alone.
        let task = WorkTask(title: "flaky runner")
        try db.setFeedback(task: task, postID: roots[0], verdict: .helpful)
        _ = try db.undo()
        try expectSame(db)

        // An import that removes what its source no longer has.
        _ = try db.importSource("test", Array(items.prefix(6)), removeMissing: true)
        try expectSame(db)

        // Deleting everything empties the table, as it empties the vocabulary.
        let all = try db.pool.read { try Int64.fetchAll($0, sql: "SELECT id FROM posts WHERE parent IS NULL") }
        for id in all { try db.deletePost(id: id) }
        #expect(try stemCount(db) == 0)
        try expectSame(db)
    }

    @Test func equalsTheVocabularyOverManyDistinctWords() throws {
        // Enough distinct words to make the word table grow several times, with Porter suffixes.
        let db = try makeDatabase("posts-df")
        var rng = Seeded(state: 42)
        let letters = Array("bcdfghklmnprstvwaeiouy")
        let suffixes = ["", "s", "ing", "ed", "ational", "ization", "ness", "ly", "ies", "eed", "ful", "ment"]
        func word() -> String {
            String((0..<Int.random(in: 2...9, using: &rng)).map { _ in letters.randomElement(using: &rng)! })
                + suffixes.randomElement(using: &rng)!
        }
        func batch(_ range: Range<Int>) -> [PostImport] {
            range.map { i in
                post(i, (0..<6).map { _ in word() }.joined(separator: " "), (0..<20).map { _ in word() }.joined(separator: " "))
            }
        }
        // Into an empty store: counted afresh from the vocabulary once written.
        try db.importPosts(batch(0..<3_000))
        #expect(try stemCount(db) > 20_000)
        try expectSame(db)
        // Smaller than the store: counted word by word as the threads are indexed.
        try db.importPosts(batch(3_000..<5_900))
        #expect(try stemCount(db) > 35_000)
        try expectSame(db)
    }

    @Test func aFailedImportLeavesTheCountsAsTheyWere() throws {
        let db = try makeDatabase("posts-df")
        try Corpus.load(into: db)
        let before = try db.pool.read { try Row.fetchAll($0, sql: "SELECT term, doc FROM posts_df ORDER BY term") }
        #expect(throws: PicnicError.self) {
            try db.importPosts([post(1, "zebra quokka naïve", "new words"), post(2, "", "orphan", parent: "missing")])
        }
        #expect(try db.pool.read { try Row.fetchAll($0, sql: "SELECT term, doc FROM posts_df ORDER BY term") } == before)
        try expectSame(db)
    }

    @Test func theMigrationFillsTheTableFromTheIndex() throws {
        let db = try makeDatabase("posts-df")
        try Corpus.load(into: db)
        let full = try stemCount(db)
        // A store from before the table: drop it and forget the migration, then open again.
        try db.pool.write { db in
            try db.execute(sql: "DROP TABLE posts_df; DELETE FROM grdb_migrations WHERE identifier = 'v4-post-df'")
        }
        let reopened = try AppDatabase(path: db.path)
        #expect(try stemCount(reopened) == full)
        try expectSame(reopened)
    }

    @Test func theMatcherReadsTheTable() throws {
        let db = try makeDatabase("posts-df")
        try Corpus.load(into: db)
        // A figure only the table holds shows up in the matcher's statistics.
        try db.pool.write { try $0.execute(sql: "UPDATE posts_df SET doc = 12345 WHERE term = 'arm64'") }
        var options = MatchOptions(limit: 5)
        options.recordCache = false
        let stats = try db.matchCandidates(query: MatchQuery(text: "arm64"), taskUUID: nil, options: options).stats
        #expect(stats.documentFrequency["arm64"] == 12345)
    }
}

/// A seeded generator (SplitMix64): the same words on every run.
struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
