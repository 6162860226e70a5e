import Foundation

/// What the match entries of one `rank` call need of the query's terms, worked out once for the
/// threads it returns instead of once per thread (stems compared as Strings, idf looked up).
struct EntryTerms {
    let terms: [QueryTerm]
    /// Per term, the positions of the terms with its stem (itself included), ascending.
    let sameStem: [[Int]]
    /// Per term, the first position with its stem (a stem is listed once in a reason).
    let first: [Int]
    /// Per term, weight × idf: the reason lists rarer, stronger terms first.
    let key: [Double]
    /// Per term, the word as the reason shows it: “word”.
    let quoted: [String]

    init(query: MatchQuery, stats: CorpusStats) {
        terms = query.terms
        // A query has a dozen terms or so: comparing stems pairwise beats hashing them.
        let terms = terms
        sameStem = terms.indices.map { i in terms.indices.filter { terms[$0].stem == terms[i].stem } }
        first = sameStem.map { $0[0] }
        key = terms.map { $0.weight * stats.idf($0.stem) }
        quoted = terms.map { "“\($0.word)”" }
    }

    /// Per term, the `MatchField.bit`s `fillMatched` would record for its stem (those of the
    /// last term of the stem found anywhere), or nil if the stem was not found.
    func found(_ fieldBits: [UInt8]) -> [UInt8?] {
        sameStem.map { group in
            for j in group.reversed() where j < fieldBits.count && fieldBits[j] != 0 { return fieldBits[j] & 15 }
            return nil
        }
    }

    /// The fields of each combination of `MatchField.bit`s, in `MatchField.allCases` order.
    static let fieldLists: [[MatchField]] = (0..<16).map { bits in
        MatchField.allCases.filter { UInt8(bits) & $0.bit != 0 }
    }
}

extension Ranker {
    /// `match(c, f, query:, stats:)` for features `rank` computed (their `matched` not filled):
    /// the same entry, read from the per-term field bits.
    func entry(_ c: ThreadCandidate, _ f: MatchFeatures, _ terms: EntryTerms) -> ThreadMatch {
        let found = terms.found(f.fieldBits)
        let anyFound = found.contains { $0 != nil }
        let hasEvidence = anyFound || !f.matchedLabels.isEmpty || c.helpfulHere
        let score = weights.score(f.vector)
        var confidence = 1 / (1 + exp(-score))
        if !hasEvidence { confidence = min(confidence, 0.05) }
        var matched: [TermMatch] = []
        if anyFound {
            matched.reserveCapacity(found.count)
            for (i, bits) in found.enumerated() {
                if let bits { matched.append(TermMatch(word: terms.terms[i].word, fields: EntryTerms.fieldLists[Int(bits)])) }
            }
        }
        return ThreadMatch(
            post: c.post, answers: c.answerCount, accepted: c.hasAccepted, score: score,
            confidence: confidence, strong: confidence >= strongThreshold && hasEvidence,
            reason: Self.reason(found: found, terms: terms, features: f, candidate: c),
            matched: matched, helpful: c.helpfulHere)
    }

    /// `reason(query:features:candidate:stats:)` from the per-term fields `found` gives.
    static func reason(found: [UInt8?], terms: EntryTerms, features f: MatchFeatures, candidate c: ThreadCandidate) -> String {
        var out = ""
        func part(_ s: String) {
            if !out.isEmpty { out += "; " }
            out += s
        }
        if c.helpfulHere { part("you marked it helpful") }
        let count = terms.terms.count, first = terms.first, key = terms.key, quoted = terms.quoted
        var listed = [Bool](repeating: false, count: count)
        var indices: [Int] = []
        indices.reserveCapacity(count)
        for field in [MatchField.title, .tags, .body, .answers] {
            let bit = field.bit
            // The terms found in this field and not listed yet, by key, highest first; a stable
            // insertion sort, so equal keys keep query order (as the standard library's sort).
            indices.removeAll(keepingCapacity: true)
            for i in 0..<count where (found[i] ?? 0) & bit != 0 && !listed[first[i]] {
                var at = indices.count
                while at > 0 && key[i] > key[indices[at - 1]] { at -= 1 }
                indices.insert(i, at: at)
            }
            guard !indices.isEmpty else { continue }
            for i in indices { listed[first[i]] = true }
            if !out.isEmpty { out += "; " }
            for (n, i) in indices.prefix(4).enumerated() {
                if n > 0 { out += " " }
                out += quoted[i]
            }
            if indices.count > 4 { out += " +\(indices.count - 4)" }
            out += " in "
            out += field.rawValue
        }
        for label in f.matchedLabels { part("tag \(label)") }
        if c.helpfulSimilar >= 0.3 { part("helped with a similar task") }
        return out.isEmpty ? "no terms in common" : out
    }
}
