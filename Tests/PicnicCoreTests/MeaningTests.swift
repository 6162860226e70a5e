import Foundation
import Testing
@testable import PicnicCore

/// The static word vectors and the features built on them and on people's signals.
@Suite struct MeaningTests {
    func cosine(_ a: String, _ b: String) throws -> Double {
        let i = WordVectors.index(of: a), j = WordVectors.index(of: b)
        try #require(i >= 0 && j >= 0, "\(a) or \(b) not in the table")
        let x = WordVectors.vector(i), y = WordVectors.vector(j)
        let dot = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
        let nx = x.reduce(0) { $0 + $1 * $1 }.squareRoot(), ny = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return dot / (nx * ny)
    }

    @Test func everyWordOfTheTableIsFoundByItsBytesAndOthersAreNot() {
        // Each slot's word is found at its own index (the generated slot table agrees with
        // `MatchFeatures.hash`); a word that shares a prefix or is absent is not.
        var found = 0
        for word in ["battery", "car", "visa", "salary", "doctor", "apartment", "internet", "flight"] {
            let i = WordVectors.index(of: word)
            #expect(i >= 0, "\(word)")
            if i >= 0 { found += 1 }
        }
        #expect(found == 8)
        for word in ["", "a", "the", "batteryx", "zzzqqq", "café", "Car", "2015", "batter y"] {
            #expect(WordVectors.index(of: word) == -1, "\(word)")
        }
        #expect(WordVectors.count > 20_000)
    }

    @Test func relatedWordsAreCloserThanUnrelatedOnes() throws {
        for (word, near, far) in [("car", "truck", "banana"), ("doctor", "nurse", "guitar"), ("rain", "weather", "piano")] {
            let a = try cosine(word, near), b = try cosine(word, far)
            #expect(a > b, "\(word): \(near) \(a), \(far) \(b)")
        }
    }

    @Test func aThreadInOtherWordsGetsMeaningAnUnrelatedOneDoesNot() {
        let stats = CorpusStats(threads: 100)
        let query = MatchQuery(task: WorkTask(title: "car won't start in the morning"))
        #expect(query.meaning.count == WordVectors.dims)
        #expect(abs(query.meaning.reduce(0) { $0 + $1 * $1 } - 1) < 1e-9)
        let now = Date()
        let near = MatchFeatures.compute(query: query, candidate: ThreadCandidate(post: Post(title: "Battery dead, engine cranks slowly")),
                                         stats: stats, now: now)
        let far = MatchFeatures.compute(query: query, candidate: ThreadCandidate(post: Post(title: "Best bakery for birthday cakes")),
                                        stats: stats, now: now)
        #expect(near.meaning > far.meaning, "\(near.meaning) vs \(far.meaning)")
        #expect(near.meaning <= 1 && far.meaning >= -1)
        // Nothing to compare: no words with vectors on either side.
        let empty = MatchFeatures.compute(query: MatchQuery(text: "zzqx"), candidate: ThreadCandidate(post: Post(title: "car")),
                                          stats: stats, now: now)
        #expect(empty.meaning == 0)
    }

    @Test func anAnswererAcceptedElsewhereOnTheTopicHasARecord() {
        let ann: UInt64 = 11, bob: UInt64 = 13, cid: UInt64 = 15
        let records = AnswererRecords.compute([
            (1, ann, true), (1, bob, false), (2, ann, true), (3, ann, false), (3, cid, false), (4, cid, false), (4, 0, true),
        ])
        // Ann's accepted answers in the other threads: her own thread's acceptance does not count;
        // an answer without an author counts for no one.
        #expect(records == [1: 1, 2: 1, 3: 2])
        #expect(AnswererRecords.compute([(1, ann, false), (2, bob, false)]).isEmpty)
    }

    @Test func atMostThreeThreadsAreStrongHoweverManyClearTheThreshold() {
        let stats = CorpusStats(threads: 1000, documentFrequency: ["flaki": 5, "runner": 5])
        let candidates = (1...8).map { ThreadCandidate(post: Post(id: Int64($0), title: "Flaky runner \($0)")) }
        var ranker = Ranker()
        ranker.strongThreshold = 0.01
        let ranked = ranker.rank(query: MatchQuery(text: "flaky runner"), candidates: candidates, stats: stats, limit: 8)
        #expect(ranked.count == 8)
        #expect(ranked.filter(\.strong).count == Ranker.maxStrong)
        #expect(ranked.prefix(Ranker.maxStrong).allSatisfy { $0.strong })
    }
}
