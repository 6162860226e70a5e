import Foundation
import Testing
@testable import PicnicCore

/// The rerank's per-query context: its word table and prefix filter must never change a feature.
@Suite struct MatchContextTests {
    @Test func wordHashTableAgreesWithADictionary() {
        let table = WordHashTable(capacity: 16)
        var reference: [UInt64: Int] = [:]
        var rng = UInt64(0x9E3779B97F4A7C15)
        for round in 0..<3 {
            for step in 0..<5_000 {
                rng = rng &* 6364136223846793005 &+ 1442695040888963407
                // Few distinct keys (repeats), including 0 and 1, which share a slot by design.
                let key = step % 7 == 0 ? UInt64(step % 2) : rng >> 52
                if step % 3 == 0 {
                    #expect(table.set(key, step) == (reference[key == 0 ? 1 : key] == nil))
                    reference[key == 0 ? 1 : key] = step
                } else {
                    #expect(table.value(key) == reference[key == 0 ? 1 : key], "round \(round) step \(step)")
                }
            }
            #expect(table.count == reference.count)
            table.removeAll()
            reference.removeAll()
            #expect(table.isEmpty && table.value(12) == nil)
        }
        let set = WordHashTable()
        #expect(set.insert(42) && !set.insert(42) && set.insert(43) && set.count == 2)
    }

    /// The prefix filter relies on this: a Porter stem of two or more bytes starts with the word's
    /// first two bytes (but for "ays" → "ai": a final y after one vowel becomes i), a one-byte
    /// stem with its first byte.
    @Test func stemsKeepTheWordsFirstTwoBytes() {
        var words = ["caresses", "ponies", "ties", "ies", "happy", "toy", "sky", "hopping", "filing", "agreed",
                     "relational", "rational", "generalization", "electricity", "eed", "aed", "ied", "yyy",
                     "ying", "aing", "ating", "bled", "izzing", "easily", "x86", "über", "café", "ay", "a"]
        let letters = Array("aeiouybcdlnrst")
        for a in letters { for b in letters { for c in letters {
            words.append(String([a, b, c]))
            for d in ["s", "y", "ed", "ing", "ies", "ly"] { words.append(String([a, b, c]) + d) }
        } } }
        for word in words {
            let w = Array(word.utf8)
            let stem = Array(PorterStemmer.stem(word).utf8)
            #expect(!stem.isEmpty && stem[0] == w[0], "\(word)")
            if stem.count >= 2 {
                #expect(stem[1] == w[1] || stem[1] == 0x69 && w[1] == 0x79, "\(word) → \(String(decoding: stem, as: UTF8.self))")
            }
        }
    }

    @Test func thePrefixFilterPassesEveryWordOfAQueryTerm() {
        let query = MatchQuery(text: "happy ties toy i x86 hopping ays")
        var context = MatchContext(query: query, stats: CorpusStats(threads: 10))
        for word in ["happy", "happiness", "happier", "ties", "tie", "toy", "toys", "i", "ies", "x86", "hopping", "hop", "hops", "ays", "ai"] {
            let bytes = Array(word.utf8)
            let stemsToATerm = query.stems.contains(PorterStemmer.stem(word))
            if stemsToATerm { #expect(context.mayBeTerm(bytes), "\(word)") }
            #expect((context.termIndex(of: bytes, hash: MatchFeatures.hash(bytes)) >= 0) == stemsToATerm, "\(word)")
        }
        #expect(!context.mayBeTerm(Array("zebra".utf8)))
        #expect(!context.mayBeTerm(Array("hx".utf8)))
    }

    /// One context serves all the candidates of a query: features must equal those computed with
    /// a fresh context per candidate, whatever came before.
    @Test func aSharedContextGivesTheSameFeatures() {
        let stats = CorpusStats(threads: 1000, averageLength: [.title: 8, .body: 60, .answers: 120, .tags: 2],
                                documentFrequency: ["arm64": 3, "runner": 10, "flaki": 20, "ci": 80, "fix": 300])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let query = MatchQuery(task: WorkTask(title: "Fix flaky CI runner on arm64", notes: "the runner image", tags: ["ci"]))
        let candidates = [
            ("Flaky arm64 runner in CI", "the job fails on the runner", "pin the image; fixed flakiness", ["ci"]),
            ("Runner images", "arm64 images are flaky", "", []),
            ("Baking bread", "flour water salt", "knead it", ["food"]),
            ("CI fix", "fixing CI runners fixes flaky arm64 builds, fix fix", "runner runner", ["ci", "arm64"]),
        ].enumerated().map { i, c in
            ThreadCandidate(post: Post(id: Int64(i + 1), title: c.0, body: c.1, tags: c.3, created: now), answersText: c.2,
                            answerCount: c.2.isEmpty ? 0 : 1)
        }
        var shared = MatchContext(query: query, stats: stats)
        for c in candidates + candidates.reversed() {
            var a = MatchFeatures.compute(&shared, candidate: c, now: now)
            a.fillMatched(query)
            let b = MatchFeatures.compute(query: query, candidate: c, stats: stats, now: now)
            #expect(a.vector == b.vector, "\(c.post.title)")
            #expect(a.matched == b.matched)
        }
        var best = MatchFeatures.compute(&shared, candidate: candidates[0], now: now)
        best.fillMatched(query)
        #expect(best.matched["runner"] == [.title, .body])
        #expect(best.titleCover > 0.5 && best.answers > 0)
    }
}
