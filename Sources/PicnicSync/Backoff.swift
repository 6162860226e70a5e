import Foundation

/// How long to wait before trying again.
public enum Backoff {
    /// An outbox entry after its `attempt`th failure: 2, 4, 8 … s up to 5 min, with ±20% jitter
    /// so that many clients coming back at once do not send in lockstep; `Retry-After` wins.
    public static func outbox(attempt: Int, retryAfter: Double? = nil) -> TimeInterval {
        if let retryAfter, retryAfter > 0 { return retryAfter }
        let base = min(300, pow(2, Double(min(max(attempt, 1), 12))))
        return base * Double.random(in: 0.8...1.2)
    }

    /// Reconnecting the live stream: the server's `retry` advice first, then doubling while the
    /// server stays away, up to 30 s (docs/CommunityAPI.md, "Live delivery").
    public static func reconnect(failures: Int, advice: TimeInterval) -> TimeInterval {
        guard failures > 1 else { return advice }
        return min(30, advice * pow(2, Double(min(failures - 1, 8))))
    }
}
