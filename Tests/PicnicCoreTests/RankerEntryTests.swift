import Foundation
import Testing
@testable import PicnicCore

/// The entries `rank` returns are read from per-term field bits (`Ranker.entry`); they must be
/// what the public `match` gives from the filled `matched` sets, reason and terms included.
@Suite struct RankerEntryTests {
    @Test func entriesFromFieldBitsAreTheEntriesFromMatchedSets() {
        var rng: UInt64 = 17
        let candidates = RerankEquivalenceTests.candidates(&rng)
        let stats = RerankEquivalenceTests.stats
        let ranker = Ranker()
        var compared = 0
        for query in RerankEquivalenceTests.queries {
            let terms = EntryTerms(query: query, stats: stats)
            for c in candidates {
                let filled = MatchFeatures.compute(query: query, candidate: c, stats: stats, now: RerankEquivalenceTests.now)
                var bare = filled
                bare.matched = [:]
                #expect(ranker.entry(c, bare, terms) == ranker.match(c, filled, query: query, stats: stats),
                        "\(query.stems) \(c.post.id)")
                compared += 1
            }
        }
        #expect(compared > 200)
    }

    /// Field bits no scan makes (two terms of one stem both found, more than four terms in a
    /// field): the stem's last found term decides, as `fillMatched` decides.
    @Test func repeatedStemsTakeTheLastFoundTermsFields() {
        let query = MatchQuery(terms: [
            QueryTerm(word: "runner", stem: "runner", weight: 3, inTitle: true),
            QueryTerm(word: "ci", stem: "ci", weight: 2, inTitle: true),
            QueryTerm(word: "runners", stem: "runner", weight: 1, inTitle: false),
            QueryTerm(word: "arm", stem: "arm", weight: 1, inTitle: false),
            QueryTerm(word: "image", stem: "imag", weight: 1, inTitle: false),
            QueryTerm(word: "flaky", stem: "flaki", weight: 1, inTitle: false),
            QueryTerm(word: "fix", stem: "fix", weight: 1, inTitle: false),
            QueryTerm(word: "running", stem: "runner", weight: 1, inTitle: false),
        ])
        let stats = RerankEquivalenceTests.stats
        let terms = EntryTerms(query: query, stats: stats)
        let c = ThreadCandidate(post: Post(id: 9, title: "t", created: RerankEquivalenceTests.now), helpfulSimilar: 0.5)
        var rng: UInt64 = 3
        for _ in 0..<2_000 {
            var f = MatchFeatures()
            f.fieldBits = (0..<query.terms.count).map { _ in
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: rng >> 60) & 15
            }
            if rng >> 40 & 1 == 0 { f.matchedLabels = ["ci"] }
            var filled = f
            filled.fillMatched(query)
            #expect(Ranker().entry(c, f, terms) == Ranker().match(c, filled, query: query, stats: stats), "\(f.fieldBits)")
        }
    }
}
