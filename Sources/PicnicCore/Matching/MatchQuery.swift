import Foundation

/// One distinct term of a match query (distinct by stem).
public struct QueryTerm: Hashable, Sendable {
    /// The folded word as first seen in the task; what FTS5 is given (it stems it the same way).
    public var word: String
    /// Its Porter stem: the key for document frequencies and for matching in the rerank.
    public var stem: String
    /// How much the term says about the task: the strongest field it came from, plus a little
    /// for repetition.
    public var weight: Double
    /// Whether the term appears in the task's title.
    public var inTitle: Bool

    public init(word: String, stem: String, weight: Double, inTitle: Bool) {
        self.word = word
        self.stem = stem
        self.weight = weight
        self.inTitle = inTitle
    }
}

/// What to look for, built from a task (or a draft being typed): distinct stemmed terms with
/// weights by field (title strongest, then tags, project, notes and annotations), and the task's
/// tags and project for exact tag/space matches.
public struct MatchQuery: Sendable {
    /// Field weights of the query builder.
    public enum FieldWeight {
        public static let title = 3.0
        public static let tags = 2.0
        public static let project = 1.5
        public static let notes = 1.0
        public static let annotations = 1.0
    }

    /// At most this many terms are kept (highest weight first): a huge task stays a small query.
    public static let maxTerms = 32
    /// Text beyond this many characters of a field is not read.
    public static let maxFieldCharacters = 20_000

    public var terms: [QueryTerm]
    /// The title's stems in order (stopwords out), for phrase (adjacent pair) matches.
    public var titleStems: [String] = []
    /// The task's tags and project (and its dotted parts), folded: matched against post tags and spaces.
    public var labels: Set<String>
    /// The task's meaning vector: the sum of the static word vectors (`WordVectors`) of every
    /// word of its title, tags, project, notes and annotations, at unit length; empty when no
    /// word has a vector.
    public var meaning: [Double] = []

    public init(terms: [QueryTerm], labels: Set<String> = []) {
        self.terms = terms
        self.labels = labels
    }

    /// The query for a task.
    public init(task: WorkTask) {
        var b = Builder()
        b.add(task.title, weight: FieldWeight.title, title: true)
        for tag in task.tags { b.add(tag, weight: FieldWeight.tags, title: false) }
        if let p = task.project { b.add(p, weight: FieldWeight.project, title: false) }
        b.add(task.notes, weight: FieldWeight.notes, title: false)
        for a in task.annotations { b.add(a.text, weight: FieldWeight.annotations, title: false) }
        var labels = Set<String>()
        for tag in task.tags { labels.insert(Self.label(tag)) }
        if let p = task.project {
            labels.insert(Self.label(p))
            for part in p.split(separator: ".") { labels.insert(Self.label(String(part))) }
        }
        labels.remove("")
        self.init(terms: b.finish(), labels: labels)
        titleStems = b.titleSequence
        meaning = b.meaning()
    }

    /// The query for free text, e.g. a task title being typed: all of it counts as title.
    public init(text: String) {
        var b = Builder()
        b.add(text, weight: FieldWeight.title, title: true)
        self.init(terms: b.finish(), labels: [])
        titleStems = b.titleSequence
        meaning = b.meaning()
    }

    /// The stems, in weight order.
    public var stems: [String] { terms.map(\.stem) }

    /// Whether there is anything to look for.
    public var isEmpty: Bool { terms.isEmpty && labels.isEmpty }

    /// A tag, project or space name as compared: folded words joined by "-".
    public static func label(_ s: String) -> String {
        Tokenizer.words(s).joined(separator: "-")
    }

    /// An FTS5 MATCH expression that ORs the given words, each quoted as a string so no user text
    /// is ever read as FTS5 syntax. Returns nil when there is nothing to match.
    public static func ftsExpression(_ words: [String]) -> String? {
        let quoted = words.filter { !$0.isEmpty }.map { w in
            "\"" + (w.utf8.contains(0x22) ? w.replacingOccurrences(of: "\"", with: "\"\"") : w) + "\""
        }
        return quoted.isEmpty ? nil : quoted.joined(separator: " OR ")
    }

    private struct Builder {
        var order: [String] = []
        var byStem: [String: QueryTerm] = [:]
        var counts: [String: Int] = [:]
        var titleSequence: [String] = []
        var vectorSum = SIMD64<Int32>()

        mutating func add(_ text: String, weight: Double, title: Bool) {
            Tokenizer.forEachWord(text, limit: MatchQuery.maxFieldCharacters) { bytes in
                let word = String(decoding: bytes, as: UTF8.self)
                if Stopwords.contains(word) { return }
                bytes.withUnsafeBufferPointer { b in
                    let v = WordVectors.index(of: b, hash: MatchFeatures.hash(b))
                    if v >= 0 { WordVectors.add(v, to: &vectorSum) }
                }
                let stem = String(decoding: StemCache.shared.stem(bytes), as: UTF8.self)
                if Stopwords.contains(stem) { return }
                if title && titleSequence.count < 64 { titleSequence.append(stem) }
                counts[stem, default: 0] += 1
                if var t = byStem[stem] {
                    if weight > t.weight { t.weight = weight }
                    t.inTitle = t.inTitle || title
                    byStem[stem] = t
                } else {
                    order.append(stem)
                    byStem[stem] = QueryTerm(word: word, stem: stem, weight: weight, inTitle: title)
                }
            }
        }

        /// The summed word vectors at unit length, or empty.
        func meaning() -> [Double] {
            var norm = 0.0
            for k in 0..<WordVectors.dims { norm += Double(vectorSum[k]) * Double(vectorSum[k]) }
            guard norm > 0 else { return [] }
            let scale = 1 / norm.squareRoot()
            return (0..<WordVectors.dims).map { Double(vectorSum[$0]) * scale }
        }

        func finish() -> [QueryTerm] {
            var terms = order.compactMap { stem -> QueryTerm? in
                guard var t = byStem[stem] else { return nil }
                let n = counts[stem] ?? 1
                t.weight += 0.25 * min(4, Double(n - 1))
                return t
            }
            // Stable: by weight, then first appearance.
            terms = terms.enumerated().sorted { a, b in
                a.element.weight != b.element.weight ? a.element.weight > b.element.weight : a.offset < b.offset
            }.map(\.element)
            return Array(terms.prefix(MatchQuery.maxTerms))
        }
    }
}
