import Foundation

/// Slows repeated failed logins from one address: after `limit` failures within `window` seconds
/// (a minute) the address gets 429 until that window has passed (per server instance, as the contract says).
final class LoginThrottle: @unchecked Sendable {
    private let limit: Int
    private let window: Double
    private var failures: [String: [Double]] = [:]
    private let lock = NSLock()
    private let now: @Sendable () -> Double

    init(limit: Int, window: Double = 60, now: @escaping @Sendable () -> Double = { ProcessInfo.processInfo.systemUptime }) {
        self.limit = limit
        self.window = window
        self.now = now
    }

    /// Seconds until the address may try again, or nil when it may now.
    func retryAfter(_ address: String) -> Int? {
        lock.lock(); defer { lock.unlock() }
        let t = now()
        guard var list = failures[address] else { return nil }
        list.removeAll { t - $0 >= window }
        failures[address] = list.isEmpty ? nil : list
        guard list.count >= limit, let oldest = list.first else { return nil }
        return max(1, Int((oldest + window - t).rounded(.up)))
    }

    /// Records a failed login.
    func failed(_ address: String) {
        lock.lock(); defer { lock.unlock() }
        let t = now()
        var list = failures[address] ?? []
        list.removeAll { t - $0 >= window }
        list.append(t)
        failures[address] = list
        if failures.count > 10_000 {   // many addresses: drop the settled ones
            failures = failures.filter { $0.value.contains { t - $0 < window } }
        }
    }
}
