import Foundation
import TestSupport

/// pgbench on the same PostgreSQL, as the ceiling the server's figures are read against.
struct PgBench {
    /// One pgbench run's figures.
    struct Result: Codable {
        var mode: String
        var clients: Int
        var seconds: Int
        var tps: Double
        var latencyAverageMs: Double
    }

    let cluster: PostgresCluster
    let database: String

    /// `pgbench -i -s SCALE` into its own database (scale ≥ clients, so TPC-B's branch rows are
    /// not one hot spot).
    func initialize(scale: Int) throws {
        let r = try cluster.runClient("pgbench", ["-i", "-q", "-s", "\(scale)", database])
        guard r.status == 0 else { throw PostgresError("pgbench -i failed (\(r.status)): \(r.stderr.suffix(400))") }
    }

    /// TPC-B (`selectOnly` false) or `-S` with `clients` clients on 2 threads for `seconds`.
    func run(selectOnly: Bool, clients: Int, seconds: Int) throws -> Result {
        var args = ["-n", "-c", "\(clients)", "-j", "2", "-T", "\(seconds)"]
        if selectOnly { args.append("-S") }
        let r = try cluster.runClient("pgbench", args + [database])
        guard r.status == 0, let tps = Self.number(after: "tps = ", in: r.stdout) else {
            throw PostgresError("pgbench \(args.joined(separator: " ")) failed (\(r.status)): \(r.stderr.suffix(400)) \(r.stdout.suffix(400))")
        }
        return Result(mode: selectOnly ? "select-only (-S)" : "TPC-B", clients: clients, seconds: seconds,
                      tps: tps, latencyAverageMs: Self.number(after: "latency average = ", in: r.stdout) ?? 0)
    }

    /// The number right after `marker` in pgbench's report.
    static func number(after marker: String, in text: String) -> Double? {
        guard let r = text.range(of: marker) else { return nil }
        return Double(text[r.upperBound...].prefix { $0.isNumber || $0 == "." })
    }
}

/// Peak figures sampled once a second while the load runs: the server's resident memory and
/// PostgreSQL's connections.
final class ResourceSampler: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var peakRSSKiB = 0
    private(set) var lastRSSKiB = 0
    private(set) var peakConnections = 0
    private(set) var peakActive = 0
    private var task: Task<Void, Never>?

    /// VmRSS of a process, in KiB (0 when it cannot be read).
    static func rssKiB(pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func start(pids: @escaping @Sendable () -> [Int32], cluster: PostgresCluster, database: String) {
        task = Task.detached { [weak self] in
            while !Task.isCancelled {
                self?.sample(pids: pids(), cluster: cluster, database: database)
                try? await Task.sleep(nanoseconds: 1_000_000_000) // sampling period, not synchronisation
            }
        }
    }

    func sample(pids: [Int32], cluster: PostgresCluster, database: String) {
        let rss = pids.map { Self.rssKiB(pid: $0) }.reduce(0, +)
        let row = (try? cluster.psql("SELECT count(*), count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity "
            + "WHERE datname = '\(database)' AND pid <> pg_backend_pid()")) ?? ""
        let parts = row.split(separator: "|").compactMap { Int($0) }
        lock.lock()
        lastRSSKiB = rss
        peakRSSKiB = max(peakRSSKiB, rss)
        if parts.count == 2 {
            peakConnections = max(peakConnections, parts[0])
            peakActive = max(peakActive, parts[1])
        }
        lock.unlock()
    }

    func stop() { task?.cancel() }
}
