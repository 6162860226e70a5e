import CommunityAPI

/// 429 with its `Retry-After` (an `APIError` has no headers).
struct TooManyRequests: Error {
    var retryAfter: Int
    var error: APIError {
        APIError(.tooManyRequests, "too many failed logins from this address: try again in \(retryAfter) s")
    }
}

/// The database told the server a page from the replica would be behind: read the primary.
struct ReplicaBehind: Error {}
