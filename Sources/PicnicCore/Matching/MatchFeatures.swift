import Foundation

/// The rerank's view of one thread for one query: each feature roughly in [0, 1].
public struct MatchFeatures: Sendable {
    /// Per-field BM25, normalised by the best score the query could reach.
    public var title = 0.0, body = 0.0, answers = 0.0, tags = 0.0
    /// Share (idf-weighted) of the task title's terms found in the thread's title.
    public var titleCover = 0.0
    /// Share of the thread title's words that the query contains (the other direction).
    public var postTitleCover = 0.0
    /// Share (weight × idf) of all query terms found anywhere in the thread.
    public var cover = 0.0
    /// Share of the thread question's distinct words (title and start of body) the query holds.
    public var postCover = 0.0
    /// Share of the task title's adjacent term pairs found adjacent in the thread's title or body.
    public var phrase = 0.0
    /// The task's tags or project equal a post tag or the space.
    public var labelMatch = 0.0
    public var answered = 0.0, accepted = 0.0
    /// log(1 + votes), scaled so 100 votes ≈ 1.
    public var votes = 0.0
    /// exp(-age / 1 year).
    public var recency = 0.0
    public var helpfulHere = 0.0, helpfulSimilar = 0.0

    /// Terms found, by field (in query order).
    public var matched: [String: Set<MatchField>] = [:]
    /// Labels (tags/project) that matched a post tag or the space.
    public var matchedLabels: [String] = []

    public init() {}

    /// The features in `RankerWeights.names` order.
    public var vector: [Double] {
        [title, body, answers, tags, titleCover, postTitleCover, cover, labelMatch,
         answered, accepted, votes, recency, helpfulHere, helpfulSimilar, postCover, phrase]
    }
}

extension MatchFeatures {
    static let k1 = 1.2
    static let b = 0.75
    /// Characters of body and answers read per thread: enough to judge, bounded for speed.
    static let bodyLimit = 6_000
    static let answersLimit = 12_000

    @inline(__always) static func hash(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// Computes the features of `candidate` for `query`.
    public static func compute(query: MatchQuery, candidate c: ThreadCandidate, stats: CorpusStats,
                               now: Date) -> MatchFeatures {
        compute(MatchContext(query: query, stats: stats), candidate: c, now: now)
    }

    /// Computes the features of `candidate` with the query's prepared context (shared by all the
    /// candidates of one query: term index, idf, and the stems of words already seen).
    static func compute(_ context: MatchContext, candidate c: ThreadCandidate, now: Date) -> MatchFeatures {
        var f = MatchFeatures()
        let query = context.query
        let terms = query.terms
        guard !terms.isEmpty || !query.labels.isEmpty else { return f }
        let idf = context.idf
        let stats = context.stats
        let bigrams = context.bigrams
        var pairsFound = Set<Int>()
        // Words are keyed by a 64-bit FNV-1a hash: no allocation per word (collisions are harmless here).
        context.distinct.removeAll()
        var distinctHits = 0

        /// Term frequencies and length of one field; `shape` also gathers pairs and distinct words.
        func count(_ text: String, limit: Int, shape: Bool) -> (tf: [Int], length: Int) {
            var tf = [Int](repeating: 0, count: terms.count)
            var length = 0
            var previous = -1
            Tokenizer.forEachWord(text, limit: limit) { word in
                length += 1
                var i = -1
                let needHash = shape && word.count >= 3 && length <= 300
                let candidate = context.mayBeTerm(word)
                var h: UInt64 = 0
                if candidate || needHash { h = Self.hash(word) }
                if candidate { i = context.termIndex(of: word, hash: h) }
                if i >= 0 { tf[i] += 1 }
                guard shape else { return }
                if needHash, context.distinct.insert(h), i >= 0 { distinctHits += 1 }
                if i >= 0 {
                    if previous >= 0, bigrams.contains(previous * 1000 + i) { pairsFound.insert(previous * 1000 + i) }
                    previous = i
                } else if word.count > 3 {
                    previous = -1 // a short word ("on", "the") does not break a phrase
                }
            }
            return (tf, length)
        }

        let tagText = c.post.tags.joined(separator: " ")
        let fields: [(MatchField, String, Int)] = [
            (.title, c.post.title, .max), (.tags, tagText, .max),
            (.body, c.post.body, bodyLimit), (.answers, c.answersText, answersLimit),
        ]
        let best = context.best
        // Fields each term was found in, as bits in `MatchField.allCases` order.
        var fieldBits = [UInt8](repeating: 0, count: terms.count)
        for (field, text, limit) in fields {
            let (tf, length) = count(text, limit: limit, shape: field == .title || field == .body)
            let avg = max(stats.averageLength[field] ?? Double(max(length, 1)), 1)
            let bit = field.bit
            var s = 0.0
            for i in terms.indices where tf[i] > 0 {
                let x = Double(tf[i])
                s += terms[i].weight * idf[i] * x * (k1 + 1) / (x + k1 * (1 - b + b * Double(length) / avg))
                fieldBits[i] |= bit
            }
            let v = best > 0 ? s / best : 0
            switch field {
            case .title: f.title = v
            case .tags: f.tags = v
            case .body: f.body = v
            case .answers: f.answers = v
            }
        }

        var titleAll = 0.0, titleHit = 0.0, all = 0.0, hit = 0.0
        for (i, t) in terms.enumerated() {
            all += t.weight * idf[i]
            if fieldBits[i] != 0 {
                hit += t.weight * idf[i]
                f.matched[t.stem] = Set(MatchField.allCases.filter { fieldBits[i] & $0.bit != 0 })
            }
            if t.inTitle {
                titleAll += idf[i]
                if fieldBits[i] & MatchField.title.bit != 0 { titleHit += idf[i] }
            }
        }
        f.cover = all > 0 ? hit / all : 0
        f.titleCover = titleAll > 0 ? titleHit / titleAll : 0

        f.postCover = context.distinct.isEmpty ? 0 : Double(distinctHits) / Double(context.distinct.count)
        f.phrase = bigrams.isEmpty ? 0 : Double(pairsFound.count) / Double(bigrams.count)

        var postWords = 0, postHits = 0
        Tokenizer.forEachWord(c.post.title) { word in
            if Stopwords.contains(String(decoding: word, as: UTF8.self)) { return }
            postWords += 1
            if context.termIndex(of: word, hash: Self.hash(word)) >= 0 { postHits += 1 }
        }
        f.postTitleCover = postWords > 0 ? Double(postHits) / Double(postWords) : 0

        if !query.labels.isEmpty {
            var labels = Set(c.post.tags.map(MatchQuery.label))
            labels.insert(MatchQuery.label(c.post.space))
            f.matchedLabels = query.labels.intersection(labels).sorted()
            f.labelMatch = min(1, Double(f.matchedLabels.count) / 2)
        }
        f.answered = c.answerCount > 0 ? 1 : 0
        f.accepted = c.hasAccepted ? 1 : 0
        f.votes = min(1.5, log1p(Double(max(0, c.post.votes))) / log(101))
        let age = max(0, now.timeIntervalSince(c.post.created)) / (365 * 86_400)
        f.recency = exp(-age)
        f.helpfulHere = c.helpfulHere ? 1 : 0
        f.helpfulSimilar = c.helpfulSimilar
        return f
    }
}
