import Foundation
import Testing
@testable import PicnicCore

/// The rerank's fast paths (words read in place, stopwords by bytes, the score without a vector,
/// the reason from field bits, features for the returned threads only) must give exactly what the
/// straightforward code gave: each is checked here against a copy of the code it replaced.
@Suite struct RerankEquivalenceTests {
    /// Text that exercises every branch of the tokenizer: ASCII words ending at punctuation, space,
    /// upper case or the end; accents (composed and combining), other scripts, symbols, emoji.
    static func randomText(_ rng: inout UInt64, length: Int) -> String {
        let pieces: [String] = ["a", "b", "z", "0", "9", "ab", "run", "running", "x86", "A", "Z", "CI", "Fix", "mIxEd",
                                " ", "  ", "\n", "\t", ".", ",", "-", "_", "/", "\"", "(", ")", "*", "^", ":",
                                "é", "É", "e\u{301}", "\u{301}", "ß", "ü", "Ω", "ж", "Ж", "東京", "٣", "½", "ǅ",
                                "\u{200B}", "😀", "🇫🇷", "\u{E000}", "ﬁ", "İ", "Å", "\u{0663}", "@", "~"]
        var s = ""
        for _ in 0..<length {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            s += pieces[Int(rng >> 33) % pieces.count]
        }
        return s
    }

    @Test func wordsReadInPlaceAreTheWordsFoldedByteByByte() {
        var rng: UInt64 = 42
        var texts = ["", " ", "abc", "ABC", "abc def", "abcDef", "abc-", "-abc", "café", "cafe\u{301}s", "a\u{301}", "東京 2024",
                     "Fix flaky CI on arm64 (again)!", String(repeating: "word ", count: 50)]
        for n in 0..<2_000 { texts.append(Self.randomText(&rng, length: 1 + n % 40)) }
        for text in texts {
            for limit in [Int.max, 0, 1, 2, 3, 5, 8, 13, text.utf8.count / 2, text.utf8.count - 1] where limit >= 0 {
                var fast: [[UInt8]] = []
                Tokenizer.forEachWordBuffer(text, limit: limit) { fast.append(Array($0)) }
                let slow = ReferenceTokenizer.words(text, limit: limit)
                #expect(fast == slow, "\(text.debugDescription) limit \(limit)")
                var viaArrays: [[UInt8]] = []
                Tokenizer.forEachWord(text, limit: limit) { viaArrays.append($0) }
                #expect(viaArrays == slow)
            }
        }
    }

    @Test func stopwordsByBytesAgreeWithStopwordsByString() {
        var words = Array(Stopwords.set)
        for w in Stopwords.set {
            words.append(String(w.dropLast()))
            words.append(w + "s")
            words.append("x" + w)
        }
        words += ["0", "7", "a", "b", "z", "é", "ab", "x86", "12", "themselvesx", "yourselve", "ourselvez", "ÿou", "東"]
        for c in UInt8(0x21)...UInt8(0x7E) { words.append(String(UnicodeScalar(c))) }
        for w in words where !w.isEmpty {
            let bytes = Array(w.utf8)
            let byBytes = bytes.withUnsafeBufferPointer { Stopwords.contains($0) }
            #expect(byBytes == Stopwords.contains(w), "\(w)")
        }
    }

    @Test func theScoreWithoutAVectorIsTheScoreOfTheVector() {
        var rng: UInt64 = 7
        func next() -> Double {
            rng = rng &* 6364136223846793005 &+ 1442695040888963407
            return Double(rng >> 11) / Double(1 << 53) * 3 - 1
        }
        let fitted = RankerWeights(bias: next(), weights: RankerWeights.names.map { _ in next() })
        for weights in [RankerWeights.standard, fitted] {
            for _ in 0..<500 {
                var f = MatchFeatures()
                f.title = next(); f.body = next(); f.answers = next(); f.tags = next()
                f.titleCover = next(); f.postTitleCover = next(); f.cover = next(); f.postCover = next()
                f.phrase = next(); f.labelMatch = next(); f.answered = next(); f.accepted = next()
                f.votes = next(); f.recency = next(); f.helpfulHere = next(); f.helpfulSimilar = next()
                #expect(weights.score(f).bitPattern == weights.score(f.vector).bitPattern)
            }
        }
    }

    static let stats = CorpusStats(threads: 1000, averageLength: [.title: 8, .body: 60, .answers: 120, .tags: 2],
                                   documentFrequency: ["arm64": 3, "runner": 10, "flaki": 20, "ci": 80, "fix": 300, "imag": 40])
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func candidates(_ rng: inout UInt64) -> [ThreadCandidate] {
        var out: [ThreadCandidate] = [
            ThreadCandidate(post: Post(id: 1, title: "Flaky arm64 runner in CI", body: "the job fails on the runner",
                                       tags: ["ci", "Arm64 Runners"], space: "devops", created: now), answersText: "pin the image; fixed flakiness",
                            answerCount: 1),
            ThreadCandidate(post: Post(id: 2, title: "Runner images", body: "arm64 images are flaky", created: now)),
            ThreadCandidate(post: Post(id: 3, title: "Baking bread", body: "flour water salt", tags: ["food"], created: now)),
            ThreadCandidate(post: Post(id: 4, title: "CI fix", body: "fixing CI runners fixes flaky arm64 builds, fix fix",
                                       tags: ["ci", "arm64"], created: now), answersText: "runner runner", helpfulHere: true),
        ]
        for id in 5..<60 {
            let title = randomText(&rng, length: 3 + id % 9) + [" flaky", " CI runner", " arm64", " image", ""][id % 5]
            let body = randomText(&rng, length: id * 3) + [" fix the runner", " Images", " arm64 CI flaky runner"][id % 3]
            out.append(ThreadCandidate(post: Post(id: Int64(id), title: title, body: body, tags: id % 4 == 0 ? ["ci"] : [],
                                                  created: now.addingTimeInterval(Double(-id * 3_600))),
                                       answersText: randomText(&rng, length: id % 7 * 10), answerCount: id % 3,
                                       helpfulSimilar: id % 11 == 0 ? 0.4 : 0))
        }
        return out
    }

    static let queries: [MatchQuery] = [
        MatchQuery(task: WorkTask(title: "Fix flaky CI runner on arm64", notes: "the runner image", project: "devops.arm64", tags: ["ci"])),
        MatchQuery(text: "flaky image"),
        MatchQuery(text: "the and of"),
        MatchQuery(terms: [QueryTerm(word: "runner", stem: "runner", weight: 3, inTitle: true),
                           QueryTerm(word: "runners", stem: "runner", weight: 1, inTitle: false),
                           QueryTerm(word: "ci", stem: "ci", weight: 2, inTitle: true)]),
        MatchQuery(terms: [], labels: ["ci"]),
    ]

    /// `rank` (one shared context, features without `matched` until the end) returns what scoring
    /// each candidate on its own with the public `compute` and `match` returns, in the same order.
    @Test func rankGivesWhatEachCandidateScoredAloneGives() {
        var rng: UInt64 = 99
        let candidates = Self.candidates(&rng)
        let ranker = Ranker()
        for query in Self.queries {
            var reference: [(ThreadMatch, Double)] = candidates.map { c in
                let f = MatchFeatures.compute(query: query, candidate: c, stats: Self.stats, now: Self.now)
                return (ranker.match(c, f, query: query, stats: Self.stats), c.post.created.timeIntervalSince1970)
            }
            reference.sort { a, b in
                a.0.score != b.0.score ? a.0.score > b.0.score
                    : (a.1 != b.1 ? a.1 > b.1 : a.0.post.id < b.0.post.id)
            }
            // Only the best `maxStrong` may be strong.
            for i in reference.indices where i >= ranker.maxStrong { reference[i].0.strong = false }
            let ranked = ranker.rank(query: query, candidates: candidates, stats: Self.stats, limit: candidates.count, now: Self.now)
            #expect(ranked == reference.map(\.0), "\(query.stems)")
            #expect(ranker.rank(query: query, candidates: candidates, stats: Self.stats, limit: 5, now: Self.now)
                    == Array(reference.map(\.0).prefix(5)))
        }
    }

    /// The reason read from field bits and sorted by keys computed once equals the reason of the
    /// code before (sets and idf looked up in every comparison), duplicate stems included.
    @Test func theReasonIsTheReasonOfTheCodeBefore() {
        var rng: UInt64 = 5
        let candidates = Self.candidates(&rng)
        for query in Self.queries {
            for c in candidates {
                let f = MatchFeatures.compute(query: query, candidate: c, stats: Self.stats, now: Self.now)
                #expect(Ranker.reason(query: query, features: f, candidate: c, stats: Self.stats)
                        == Self.referenceReason(query: query, features: f, candidate: c, stats: Self.stats))
            }
        }
    }

    /// `Ranker.reason` as it was.
    static func referenceReason(query: MatchQuery, features f: MatchFeatures, candidate c: ThreadCandidate,
                                stats: CorpusStats) -> String {
        var parts: [String] = []
        if c.helpfulHere { parts.append("you marked it helpful") }
        var listed = Set<String>()
        for field in [MatchField.title, .tags, .body, .answers] {
            let words = query.terms
                .filter { f.matched[$0.stem]?.contains(field) == true && !listed.contains($0.stem) }
                .sorted { $0.weight * stats.idf($0.stem) > $1.weight * stats.idf($1.stem) }
            guard !words.isEmpty else { continue }
            for w in words { listed.insert(w.stem) }
            var shown = words.prefix(4).map { "“\($0.word)”" }.joined(separator: " ")
            if words.count > 4 { shown += " +\(words.count - 4)" }
            parts.append("\(shown) in \(field.rawValue)")
        }
        for label in f.matchedLabels { parts.append("tag \(label)") }
        if c.helpfulSimilar >= 0.3 { parts.append("helped with a similar task") }
        return parts.isEmpty ? "no terms in common" : parts.joined(separator: "; ")
    }
}

/// `Tokenizer.forEachWord` as it was: every word built byte by byte in an array.
enum ReferenceTokenizer {
    static func words(_ text: String, limit: Int) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var text = text
        text.withUTF8 { bytes in
            let end = min(bytes.count, limit)
            var word: [UInt8] = []
            var i = 0
            while i < end {
                let v = bytes[i]
                if v < 0x80 {
                    i += 1
                    if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                        word.append(v)
                    } else if v >= 0x41 && v <= 0x5A {
                        word.append(v + 32)
                    } else if !word.isEmpty {
                        out.append(word)
                        word.removeAll()
                    }
                    continue
                }
                let n = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1
                var value = UInt32(v) & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F)
                var ok = n > 1 && i + n <= bytes.count
                if ok {
                    for k in 1..<n {
                        let c = bytes[i + k]
                        if c & 0xC0 != 0x80 { ok = false; break }
                        value = (value << 6) | UInt32(c & 0x3F)
                    }
                }
                i += ok ? n : 1
                guard ok, let scalar = Unicode.Scalar(value) else {
                    if !word.isEmpty { out.append(word); word.removeAll() }
                    continue
                }
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                    word.append(contentsOf: Tokenizer.fold(scalar))
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    continue
                default:
                    if !word.isEmpty { out.append(word); word.removeAll() }
                }
            }
            if !word.isEmpty { out.append(word) }
        }
        return out
    }
}
