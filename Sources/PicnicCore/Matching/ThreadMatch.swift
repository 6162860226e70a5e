import Foundation

/// Where in a thread a query term was found.
public enum MatchField: String, Codable, CaseIterable, Sendable {
    case title, tags, body, answers
}

/// One query term found in a thread, with the fields it was found in.
public struct TermMatch: Codable, Equatable, Sendable {
    public var word: String
    public var fields: [MatchField]

    public init(word: String, fields: [MatchField]) {
        self.word = word
        self.fields = fields
    }
}

/// A thread (a root post with its answers) matched to a task: one entry in the help pane.
public struct ThreadMatch: Codable, Equatable, Sendable {
    /// The thread's root post (usually the question).
    public var post: Post
    /// How many answers the thread has.
    public var answers: Int
    /// Whether one of them is accepted (or the root itself is marked accepted).
    public var accepted: Bool
    /// The ranker's score (higher is better; comparable within one query).
    public var score: Double
    /// How likely the thread is to help, in [0, 1] (calibrated on labelled data).
    public var confidence: Double
    /// Whether `confidence` clears the calibrated threshold (`Ranker.strongThreshold`).
    public var strong: Bool
    /// Human-readable why, e.g. `“arm64” “runner” in title; tag ci`.
    public var reason: String
    /// The query terms found, and where.
    public var matched: [TermMatch]
    /// Whether the person marked this thread helpful for this task.
    public var helpful: Bool

    public init(post: Post, answers: Int, accepted: Bool, score: Double, confidence: Double,
                strong: Bool, reason: String, matched: [TermMatch], helpful: Bool = false) {
        self.post = post
        self.answers = answers
        self.accepted = accepted
        self.score = score
        self.confidence = confidence
        self.strong = strong
        self.reason = reason
        self.matched = matched
        self.helpful = helpful
    }
}

/// A thread offered to the ranker, with what it needs beyond the root post.
public struct ThreadCandidate: Sendable {
    public var post: Post
    /// The answers' titles and bodies, in order, joined (may be cut short for speed).
    public var answersText: String
    public var answerCount: Int
    public var hasAccepted: Bool
    /// The person said this thread helped with this very task.
    public var helpfulHere: Bool
    /// Similarity in [0, 1] between this task and other tasks this thread helped with.
    public var helpfulSimilar: Double
    /// How many people marked the thread's posts as having helped them (a community's "helped"
    /// marks). The store has no such column yet (issue 13 adds it): until then always 0.
    public var helped: Int
    /// The answerers' record on the topic: the most accepted answers one of this thread's
    /// answerers wrote in the task's other candidate threads.
    public var answererRecord: Int
    /// Authors of the thread's answers (distinct, in order).
    public var answerAuthors: [String]
    /// Authors of its accepted answers.
    public var acceptedAuthors: [String]

    public init(post: Post, answersText: String = "", answerCount: Int = 0, hasAccepted: Bool = false,
                helpfulHere: Bool = false, helpfulSimilar: Double = 0, helped: Int = 0, answererRecord: Int = 0,
                answerAuthors: [String] = [], acceptedAuthors: [String] = []) {
        self.helped = helped
        self.answererRecord = answererRecord
        self.answerAuthors = answerAuthors
        self.acceptedAuthors = acceptedAuthors
        self.post = post
        self.answersText = answersText
        self.answerCount = answerCount
        self.hasAccepted = hasAccepted
        self.helpfulHere = helpfulHere
        self.helpfulSimilar = helpfulSimilar
    }
}

/// Corpus figures the ranker needs: thread count, average field lengths and document frequencies.
public struct CorpusStats: Sendable {
    public var threads: Int
    /// Average length in tokens of title, body, answers, tags (the FTS5 columns).
    public var averageLength: [MatchField: Double]
    /// Threads containing each stem.
    public var documentFrequency: [String: Int]

    public init(threads: Int, averageLength: [MatchField: Double] = [:], documentFrequency: [String: Int] = [:]) {
        self.threads = threads
        self.averageLength = averageLength
        self.documentFrequency = documentFrequency
    }

    /// BM25's inverse document frequency (always positive).
    public func idf(_ stem: String) -> Double {
        let n = Double(max(threads, 1))
        let df = Double(min(documentFrequency[stem] ?? 0, max(threads, 1)))
        return log(1 + (n - df + 0.5) / (df + 0.5))
    }
}

extension [ThreadCandidate] {
    /// Sets each candidate's `answererRecord` from the others' accepted answers: the candidates
    /// of one task are threads on its topic, so an answerer accepted in several of them knows it.
    public mutating func setAnswererRecords() {
        var accepted: [String: Int] = [:]
        for c in self { for a in Set(c.acceptedAuthors) where !a.isEmpty { accepted[a, default: 0] += 1 } }
        guard !accepted.isEmpty else { return }
        for i in indices {
            let own = Set(self[i].acceptedAuthors)
            self[i].answererRecord = self[i].answerAuthors.map { (accepted[$0] ?? 0) - (own.contains($0) ? 1 : 0) }.max() ?? 0
        }
    }
}
