import Foundation

/// Monotonic nanoseconds, for latencies.
@inline(__always) func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Milliseconds between two `now()` readings.
@inline(__always) func ms(_ from: UInt64, _ to: UInt64 = now()) -> Double { Double(to &- from) / 1e6 }

/// Latencies and failures per endpoint for one phase of the run, from many tasks at once.
final class LatencyBook: @unchecked Sendable {
    private let lock = NSLock()
    private var samples: [String: [Double]] = [:]
    private var failures: [String: Int] = [:]
    private var examples: [String: String] = [:]
    private(set) var started = now()
    private(set) var ended: UInt64?

    func record(_ endpoint: String, _ milliseconds: Double) {
        lock.lock()
        samples[endpoint, default: []].append(milliseconds)
        lock.unlock()
    }

    func fail(_ endpoint: String, _ error: Error) {
        lock.lock()
        failures[endpoint, default: 0] += 1
        if examples[endpoint] == nil { examples[endpoint] = String("\(error)".prefix(200)) }
        lock.unlock()
    }

    func start() { lock.lock(); started = now(); ended = nil; lock.unlock() }
    func end() { lock.lock(); ended = now(); lock.unlock() }

    /// The phase's length in seconds (so far, if it has not ended).
    var seconds: Double {
        lock.lock()
        defer { lock.unlock() }
        return Double((ended ?? now()) - started) / 1e9
    }

    /// Per endpoint: count, rate, p50, p99, max, failures (sorted by endpoint).
    func summary() -> [EndpointSummary] {
        lock.lock()
        let s = samples, f = failures, e = examples
        lock.unlock()
        let secs = seconds
        return Set(s.keys).union(f.keys).sorted().map { key in
            let sorted = (s[key] ?? []).sorted()
            return EndpointSummary(endpoint: key, count: sorted.count, perSecond: Double(sorted.count) / max(secs, 1e-9),
                                   p50: percentile(sorted, 0.50), p99: percentile(sorted, 0.99),
                                   max: sorted.last ?? 0, failures: f[key] ?? 0, example: e[key])
        }
    }

    /// All successful requests per second, every endpoint together.
    var requestsPerSecond: Double {
        lock.lock()
        let n = samples.values.reduce(0) { $0 + $1.count }
        lock.unlock()
        return Double(n) / max(seconds, 1e-9)
    }
}

/// One endpoint's figures in one phase.
struct EndpointSummary: Codable {
    var endpoint: String
    var count: Int
    var perSecond: Double
    var p50: Double
    var p99: Double
    var max: Double
    var failures: Int
    var example: String?
}

/// The value below which a share `q` of the sorted samples fall (nearest rank); 0 when empty.
func percentile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[min(max(rank, 0), sorted.count - 1)]
}

/// When each post's writer got its 2xx, and when each live client first pulled it: the fan-out
/// time of a post is the latest client's first pull minus the writer's 2xx (0 when a client
/// pulled it before the writer heard back).
final class FanoutTracker: @unchecked Sendable {
    private let lock = NSLock()
    private var acked: [UUID: UInt64] = [:]
    private var seen: [UUID: (count: Int, last: UInt64)] = [:]

    func acked(_ id: UUID, at t: UInt64) {
        lock.lock()
        acked[id] = t
        lock.unlock()
    }

    /// A client pulled the post for the first time (each client reports a post once).
    func seen(_ id: UUID, at t: UInt64) {
        lock.lock()
        let s = seen[id] ?? (0, 0)
        seen[id] = (s.count + 1, max(s.last, t))
        lock.unlock()
    }

    /// Whether every acked post has been pulled by `clients` clients.
    func complete(clients: Int) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return acked.keys.allSatisfy { (seen[$0]?.count ?? 0) >= clients }
    }

    /// Fan-out times (ms) of the posts every client pulled, and how many posts some client missed.
    func result(clients: Int) -> (times: [Double], missed: Int) {
        lock.lock()
        defer { lock.unlock() }
        var times: [Double] = []
        var missed = 0
        for (id, ack) in acked {
            guard let s = seen[id], s.count >= clients else { missed += 1; continue }
            times.append(s.last > ack ? Double(s.last - ack) / 1e6 : 0)
        }
        return (times.sorted(), missed)
    }
}

/// The posts written so far, for answers and votes to pick from.
final class PostPool: @unchecked Sendable {
    private let lock = NSLock()
    private var questions: [UUID] = []
    private var all: [(id: UUID, author: Int)] = []

    func add(_ id: UUID, author: Int, question: Bool) {
        lock.lock()
        all.append((id, author))
        if question { questions.append(id) }
        lock.unlock()
    }

    /// A recent question (of the last 200), or nil before the first.
    func randomQuestion() -> UUID? {
        lock.lock()
        defer { lock.unlock() }
        return questions.suffix(200).randomElement()
    }

    /// A recent post (of the last 500) that `user` did not write.
    func randomPost(notBy user: Int) -> UUID? {
        lock.lock()
        defer { lock.unlock() }
        let recent = all.suffix(500)
        for _ in 0..<8 {
            if let p = recent.randomElement(), p.author != user { return p.id }
        }
        return nil
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return all.count }
}
