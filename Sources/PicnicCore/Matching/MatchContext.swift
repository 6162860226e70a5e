import Foundation

/// What the rerank derives from a query once, shared by all its candidates: the term index, idf,
/// the best score reachable, the title's term pairs, and the term (if any) of each word already
/// stemmed; plus the scratch of the candidate being read. A value passed `inout` (no class, so
/// no run-time exclusivity checks on every word); one per `Ranker.rank` call.
struct MatchContext {
    let query: MatchQuery
    let stats: CorpusStats
    /// Term position by stem.
    let index: [String: Int]
    let idf: [Double]
    /// Each term's weight, by position.
    let weights: [Double]
    /// Σ weight × idf × (k1 + 1): the BM25 score of a thread holding every term once.
    let best: Double
    /// Average length of each field (`MatchField.slot` order), if the corpus has one.
    let averageLength: [Double?]
    /// Adjacent pairs of the title's terms, as `first * 1000 + second`.
    let bigrams: Set<Int>
    /// Bit `first << 8 | second`: whether a word starting with these two bytes could stem to a
    /// query term. Porter only rewrites a suffix after at least two kept letters (words under
    /// three letters are not stemmed), so a stem of two or more bytes starts like every word that
    /// stems to it, but for a y after one vowel turned into i ("ays" → "ai"); a one-byte stem
    /// marks every second byte of its first. (Checked exhaustively on short words by a test.)
    private let prefixes: [UInt64]
    /// Word hash → term position, or -1: each distinct word is looked up once per query.
    private var stems = WordHashTable(capacity: 1024)
    /// The terms by stem bytes, for the stems `StemCache` gives.
    private let stemTerms: StemTerms
    private let stemCache = StemCache.shared

    // Scratch of the candidate being read (see `beginCandidate` and `scan`).
    /// Term frequencies of the field being read.
    var tf: [Int]
    /// Fields each term was found in, as `MatchField.bit`s.
    var fieldBits: [UInt8]
    /// The candidate's distinct words of three bytes or more (title, first 300 words of body).
    var distinct = WordHashTable(capacity: 256)
    /// How many of those stem to a query term.
    var distinctHits = 0
    /// Title pairs found adjacent.
    var pairsFound = Set<Int>()
    /// The thread title's words that are not stopwords, and how many of them stem to a term.
    var postWords = 0, postHits = 0
    /// Sum of the word vectors of the thread's title and the start of its body (`WordVectors`).
    var meaningSum = SIMD64<Int32>()
    /// Whether the query has a meaning vector (else no word vector is looked up).
    let wantsMeaning: Bool

    init(query: MatchQuery, stats: CorpusStats) {
        self.query = query
        self.stats = stats
        var index: [String: Int] = [:]
        for (i, t) in query.terms.enumerated() { index[t.stem] = i }
        self.index = index
        idf = query.terms.map { stats.idf($0.stem) }
        weights = query.terms.map(\.weight)
        var best = 0.0
        for (i, t) in query.terms.enumerated() { best += t.weight * idf[i] * (MatchFeatures.k1 + 1) }
        self.best = best
        averageLength = MatchField.allCases.map { stats.averageLength[$0] }
        var bigrams = Set<Int>()
        let titleIndices = query.titleStems.compactMap { index[$0] }
        for (a, b) in zip(titleIndices, titleIndices.dropFirst()) where a != b { bigrams.insert(a * 1000 + b) }
        self.bigrams = bigrams
        var prefixes = [UInt64](repeating: 0, count: 1024)
        func mark(_ key: Int) { prefixes[key >> 6] |= 1 << UInt64(key & 63) }
        for t in query.terms {
            let u = Array(t.stem.utf8)
            guard let first = u.first.map(Int.init) else { continue }
            if u.count >= 2 {
                mark(first << 8 | Int(u[1]))
                if u[1] == 0x69 { mark(first << 8 | 0x79) }
            } else {
                for second in 0..<256 { mark(first << 8 | second) }
            }
        }
        self.prefixes = prefixes
        stemTerms = StemTerms(query.terms, index: index)
        tf = [Int](repeating: 0, count: query.terms.count)
        fieldBits = [UInt8](repeating: 0, count: query.terms.count)
        wantsMeaning = !query.meaning.isEmpty
    }

    /// Words of a field read for the meaning vector (the title's and the body's first ones).
    static let meaningWords = 100

    /// Whether `word` (folded UTF-8, never empty) could stem to a query term.
    @inline(__always) func mayBeTerm(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let key = Int(word[0]) << 8 | (word.count > 1 ? Int(word[1]) : 0)
        return prefixes[key >> 6] & (1 << UInt64(key & 63)) != 0
    }

    /// The position of the term `word` (folded UTF-8, hashed as `hash`) stems to, or -1.
    @inline(__always) mutating func termIndex(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        if let known = stems.value(hash) { return known }
        let terms = stemTerms
        let i = stemCache.withStem(of: word, hash: hash) { terms.term(ofStem: $0) }
        stems.set(hash, i)
        return i
    }

    /// The position of the term with this stem, or -1 (as `index[stem]`).
    func term(ofStem stem: UnsafeBufferPointer<UInt8>) -> Int { stemTerms.term(ofStem: stem) }

    /// `mayBeTerm` and `termIndex` for a word given as an array (tests).
    func mayBeTerm(_ word: [UInt8]) -> Bool { word.withUnsafeBufferPointer { mayBeTerm($0) } }
    mutating func termIndex(of word: [UInt8], hash: UInt64) -> Int {
        word.withUnsafeBufferPointer { termIndex(of: $0, hash: hash) }
    }

    /// Clears the per-candidate scratch.
    mutating func beginCandidate() {
        distinct.removeAll()
        distinctHits = 0
        if !pairsFound.isEmpty { pairsFound.removeAll(keepingCapacity: true) }
        postWords = 0
        postHits = 0
        meaningSum = SIMD64<Int32>()
        for i in fieldBits.indices { fieldBits[i] = 0 }
    }

    /// Reads one field of a candidate: adds its term frequencies to `tf` and returns its length in
    /// words. `shape` also gathers title pairs and distinct words (title and body), `title` the
    /// thread title's own coverage by the query.
    mutating func scan(_ text: String, limit: Int = .max, shape: Bool, title: Bool) -> Int {
        var length = 0
        guard shape else {
            // Tags and answers: only the words that may be terms are hashed and looked up.
            Tokenizer.forEachWordBuffer(text, limit: limit) { word in
                length += 1
                let i = mayBeTerm(word) ? termIndex(of: word, hash: MatchFeatures.hash(word)) : -1
                if i >= 0 { tf[i] += 1 }
                if title, !Stopwords.contains(word) {
                    postWords += 1
                    if i >= 0 { postHits += 1 }
                }
            }
            return length
        }
        // Title and body: every word's hash is needed (distinct words), so it is worked out while
        // the word is read.
        var previous = -1
        Tokenizer.forEachHashedWord(text, limit: limit) { word, h in
            length += 1
            var i = -1
            if mayBeTerm(word) { i = termIndex(of: word, hash: h) }
            if i >= 0 { tf[i] += 1 }
            // A word that fails the prefix filter stems to no term, so `i` is its term here too.
            if title, !Stopwords.contains(word) {
                postWords += 1
                if i >= 0 { postHits += 1 }
            }
            if word.count >= 3 && length <= 300, distinct.insert(h), i >= 0 { distinctHits += 1 }
            if wantsMeaning && length <= Self.meaningWords {
                let v = WordVectors.index(of: word, hash: h)
                if v >= 0 { WordVectors.add(v, to: &meaningSum) }
            }
            if i >= 0 {
                if previous >= 0, bigrams.contains(previous * 1000 + i) { pairsFound.insert(previous * 1000 + i) }
                previous = i
            } else if word.count > 3 {
                previous = -1 // a short word ("on", "the") does not break a phrase
            }
        }
        return length
    }
}

extension MatchField {
    /// This field as one bit (for per-term field sets in the rerank).
    var bit: UInt8 {
        switch self {
        case .title: 1
        case .tags: 2
        case .body: 4
        case .answers: 8
        }
    }

    /// This field's position in `MatchField.allCases`.
    var slot: Int {
        switch self {
        case .title: 0
        case .tags: 1
        case .body: 2
        case .answers: 3
        }
    }
}

/// A query's terms by stem bytes: `index[stem]` without making a String for every word.
final class StemTerms {
    private let index: [String: Int]
    /// Stem hash → term position (the last term of that stem, as in `index`).
    private let byHash: WordHashTable
    private let stems: [[UInt8]]

    init(_ terms: [QueryTerm], index: [String: Int]) {
        self.index = index
        stems = terms.map { Array($0.stem.utf8) }
        let byHash = WordHashTable(capacity: 2 * terms.count + 2)
        for (i, stem) in stems.enumerated() { byHash.set(MatchFeatures.hash(stem), i) }
        self.byHash = byHash
    }

    /// The position of the term with this stem, or -1. A stem of lowercase ASCII letters and
    /// digits (what the tokenizer makes of ASCII text) equals a String only byte for byte, so the
    /// bytes are compared; any other stem, or a hash shared by two terms, asks `index`.
    func term(ofStem stem: UnsafeBufferPointer<UInt8>) -> Int {
        // One pass: whether the stem is plain, and its hash (`MatchFeatures.hash`).
        var plain = true
        var h: UInt64 = 0xcbf29ce484222325
        for b in stem {
            if !(b &- 0x61 < 26 || b &- 0x30 < 10) { plain = false }
            h = (h ^ UInt64(b)) &* 0x100000001b3
        }
        if plain {
            guard let i = byHash.value(h) else { return -1 }
            let same = stems[i].withUnsafeBufferPointer { known in
                known.count == stem.count && (0..<stem.count).allSatisfy { known[$0] == stem[$0] }
            }
            if same { return i }
        }
        return index[String(decoding: stem, as: UTF8.self)] ?? -1
    }
}
