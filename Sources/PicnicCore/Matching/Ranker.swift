import Foundation

/// Orders candidate threads for a query: features → linear score → calibrated confidence, with
/// the reason each thread matched. Shared by every front end (dashboard, CLI, capture, eval).
public struct Ranker: Sendable {
    /// Confidence at or above which a match is shown as strong: the lowest that keeps strong
    /// matches relevant at least 75% of the time on the SemEval split not fitted, in both
    /// directions (docs/Matching.md, "The strong threshold").
    public static let strongThreshold = 0.45
    /// At most this many threads of one match are strong, whatever the size of the corpus: the
    /// best ones whose confidence clears the threshold (docs/Matching.md, "The strong threshold").
    public static let maxStrong = 3

    public var weights: RankerWeights
    public var strongThreshold: Double
    public var maxStrong: Int

    public init(weights: RankerWeights = .standard, strongThreshold: Double = Ranker.strongThreshold,
                maxStrong: Int = Ranker.maxStrong) {
        self.weights = weights
        self.strongThreshold = strongThreshold
        self.maxStrong = maxStrong
    }

    /// Scores every candidate and returns the best `limit`, best first (ties: newer first).
    public func rank(query: MatchQuery, candidates: [ThreadCandidate], stats: CorpusStats,
                     limit: Int, now: Date = Date()) -> [ThreadMatch] {
        // Scores for all, the match entry (reason, matched terms) only for those returned.
        var features: [MatchFeatures] = []
        features.reserveCapacity(candidates.count)
        // Sorted as small keys (the features stay where they are).
        var scored: [(index: Int, score: Double, created: Double)] = []
        scored.reserveCapacity(candidates.count)
        var context = MatchContext(query: query, stats: stats)
        for k in candidates.indices {
            let f = MatchFeatures.compute(&context, candidate: candidates[k], now: now)
            scored.append((k, weights.score(f), candidates[k].post.created.timeIntervalSince1970))
            features.append(f)
        }
        scored.sort { a, b in
            a.score != b.score ? a.score > b.score
                : (a.created != b.created ? a.created > b.created
                    : candidates[a.index].post.id < candidates[b.index].post.id)
        }
        let terms = EntryTerms(query: query, stats: stats)
        return scored.prefix(max(0, limit)).enumerated().map { n, s in
            var m = entry(candidates[s.index], features[s.index], terms)
            if n >= maxStrong { m.strong = false }
            return m
        }
    }

    /// The match entry for one candidate with its computed features.
    public func match(_ c: ThreadCandidate, _ f: MatchFeatures, query: MatchQuery, stats: CorpusStats) -> ThreadMatch {
        let hasEvidence = !f.matched.isEmpty || !f.matchedLabels.isEmpty || c.helpfulHere
        let score = weights.score(f.vector)
        var confidence = 1 / (1 + exp(-score))
        if !hasEvidence { confidence = min(confidence, 0.05) }
        let matched = query.terms.compactMap { t -> TermMatch? in
            guard let fields = f.matched[t.stem] else { return nil }
            return TermMatch(word: t.word, fields: MatchField.allCases.filter(fields.contains))
        }
        return ThreadMatch(
            post: c.post, answers: c.answerCount, accepted: c.hasAccepted, score: score,
            confidence: confidence, strong: confidence >= strongThreshold && hasEvidence,
            reason: Self.reason(query: query, features: f, candidate: c, stats: stats),
            matched: matched, helpful: c.helpfulHere)
    }

    /// `“arm64” “runner” in title; “flaky” in answers; tag ci`: each term listed once, under the
    /// strongest field it was found in, the rarest terms first.
    static func reason(query: MatchQuery, features f: MatchFeatures, candidate c: ThreadCandidate,
                       stats: CorpusStats) -> String {
        var parts: [String] = []
        if c.helpfulHere { parts.append("you marked it helpful") }
        // Each term's fields and rank key, looked up once (not in every comparison of the sort).
        let terms = query.terms
        let found = terms.map { t in f.matched[t.stem].map { $0.reduce(0) { $0 | $1.bit } } ?? 0 }
        let key = terms.indices.map { i in found[i] == 0 ? 0 : terms[i].weight * stats.idf(terms[i].stem) }
        // Stems already listed, by the first term of each stem (a query may repeat a stem).
        var first = Array(terms.indices)
        for i in terms.indices where found[i] != 0 {
            for j in 0..<i where terms[j].stem == terms[i].stem { first[i] = j; break }
        }
        var listed = [Bool](repeating: false, count: terms.count)
        for field in [MatchField.title, .tags, .body, .answers] {
            let bit = field.bit
            let indices = terms.indices
                .filter { found[$0] & bit != 0 && !listed[first[$0]] }
                .sorted { key[$0] > key[$1] }
            guard !indices.isEmpty else { continue }
            for i in indices { listed[first[i]] = true }
            let words = indices.map { terms[$0] }
            var shown = words.prefix(4).map { "“\($0.word)”" }.joined(separator: " ")
            if words.count > 4 { shown += " +\(words.count - 4)" }
            parts.append("\(shown) in \(field.rawValue)")
        }
        for label in f.matchedLabels { parts.append("tag \(label)") }
        if c.helpfulSimilar >= 0.3 { parts.append("helped with a similar task") }
        return parts.isEmpty ? "no terms in common" : parts.joined(separator: "; ")
    }
}
