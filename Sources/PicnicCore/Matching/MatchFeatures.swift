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
    /// Cosine of the task's and the thread's meaning vectors (static word vectors of the task's
    /// words and of the thread's title and first body words): similar words, not only the same.
    public var meaning = 0.0
    /// "Helped" marks from people, log-scaled (10 marks ≈ 1); 0 until the store has them.
    public var helped = 0.0
    /// The answerers' accepted answers on the task's topic (`ThreadCandidate.answererRecord`), 3 ≈ 1.
    public var answererRecord = 0.0

    /// Terms found, by field (in query order).
    public var matched: [String: Set<MatchField>] = [:]
    /// Labels (tags/project) that matched a post tag or the space.
    public var matchedLabels: [String] = []
    /// Fields each query term was found in (`MatchField.bit`s, in query order).
    var fieldBits: [UInt8] = []

    public init() {}

    /// The features in `RankerWeights.names` order.
    public var vector: [Double] {
        [title, body, answers, tags, titleCover, postTitleCover, cover, labelMatch,
         answered, accepted, votes, recency, helpfulHere, helpfulSimilar, postCover, phrase, meaning,
         helped, answererRecord]
    }
}

extension MatchFeatures {
    static let k1 = 1.2
    static let b = 0.75
    /// Characters of body and answers read per thread: enough to judge, bounded for speed.
    static let bodyLimit = 6_000
    static let answersLimit = 12_000

    @inline(__always) static func hash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { hash($0) }
    }

    /// 64-bit FNV-1a of a word's bytes.
    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// Computes the features of `candidate` for `query`.
    public static func compute(query: MatchQuery, candidate c: ThreadCandidate, stats: CorpusStats,
                               now: Date) -> MatchFeatures {
        var context = MatchContext(query: query, stats: stats)
        var f = compute(&context, candidate: c, now: now)
        f.fillMatched(query)
        return f
    }

    /// Computes the features of `candidate` with the query's prepared context (shared by all the
    /// candidates of one query: term index, idf, and the stems of words already seen). `matched`
    /// is left empty (the ranker fills it for the threads it returns: `fillMatched`).
    static func compute(_ context: inout MatchContext, candidate c: ThreadCandidate, now: Date) -> MatchFeatures {
        var f = MatchFeatures()
        let query = context.query
        let terms = query.terms
        guard !terms.isEmpty || !query.labels.isEmpty else { return f }
        context.beginCandidate()
        let best = context.best
        let weights = context.weights
        let idf = context.idf
        for field in MatchField.allCases {
            var length = 0
            switch field {
            case .title: length = context.scan(c.post.title, shape: true, title: true)
            case .tags:
                // The tags read as one text joined by spaces: the same words, one tag at a time.
                for tag in c.post.tags { length += context.scan(tag, shape: false, title: false) }
            case .body: length = context.scan(c.post.body, limit: bodyLimit, shape: true, title: false)
            case .answers: length = context.scan(c.answersText, limit: answersLimit, shape: false, title: false)
            }
            let avg = max(context.averageLength[field.slot] ?? Double(max(length, 1)), 1)
            let bit = field.bit
            var s = 0.0
            for i in terms.indices where context.tf[i] > 0 {
                let x = Double(context.tf[i])
                s += weights[i] * idf[i] * x * (k1 + 1) / (x + k1 * (1 - b + b * Double(length) / avg))
                context.fieldBits[i] |= bit
                context.tf[i] = 0
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
            if context.fieldBits[i] != 0 { hit += t.weight * idf[i] }
            if t.inTitle {
                titleAll += idf[i]
                if context.fieldBits[i] & MatchField.title.bit != 0 { titleHit += idf[i] }
            }
        }
        f.fieldBits = context.fieldBits
        f.cover = all > 0 ? hit / all : 0
        f.titleCover = titleAll > 0 ? titleHit / titleAll : 0

        f.postCover = context.distinct.isEmpty ? 0 : Double(context.distinctHits) / Double(context.distinct.count)
        f.phrase = context.bigrams.isEmpty ? 0 : Double(context.pairsFound.count) / Double(context.bigrams.count)
        f.postTitleCover = context.postWords > 0 ? Double(context.postHits) / Double(context.postWords) : 0
        if context.wantsMeaning { f.meaning = Self.cosine(query.meaning, context.meaningSum) }

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
        f.helped = min(1.5, log1p(Double(max(0, c.helped))) / log(11))
        f.answererRecord = min(1, Double(c.answererRecord) / 3)
        return f
    }

    /// Cosine of a query vector (unit length) and a sum of word vectors; 0 when the sum is empty.
    static func cosine(_ q: [Double], _ sum: SIMD64<Int32>) -> Double {
        var dot = 0.0, norm = 0.0
        for k in 0..<WordVectors.dims {
            let x = Double(sum[k])
            dot += q[k] * x
            norm += x * x
        }
        return norm > 0 ? dot / norm.squareRoot() : 0
    }

    /// Fills `matched` (terms found, by field) from the per-term field bits.
    mutating func fillMatched(_ query: MatchQuery) {
        matched.reserveCapacity(fieldBits.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })
        for (i, t) in query.terms.enumerated() where i < fieldBits.count && fieldBits[i] != 0 {
            matched[t.stem] = Self.fieldSets[Int(fieldBits[i] & 15)]
        }
    }

    /// The set of fields of each combination of `MatchField.bit`s.
    static let fieldSets: [Set<MatchField>] = (0..<16).map { bits in
        Set(MatchField.allCases.filter { UInt8(bits) & $0.bit != 0 })
    }
}
