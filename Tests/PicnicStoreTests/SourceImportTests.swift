import Foundation
import GRDB
import Testing
import PicnicCore
@testable import PicnicStore

/// The bulk path of `importSource`: chunked writes, threads indexed from memory once complete,
/// a bigger FTS5 buffer for the length of the import.
@Suite struct SourceImportTests {
    /// `threads` questions with two answers each, in import order; words vary per thread.
    static func dump(threads: Int, bodyPrefix: String = "") -> [PostImport] {
        var items: [PostImport] = []
        for t in 0..<threads {
            items.append(PostImport(Post(title: "How to fix topic\(t) on host\(t % 13)", body: bodyPrefix + "question body word\(t % 101)",
                                         tags: ["tag\(t % 5)", "ops"], source: "se", sourceID: "q\(t)")))
            for k in 0..<2 {
                items.append(PostImport(Post(kind: .answer, title: "How to fix topic\(t) on host\(t % 13)",
                                             body: "answer \(k) says restart\(t % 17)", tags: ["tag\(t % 5)", "ops"],
                                             source: "se", sourceID: "a\(t)-\(k)"), parentSourceID: "q\(t)"))
            }
        }
        return items
    }

    static func hashsize(_ db: AppDatabase) throws -> Int? {
        try db.pool.read { try Int.fetchOne($0, sql: "SELECT v FROM posts_fts_config WHERE k = 'hashsize'") }
    }

    @Test func aBigImportAcrossChunksIndexesEveryThreadExactly() throws {
        let db = try makeDatabase("bulk")
        // 2,100 threads = 6,300 posts: the 5,000-post chunk boundary falls inside a thread.
        let items = Self.dump(threads: 2100)
        let first = try db.importSource("se", items, removeMissing: false)
        #expect(first.added == 6300)
        #expect(first.ids.count == 6300)
        #expect(try db.postCount() == 6300)
        try checkIndex(db)
        // The import's FTS5 buffer size is put back.
        #expect(try Self.hashsize(db) ?? 1 << 20 == 1 << 20)
        let straddling = try #require(first.ids["q1666"])
        #expect(try db.thread(id: straddling)?.answers.count == 2)
        #expect(try db.match(draft: "topic1666").first?.post.id == straddling)

        // Nothing changed: nothing written.
        let again = try db.importSource("se", items, removeMissing: false)
        #expect(again.added == 0 && again.updated == 0 && again.skipped == 6300)
        #expect(again.ids == first.ids)

        // Changed posts in both chunks, a new answer to an old thread, a new thread.
        var changed = items
        changed[0].post.body = "question body rewritten zanzibar"
        changed[5001].post.body = "answer edited quixotic"
        changed.append(PostImport(Post(kind: .answer, title: "", body: "late answer xylophone", source: "se", sourceID: "late"),
                                  parentSourceID: "q3"))
        changed.append(PostImport(Post(title: "A brand new thread", body: "walrus", source: "se", sourceID: "new")))
        let third = try db.importSource("se", changed, removeMissing: false)
        #expect(third.added == 2)
        #expect(third.updated == 2)
        #expect(third.skipped == 6300 - 2)
        #expect(try db.postCount() == 6302)
        try checkIndex(db)
        #expect(try db.match(draft: "zanzibar").first?.post.id == first.ids["q0"])
        #expect(try db.match(draft: "xylophone").first?.post.id == first.ids["q3"])
        #expect(try db.match(draft: "walrus").first?.post.title == "A brand new thread")
    }

    @Test func aBadPostLateInABigImportLeavesNothing() throws {
        let db = try makeDatabase("bulk-rollback")
        var items = Self.dump(threads: 1000)
        items.append(PostImport(Post(kind: .answer, title: "", body: "orphan", source: "se", sourceID: "orphan"),
                                parentSourceID: "missing"))
        let buffer = try Self.hashsize(db)
        #expect(throws: PicnicError.self) { try db.importSource("se", items, removeMissing: false) }
        #expect(try db.postCount() == 0)
        #expect(try Self.hashsize(db) == buffer)
        #expect(try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posts_fts") } == 0)
    }

    /// The bulk writer leaves the `kind IN (…)` CHECK to Swift: it must hold for every kind, and
    /// SQLite must check it again once the import is over, whether it succeeded or not.
    @Test func checkConstraintsAreSkippedOnlyWhileImporting() throws {
        let db = try makeDatabase("bulk-checks")
        let items = PostKind.allCases.map { PostImport(Post(kind: $0, title: "a \($0.rawValue)", source: "k", sourceID: $0.rawValue)) }
        #expect(try db.importSource("k", items, removeMissing: false).added == PostKind.allCases.count)
        #expect(throws: PicnicError.self) {
            try db.importSource("k", [PostImport(Post(title: "x", source: "k", sourceID: "x")),
                                      PostImport(Post(title: "", source: "k", sourceID: "y"))], removeMissing: false)
        }
        for _ in 0..<2 {
            #expect(try db.pool.read { try Int.fetchOne($0, sql: "PRAGMA ignore_check_constraints") } == 0)
            #expect(throws: DatabaseError.self) {
                try db.pool.write { try $0.execute(sql: "INSERT INTO posts (kind, title, created) VALUES ('poll', 'p', 0)") }
            }
            try db.importPosts([PostImport(Post(title: "again", source: "k2", sourceID: "1"))])
        }
    }

    @Test func storedTagsReadBackAsWritten() {
        for tags in [[], ["a"], ["a", "b c"], ["", "x"], ["café", "日本"], ["q\"uote", "back\\slash", "sl/ash"], ["\",\""], ["a\nb"]] {
            let text = PostRow.encodeTags(tags)
            #expect(PostRow.decodeTags(text) == tags, "\(tags)")
            #expect(PostRow.decodeTags(text) == ((try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []))
        }
        // Text no encoder wrote still decodes as JSON.
        #expect(PostRow.decodeTags("[\"a\", \"b\"]") == ["a", "b"])
    }
}
