import Foundation
import Testing
@testable import PicnicCore

/// The process-wide stem cache must give exactly the stemmer's output, however full it is and
/// whichever threads ask; the rerank's byte lookup of a stem must agree with the String index.
@Suite struct StemCacheTests {
    /// Words of every shape the stemmer cares about: suffixes, y, doubled letters, 1–2 bytes (not
    /// stemmed), over 64 bytes (not stemmed), digits, non-ASCII.
    static let words: [String] = {
        var words = ["caresses", "ponies", "ties", "happy", "sky", "hopping", "filing", "agreed", "relational",
                     "generalization", "electricity", "a", "ab", "x86", "über", "café", "東京", "ѐѐѐing", "running",
                     String(repeating: "ab", count: 32), String(repeating: "ab", count: 32) + "s",
                     String(repeating: "x", count: 63) + "ing", String(repeating: "y", count: 65)]
        let letters = Array("aeiouybcdlnrst")
        for a in letters { for b in letters { for c in letters.prefix(6) {
            for d in ["", "s", "y", "ed", "ing", "ies", "ly", "ational", "ness", "ement"] { words.append(String([a, b, c]) + d) }
        } } }
        return words
    }()

    @Test func stemsAreThoseOfThePorterStemmer() {
        let cache = StemCache()
        for round in 0..<2 { // misses, then hits
            for w in Self.words {
                #expect(cache.stem(Array(w.utf8)) == Array(PorterStemmer.stem(w).utf8), "\(w) round \(round)")
            }
        }
        #expect(cache.wordCount == Set(Self.words.filter { (3...64).contains($0.utf8.count) }).count)
    }

    @Test func aFullCacheStartsOverAndStaysRight() {
        let cache = StemCache(maxWords: 50)
        for w in Self.words + Self.words.reversed() {
            #expect(cache.stem(Array(w.utf8)) == Array(PorterStemmer.stem(w).utf8), "\(w)")
            #expect(cache.wordCount <= 50)
        }
    }

    @Test func threadsSharingACacheGetTheRightStems() {
        let cache = StemCache(maxWords: 300)
        let words = Self.words
        let wrong = ManagedCounter()
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for k in words.indices {
                let w = words[(k + t * 997) % words.count]
                if cache.stem(Array(w.utf8)) != Array(PorterStemmer.stem(w).utf8) { wrong.add() }
            }
        }
        #expect(wrong.value == 0)
    }

    @Test func termByStemBytesAgreesWithTheStringIndex() {
        // Duplicate stems (the last term of a stem wins in `index`), non-ASCII and one-letter stems.
        let query = MatchQuery(terms: ["run", "runner", "über", "東京", "run", "x", "cafe", "k", "\u{212A}"].enumerated().map {
            QueryTerm(word: $0.element, stem: $0.element, weight: Double(3 - $0.offset % 3), inTitle: $0.offset < 3)
        })
        let context = MatchContext(query: query, stats: CorpusStats(threads: 10))
        for stem in ["run", "runner", "über", "uber", "東京", "x", "cafe", "café", "k", "K", "\u{212A}", "ru", "runn", "zzz", "1", ""] {
            let bytes = Array(stem.utf8)
            let fast = bytes.withUnsafeBufferPointer { context.term(ofStem: $0) }
            #expect(fast == (context.index[stem] ?? -1), "\(stem)")
        }
    }
}

/// A counter threads may bump.
final class ManagedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.lock(); n += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return n }
}
