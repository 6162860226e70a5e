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
    /// answerers wrote in the task's other candidate threads (`AnswererRecords`).
    public var answererRecord: Int

    public init(post: Post, answersText: String = "", answerCount: Int = 0, hasAccepted: Bool = false,
                helpfulHere: Bool = false, helpfulSimilar: Double = 0, helped: Int = 0, answererRecord: Int = 0) {
        self.helped = helped
        self.answererRecord = answererRecord
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

/// The answerers' record on a task's topic: the candidates of one task are threads on its topic,
/// so an answerer whose answers were accepted in several of them knows it. Authors are given as
/// hashes of their names (no String per answer in the candidate read).
public enum AnswererRecords {
    /// One answer: its thread, its author's hash (0: no author), whether it was accepted.
    public typealias Answer = (thread: Int64, author: UInt64, accepted: Bool)

    /// An author's key: a 64-bit hash of the name's bytes, never 0.
    @inline(__always) public static func key(_ name: UnsafeBufferPointer<UInt8>) -> UInt64 {
        MatchFeatures.hash(name) | 1
    }

    /// For each thread, the most accepted answers one of its answerers wrote in the other threads
    /// (threads with no such answerer are left out). Empty when no answer is accepted.
    public static func compute(_ answers: [Answer]) -> [Int64: Int] {
        var acceptedIn: [UInt64: Set<Int64>] = [:]
        for a in answers where a.accepted && a.author != 0 { acceptedIn[a.author, default: []].insert(a.thread) }
        guard !acceptedIn.isEmpty else { return [:] }
        var record: [Int64: Int] = [:]
        for a in answers where a.author != 0 {
            guard let threads = acceptedIn[a.author] else { continue }
            let elsewhere = threads.count - (threads.contains(a.thread) ? 1 : 0)
            if elsewhere > record[a.thread] ?? 0 { record[a.thread] = elsewhere }
        }
        return record
    }
}
