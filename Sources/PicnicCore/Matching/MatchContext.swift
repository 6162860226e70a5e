import Foundation

/// What the rerank derives from a query once, shared by all its candidates: the term index, idf,
/// the best score reachable, the title's term pairs, and the term (if any) of each word already
/// stemmed. Not thread-safe: one per `Ranker.rank` call.
final class MatchContext {
    let query: MatchQuery
    let stats: CorpusStats
    /// Term position by stem.
    let index: [String: Int]
    let idf: [Double]
    /// Σ weight × idf × (k1 + 1): the BM25 score of a thread holding every term once.
    let best: Double
    /// Adjacent pairs of the title's terms, as `first * 1000 + second`.
    let bigrams: Set<Int>
    /// Whether a word starting with these two bytes (`first << 8 | second`) could stem to a query
    /// term. Porter only rewrites a suffix after at least two kept letters (words under three
    /// letters are not stemmed), so a stem of two or more bytes starts like every word that
    /// stems to it, but for a y after one vowel turned into i ("ays" → "ai"); a one-byte stem
    /// marks every second byte of its first. (Checked exhaustively on short words by a test.)
    let prefixes: [Bool]
    /// Word hash → term position, or -1: each distinct word is stemmed once per query.
    private var stems = WordHashTable(capacity: 4096)
    /// Scratch for one candidate's distinct words.
    var distinct = WordHashTable(capacity: 1024)

    init(query: MatchQuery, stats: CorpusStats) {
        self.query = query
        self.stats = stats
        var index: [String: Int] = [:]
        for (i, t) in query.terms.enumerated() { index[t.stem] = i }
        self.index = index
        idf = query.terms.map { stats.idf($0.stem) }
        var best = 0.0
        for (i, t) in query.terms.enumerated() { best += t.weight * idf[i] * (MatchFeatures.k1 + 1) }
        self.best = best
        var bigrams = Set<Int>()
        let titleIndices = query.titleStems.compactMap { index[$0] }
        for (a, b) in zip(titleIndices, titleIndices.dropFirst()) where a != b { bigrams.insert(a * 1000 + b) }
        self.bigrams = bigrams
        var prefixes = [Bool](repeating: false, count: 65_536)
        for t in query.terms {
            let u = Array(t.stem.utf8)
            guard let first = u.first.map(Int.init) else { continue }
            if u.count >= 2 {
                prefixes[first << 8 | Int(u[1])] = true
                if u[1] == 0x69 { prefixes[first << 8 | 0x79] = true }
            } else {
                for second in 0..<256 { prefixes[first << 8 | second] = true }
            }
        }
        self.prefixes = prefixes
    }

    /// Whether `word` (folded UTF-8, never empty) could stem to a query term.
    @inline(__always) func mayBeTerm(_ word: [UInt8]) -> Bool {
        prefixes[Int(word[0]) << 8 | (word.count > 1 ? Int(word[1]) : 0)]
    }

    /// The position of the term `word` (folded UTF-8, hashed as `hash`) stems to, or -1.
    @inline(__always) func termIndex(of word: [UInt8], hash: UInt64) -> Int {
        if let known = stems.value(hash) { return known }
        var s = word
        PorterStemmer.stem(&s)
        let i = index[String(decoding: s, as: UTF8.self)] ?? -1
        stems.set(hash, i)
        return i
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
}
