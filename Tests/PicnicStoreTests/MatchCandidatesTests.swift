import Foundation
import Testing
import PicnicCore
@testable import PicnicStore

/// Stage one: unranked doclists, summed weight × idf, the postings budget and its fallback.
@Suite struct MatchCandidatesTests {
    @Test func bestKeepsTheHighestScoresAndPrefersNewerOnTies() {
        let scores: [Int64: Double] = [1: 1, 2: 3, 3: 3, 4: 0.5, 5: 2, 6: 3]
        #expect(MatchCandidates.best(scores, 4) == [6, 3, 2, 5])
        #expect(MatchCandidates.best(scores, 10) == [6, 3, 2, 5, 1, 4])
        #expect(MatchCandidates.best([:], 3).isEmpty)
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
}
