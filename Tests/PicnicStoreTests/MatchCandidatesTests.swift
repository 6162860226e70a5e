import Foundation
import Testing
import GRDB
import GRDBSQLite
import PicnicCore
@testable import PicnicStore

/// Stage one: unranked doclists, summed weight × idf, the postings budget and its fallback.
@Suite struct MatchCandidatesTests {
    static func table(_ d: [Int64: Double]) -> ThreadScores {
        let t = ThreadScores(expected: 1)
        for (id, v) in d { t.add(id, v) }
        return t
    }

    @Test func bestKeepsTheHighestScoresAndPrefersNewerOnTies() {
        let scores = Self.table([1: 1, 2: 3, 3: 3, 4: 0.5, 5: 2, 6: 3])
        #expect(MatchCandidates.best(scores, 4) == [6, 3, 2, 5])
        #expect(MatchCandidates.best(scores, 10) == [6, 3, 2, 5, 1, 4])
        #expect(MatchCandidates.best(Self.table([:]), 3).isEmpty)
    }

    /// The score table sums exactly as a dictionary does, through growth, with any id.
    @Test func theScoreTableAgreesWithADictionary() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let table = ThreadScores(expected: round)
            var reference: [Int64: Double] = [:]
            let spread = Int64(1 + round * 300)
            for _ in 0..<(round * 500) {
                // Ids near 0 and negative ones too: nothing is reserved as "empty".
                let id = Int64.random(in: -5...spread, using: &rng) * (round % 3 == 0 ? 1 : 1_000_003)
                let gain = Double.random(in: 0...10, using: &rng)
                table.add(id, gain)
                reference[id, default: 0] += gain
            }
            #expect(table.count == reference.count)
            var seen: [Int64: Double] = [:]
            table.forEach { id, score in seen[id] = score }
            #expect(seen == reference)
            for (id, score) in reference { #expect(table.score(id) == score) }
            #expect(table.score(spread * 2_000_000 + 7) == nil)
        }
    }

    func search(_ db: AppDatabase, _ text: String) throws -> [Int64] {
        var options = MatchOptions(limit: 10)
        options.recordCache = false
        let (candidates, _) = try db.matchCandidates(query: MatchQuery(text: text), taskUUID: nil, options: options)
        return candidates.map(\.post.id)
    }

    @Test func rareTermsInTitlesComeFirstAndCommonOnesStayWithinTheBudget() throws {
        let db = try makeDatabase("candidates")
        let budget = MatchCandidates.postingsBudget
        // A term in more threads than the budget allows, a rarer one, and the rarest.
        var posts: [Post] = []
        for i in 0..<(budget + 50) {
            posts.append(Post(title: "common thread \(i)", body: i % 100 == 0 ? "mentions zephyr in passing" : "filler text"))
        }
        posts.append(Post(title: "zephyr quokka wiring", body: "common body"))   // both rare terms, in the title
        posts.append(Post(title: "a note", body: "zephyr quokka in the body"))    // both, in the body
        posts.append(Post(title: "quokka care", body: "nothing else"))           // one rare term
        let ids = try db.insertPosts(posts)
        let titled = ids[budget + 50], bodied = ids[budget + 51], single = ids[budget + 52]

        // A title hit counts `titleBonus` times more: the rare term in a title beats both in a body.
        let found = try search(db, "quokka zephyr common")
        #expect(Array(found.prefix(3)) == [titled, single, bodied])
        // Every thread holding a rare term (31 + the 3 above), none holding only the common one.
        #expect(found.count == 34)

        // Only the common term: too many postings to read, so the newest threads holding it.
        let newest = try search(db, "common")
        #expect(newest.first == titled)
        #expect(newest.count == MatchCandidates.candidateCount)
        #expect(newest == newest.sorted(by: >))
    }

    @Test func candidatesDecodeEveryFieldAsTheStoreDoes() throws {
        let db = try makeDatabase("candidates")
        let root = try db.savePost(Post(kind: .tip, title: "Quokka \"quoted\" wiring naïve", body: "body with\ttab",
                                        tags: ["a,b", "c\"d", "ünï"], author: "ana", space: "ops",
                                        created: Date(timeIntervalSince1970: 1_750_000_123.25), votes: -3, accepted: true,
                                        url: "https://example.org/q", source: "se", sourceID: "q1"))
        let plain = try db.savePost(Post(title: "quokka plain", body: ""))
        try db.savePost(Post(kind: .answer, title: "", body: "first answer", author: "bo", parent: root.id))
        try db.savePost(Post(kind: .answer, title: "Titled", body: "second", accepted: true, parent: root.id))
        let candidates = try MatchCandidatesTests.readCandidates(db, [plain.id, root.id, 999_999])
        #expect(candidates.map(\.post.id) == [plain.id, root.id])
        for c in candidates { #expect(c.post == (try db.post(id: c.post.id))) }
        #expect(candidates[1].answersText == "first answer\nTitled second")
        #expect(candidates[1].answerCount == 2)
        #expect(candidates[1].hasAccepted)
        #expect(candidates[0].answersText == "" && candidates[0].answerCount == 0 && !candidates[0].hasAccepted)
        // A long list of ids is written inline rather than bound: same result.
        let many = [plain.id, root.id] + (1_000_000..<1_000_300).map { Int64($0) }
        #expect(try MatchCandidatesTests.readCandidates(db, many).map(\.post) == candidates.map(\.post))
    }

    static func readCandidates(_ db: AppDatabase, _ ids: [Int64]) throws -> [ThreadCandidate] {
        var options = MatchOptions(limit: 10)
        options.within = ids
        options.recordCache = false
        return try db.matchCandidates(query: MatchQuery(text: "quokka"), taskUUID: nil, options: options).candidates
    }

    @Test func matchingAgainReusesTheCompiledStatements() throws {
        let db = try makeDatabase("candidates")
        try Corpus.load(into: db)
        _ = try db.match(draft: "flaky arm64 runner")
        let before = try reprepares(db)
        _ = try db.match(draft: "flaky arm64 runner")
        _ = try db.match(draft: "tls certificates on staging")
        #expect(try reprepares(db) == before)
    }

    @Test func theMatcherReadsThroughAMemoryMap() throws {
        let db = try makeDatabase("candidates")
        try Corpus.load(into: db)
        _ = try db.match(draft: "flaky arm64 runner")
        #expect(try db.matchRead { try Int.fetchOne($0, sql: "PRAGMA mmap_size") } == AppDatabase.matchMapBytes)
    }

    /// How often the doclist statement was compiled again (SQLite expires every statement of a
    /// connection at a flag pragma such as `query_only`).
    func reprepares(_ db: AppDatabase) throws -> Int32 {
        try db.matchRead { db in
            sqlite3_stmt_status(try db.cachedStatement(sql: "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?").sqliteStatement,
                                SQLITE_STMTSTATUS_REPREPARE, 0)
        }
    }
}
