import TermUI
import Foundation
import PicnicCore

/// A community thread matched to a task. (Interim until the matcher's type lands in PicnicCore.)
public struct ThreadMatch: Equatable, Hashable, Sendable {
    /// The thread's root post.
    public var post: Post
    /// Ranking score (higher is better).
    public var score: Double
    /// How sure the match is, 0…1.
    public var confidence: Double
    /// Whether the match clears the calibrated "strong" threshold.
    public var strong: Bool
    /// Why it matched, for people: e.g. `“arm64” “runner” in title`.
    public var reason: String
    /// Number of answers in the thread.
    public var answers: Int

    public init(post: Post, score: Double, confidence: Double, strong: Bool, reason: String, answers: Int = 0) {
        self.post = post; self.score = score; self.confidence = confidence
        self.strong = strong; self.reason = reason; self.answers = answers
    }
}
