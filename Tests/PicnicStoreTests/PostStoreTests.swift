import Foundation
import GRDB
import Testing
import PicnicCore
@testable import PicnicStore

@Suite struct PostStoreTests {
    @Test func savesAThreadAndReadsItBack() throws {
        let db = try makeDatabase()
        let q = try db.savePost(Post(title: "  Flaky CI ", body: "why?", tags: ["ci", " arm64", "ci", ""], space: "ops"))
        #expect(q.id > 0)
        #expect(q.title == "Flaky CI")
        #expect(q.tags == ["ci", "arm64"])
        let a1 = try db.savePost(Post(kind: .answer, title: "", body: "pin the image", parent: q.id))
        // An answer to an answer joins the question's thread.
        let a2 = try db.savePost(Post(kind: .answer, title: "", body: "agreed", parent: a1.id))
        #expect(a2.parent == q.id)
        let thread = try #require(try db.thread(id: a1.id))
        #expect(thread.root.id == q.id)
        #expect(thread.answers.map(\.id) == [a1.id, a2.id])
        #expect(try db.postCount() == 3)
        #expect(try db.posts().map(\.id) == [q.id, a1.id, a2.id])
        #expect(try db.post(id: q.id) == q)
        try checkIndex(db)
    }

    @Test func rejectsMissingParentsAndUntitledQuestions() throws {
        let db = try makeDatabase()
        #expect(throws: PicnicError.self) { try db.savePost(Post(title: "", body: "x")) }
        #expect(throws: PicnicError.self) { try db.savePost(Post(kind: .answer, title: "", body: "x", parent: 99)) }
        #expect(try db.postCount() == 0)
    }

    @Test func editsAndDeletesKeepTheIndexInStep() throws {
        let db = try makeDatabase()
        var q = try db.savePost(Post(title: "Old title about bread", body: "flour"))
        let a = try db.savePost(Post(kind: .answer, title: "", body: "sourdough starter", parent: q.id))
        q.title = "New title about certificates"
        try db.savePost(q)
        #expect(try db.match(draft: "bread").isEmpty)
        let hits = try db.match(draft: "certificates").map(\.post.id)
        #expect(hits == [q.id])
        #expect(try db.match(draft: "sourdough").map(\.post.id) == [q.id])
        try db.deletePost(id: a.id)
        #expect(try db.match(draft: "sourdough").isEmpty)
        try checkIndex(db)
        try db.deletePost(id: q.id)
        #expect(try db.postCount() == 0)
        try checkIndex(db)
    }

    @Test func upsertBySourceIsIdempotent() throws {
        let db = try makeDatabase()
        let p = Post(title: "Imported", body: "v1", source: "se", sourceID: "42")
        let first = try db.upsertPost(bySource: p)
        #expect(first.inserted)
        var changed = p
        changed.body = "v2"
        let second = try db.upsertPost(bySource: changed)
        #expect(!second.inserted)
        #expect(second.post.id == first.post.id)
        #expect(try db.post(id: first.post.id)?.body == "v2")
        #expect(try db.postCount() == 1)
        try checkIndex(db)
    }

    @Test func bulkImportResolvesParentsBySourceAndReimportsCleanly() throws {
        let db = try makeDatabase()
        var items: [PostImport] = []
        for i in 0..<200 {
            items.append(PostImport(Post(title: "Question \(i) about topic\(i % 7)", body: "body \(i)",
                                         source: "se", sourceID: "q\(i)")))
            items.append(PostImport(Post(kind: .answer, title: "", body: "answer to \(i) mentions widget\(i)",
                                         source: "se", sourceID: "a\(i)"), parentSourceID: "q\(i)"))
        }
        let first = try db.importPosts(items)
        #expect(first.inserted == 400)
        #expect(first.updated == 0)
        let again = try db.importPosts(items)
        #expect(again.inserted == 0)
        #expect(again.updated == 400)
        #expect(again.ids == first.ids)
        #expect(try db.postCount() == 400)
        let thread = try #require(try db.thread(id: first.ids[1]))
        #expect(thread.root.id == first.ids[0])
        #expect(try db.match(draft: "widget17").first?.post.id == first.ids[34])
        try checkIndex(db)
    }

    @Test func bulkImportMixingNewAndExistingThreadsKeepsTheIndexExact() throws {
        let db = try makeDatabase()
        try db.importPosts([PostImport(Post(title: "First question", body: "alpha", tags: ["x", "y"], source: "s", sourceID: "q1"))])
        try db.importPosts([
            PostImport(Post(kind: .answer, title: "", body: "beta answer", source: "s", sourceID: "a1"), parentSourceID: "q1"),
            PostImport(Post(title: "Second question", body: "gamma", source: "s", sourceID: "q2")),
            PostImport(Post(kind: .answer, title: "", body: "delta", source: "s", sourceID: "a2"), parentSourceID: "q2"),
            PostImport(Post(title: "Second question, edited", body: "epsilon", source: "s", sourceID: "q2")),
            PostImport(Post(kind: .answer, title: "", body: "zeta", source: "s", sourceID: "a3"), parentSourceID: "q2"),
        ])
        try checkIndex(db)
        #expect(try db.match(draft: "epsilon zeta delta").first?.post.title == "Second question, edited")
        #expect(try db.match(draft: "gamma").isEmpty)
        #expect(try db.match(draft: "beta").first?.post.title == "First question")
    }

    @Test func bulkImportRollsBackOnAMissingParent() throws {
        let db = try makeDatabase()
        let items = [
            PostImport(Post(title: "ok", source: "x", sourceID: "1")),
            PostImport(Post(kind: .answer, title: "", body: "orphan", source: "x", sourceID: "2"), parentSourceID: "nope"),
        ]
        #expect(throws: PicnicError.self) { try db.importPosts(items) }
        #expect(try db.postCount() == 0)
    }

    /// Our stemmer must agree with SQLite's porter tokenizer, or document frequencies are wrong.
    @Test func stemmerAgreesWithFTS5Porter() throws {
        let db = try makeDatabase()
        var words = Set<String>()
        for t in Corpus.threads {
            for w in Tokenizer.words(t.title + " " + t.body + " " + t.answers.joined(separator: " ")) { words.insert(w) }
        }
        words.formUnion(["caresses", "ponies", "relational", "generalization", "hopping", "filing", "flaky",
                         "agreed", "controlling", "conditional", "happiness", "electricity", "running", "easily",
                         "café", "naïve", "straße", "x86", "arm64", "ies", "eed", "yyy"])
        let list = words.sorted()
        let stems = try db.pool.write { db -> [String] in
            try db.execute(sql: "CREATE VIRTUAL TABLE temp.w USING fts5(x, tokenize = 'porter unicode61 remove_diacritics 2')")
            try db.execute(sql: "CREATE VIRTUAL TABLE temp.wv USING fts5vocab(temp, w, 'instance')")
            for (i, word) in list.enumerated() {
                try db.execute(sql: "INSERT INTO w(rowid, x) VALUES (?, ?)", arguments: [i + 1, word])
            }
            return try String.fetchAll(db, sql: "SELECT term FROM wv ORDER BY doc")
        }
        #expect(stems.count == list.count)
        for (word, sqliteStem) in zip(list, stems) {
            #expect(PorterStemmer.stem(Tokenizer.words(word).joined()) == sqliteStem, "\(word)")
        }
    }

    @Test func statsComeFromTheIndexTotals() throws {
        let db = try makeDatabase()
        try Corpus.load(into: db)
        let stats = try db.pool.read { try ThreadIndex.stats($0) }
        #expect(stats.threads == Corpus.threads.count)
        #expect((stats.averageLength[.title] ?? 0) > 3)
        #expect((stats.averageLength[.answers] ?? 0) > 0)
    }
}
