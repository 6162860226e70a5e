import Foundation
import Testing
@testable import PicnicCore

@Suite struct RankerTests {
    let stats = CorpusStats(threads: 1000, averageLength: [.title: 8, .body: 60, .answers: 120, .tags: 2],
                            documentFrequency: ["arm64": 3, "runner": 10, "flaki": 20, "ci": 80, "fix": 300])
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func candidate(_ id: Int64, _ title: String, body: String = "", tags: [String] = [], answers: String = "",
                   count: Int = 0) -> ThreadCandidate {
        ThreadCandidate(post: Post(id: id, title: title, body: body, tags: tags, created: now.addingTimeInterval(-86_400)),
                        answersText: answers, answerCount: count)
    }

    @Test func theObviousThreadComesFirstWithItsReason() {
        let task = WorkTask(title: "Fix flaky CI on arm64", tags: ["ci"])
        let ranked = Ranker().rank(query: MatchQuery(task: task), candidates: [
            candidate(1, "Baking bread at home", body: "flour water salt"),
            candidate(2, "Flaky arm64 runner in CI", body: "the job fails", tags: ["ci"], answers: "pin the image", count: 1),
            candidate(3, "CI is slow", body: "caching helps"),
        ], stats: stats, limit: 3, now: now)
        #expect(ranked.map(\.post.id) == [2, 3, 1])
        #expect(ranked[0].reason.hasPrefix("“arm64” “flaky” “ci” in title"))
        #expect(ranked[0].reason.contains("tag ci"))
        #expect(ranked[0].confidence > ranked[1].confidence)
        #expect(ranked[2].reason == "no terms in common")
        #expect(!ranked[2].strong)
        for m in ranked { #expect(m.confidence >= 0 && m.confidence <= 1) }
    }

    @Test func helpfulFeedbackLiftsAThread() {
        let q = MatchQuery(text: "flaky runner")
        var weak = candidate(1, "Runner notes")
        let strong = candidate(2, "Flaky runner fixed")
        weak.helpfulHere = true
        let ranked = Ranker().rank(query: q, candidates: [strong, weak], stats: stats, limit: 2, now: now)
        #expect(ranked.first?.post.id == 1)
        #expect(ranked.first?.reason.hasPrefix("you marked it helpful") == true)
    }
}
