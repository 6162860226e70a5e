import Foundation
import Testing
import PicnicCore
@testable import PicnicStore

/// The matcher's cached document frequencies must follow every change to the index.
@Suite struct DocumentFrequencyCacheTests {
    func df(_ db: AppDatabase, _ word: String) throws -> Int {
        let query = MatchQuery(text: word)
        var options = MatchOptions(limit: 5)
        options.recordCache = false
        let stem = try #require(query.stems.first)
        return try db.matchCandidates(query: query, taskUUID: nil, options: options).stats.documentFrequency[stem] ?? -1
    }

    func vocabDF(_ db: AppDatabase, _ stem: String) throws -> Int {
        try db.pool.read { try Int.fetchOne($0, sql: "SELECT doc FROM posts_fts_vocab WHERE term = ?", arguments: [stem]) ?? 0 }
    }

    @Test func followsSavesEditsAndDeletesInThisProcess() throws {
        let db = try makeDatabase("dfcache")
        try Corpus.load(into: db)
        let before = try df(db, "arm64")
        #expect(before == (try vocabDF(db, "arm64")))
        #expect(before > 0)
        let added = try db.savePost(Post(title: "arm64 builds", body: "x", author: "cy"))
        #expect(try df(db, "arm64") == before + 1)
        // An edit that keeps every length: only the word changes.
        var edited = added
        edited.title = "amd64 builds"
        _ = try db.savePost(edited)
        #expect(try df(db, "arm64") == before)
        #expect(try df(db, "amd64") == (try vocabDF(db, "amd64")))
        _ = try db.deletePost(id: added.id)
        #expect(try df(db, "amd64") == 0)
    }

    @Test func followsWritesFromAnotherConnection() throws {
        let db = try makeDatabase("dfcache")
        try Corpus.load(into: db)
        let before = try df(db, "runner")
        let other = try AppDatabase(path: db.path)
        _ = try other.savePost(Post(title: "runner offline", body: "the runner went away", author: "cy"))
        #expect(try df(db, "runner") == before + 1)
    }
}
