import Foundation
import Testing
@testable import PicnicCore

/// `MatchContext.scan` hashes title and body words while reading them and skips the hash for
/// other words that cannot be terms: what it gathers must equal what the code before gathered.
@Suite struct ScanTests {
    @Test func hashedWordsAreTheWordsWithTheirHashes() {
        var rng: UInt64 = 77
        var texts = ["", "abc", "ABC def", "café CAFÉ", "x86 arm64", String(repeating: "runner ", count: 40)]
        for n in 0..<1_500 { texts.append(RerankEquivalenceTests.randomText(&rng, length: 1 + n % 50)) }
        for text in texts {
            for limit in [Int.max, 0, 3, 7, text.utf8.count / 2] {
                var plain: [[UInt8]] = []
                Tokenizer.forEachWordBuffer(text, limit: limit) { plain.append(Array($0)) }
                var hashed: [[UInt8]] = []
                Tokenizer.forEachHashedWord(text, limit: limit) { word, hash in
                    hashed.append(Array(word))
                    #expect(hash == MatchFeatures.hash(word), "\(text.debugDescription)")
                }
                #expect(hashed == plain, "\(text.debugDescription) limit \(limit)")
            }
        }
    }

    @Test func scanGathersWhatTheScanBeforeGathered() {
        var rng: UInt64 = 123
        let stats = RerankEquivalenceTests.stats
        var texts = ["Fix flaky CI runner on arm64", "the runner image is flaky flaky", "CI CI ci runners running",
                     "fixing the fix of fixes: arm64 runner image ci", String(repeating: "runner arm64 flaky ", count: 200)]
        for n in 0..<400 {
            texts.append(RerankEquivalenceTests.randomText(&rng, length: 1 + n % 60)
                         + [" flaky runner", " arm64 CI", " the fix", " image"][n % 4])
        }
        for query in RerankEquivalenceTests.queries {
            var fast = MatchContext(query: query, stats: stats)
            var slow = MatchContext(query: query, stats: stats)
            for (n, text) in texts.enumerated() {
                let shape = n % 3 != 2, title = n % 3 == 0
                let limit = n % 5 == 0 ? 40 : .max
                fast.beginCandidate()
                slow.beginCandidate()
                let a = fast.scan(text, limit: limit, shape: shape, title: title)
                let b = slow.referenceScan(text, limit: limit, shape: shape, title: title)
                #expect(a == b)
                #expect(fast.tf == slow.tf, "\(text.debugDescription)")
                #expect(fast.distinct.count == slow.distinct.count && fast.distinctHits == slow.distinctHits)
                #expect(fast.pairsFound == slow.pairsFound)
                #expect(fast.postWords == slow.postWords && fast.postHits == slow.postHits)
                for i in fast.tf.indices { fast.tf[i] = 0; slow.tf[i] = 0 }
            }
        }
    }
}

extension MatchContext {
    /// `scan` as it was: one closure for every field, each word hashed in a pass of its own.
    mutating func referenceScan(_ text: String, limit: Int = .max, shape: Bool, title: Bool) -> Int {
        var length = 0
        var previous = -1
        Tokenizer.forEachWordBuffer(text, limit: limit) { word in
            length += 1
            var i = -1
            let needHash = shape && word.count >= 3 && length <= 300
            let candidate = mayBeTerm(word)
            var h: UInt64 = 0
            if candidate || needHash { h = MatchFeatures.hash(word) }
            if candidate { i = termIndex(of: word, hash: h) }
            if i >= 0 { tf[i] += 1 }
            if title, !Stopwords.contains(word) {
                postWords += 1
                if i >= 0 { postHits += 1 }
            }
            guard shape else { return }
            if needHash, distinct.insert(h), i >= 0 { distinctHits += 1 }
            if i >= 0 {
                if previous >= 0, bigrams.contains(previous * 1000 + i) { pairsFound.insert(previous * 1000 + i) }
                previous = i
            } else if word.count > 3 {
                previous = -1
            }
        }
        return length
    }
}

/// Stems looked up by bytes give `index[stem]`, for plain and other stems, present or not.
@Suite struct StemTermsTests {
    @Test func byteLookupIsTheDictionaryLookup() {
        let stems = ["runner", "ci", "arm64", "café", "x", "runner", "東京", "a1b2", "fix", ""]
        let terms = stems.map { QueryTerm(word: $0, stem: $0, weight: 1, inTitle: false) }
        var index: [String: Int] = [:]
        for (i, t) in terms.enumerated() { index[t.stem] = i }
        let table = StemTerms(terms, index: index)
        var probes = stems + ["runne", "runners", "Runner", "cafe", "cafe\u{301}", "arm6", "arm644", "y", "0", "東", "fiz", "ci "]
        var rng: UInt64 = 9
        for _ in 0..<2_000 {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            var bytes: [UInt8] = []
            for k in 0..<Int(rng >> 61) {
                let shift = UInt64(8 * k + 3)
                bytes.append(0x61 + UInt8((rng >> shift) % 26))
            }
            probes.append(String(decoding: bytes, as: UTF8.self))
        }
        for probe in probes {
            let bytes = Array(probe.utf8)
            #expect(bytes.withUnsafeBufferPointer { table.term(ofStem: $0) } == (index[probe] ?? -1), "\(probe)")
        }
    }
}
