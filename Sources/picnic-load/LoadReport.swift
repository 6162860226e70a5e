import Foundation

/// One burst's figures.
struct BurstResult: Codable {
    var endpoints: [EndpointSummary]
    var requestsPerSecond: Double
}

/// Everything one run measured, as text (stdout) and JSON, with the goals of issue 12 checked.
final class LoadReport: @unchecked Sendable {
    let users: Int, seconds: Int, writers: Int, burstSeconds: Int
    var steady: [EndpointSummary] = []
    var steadyRequestsPerSecond = 0.0
    var fanout: (times: [Double], missed: Int) = ([], 0)
    var rssDuringSteadyKiB = 0
    var connectionsDuringSteady = 0
    var writeBurst = BurstResult(endpoints: [], requestsPerSecond: 0)
    var readBurst = BurstResult(endpoints: [], requestsPerSecond: 0)
    var pullBurst = BurstResult(endpoints: [], requestsPerSecond: 0)
    var peakRSSKiB = 0
    var peakConnections = 0
    var peakActive = 0
    var pgbench: [PgBench.Result] = []
    var loadAverage = ""
    var totalSeconds = 0.0

    init(users: Int, seconds: Int, writers: Int, burstSeconds: Int) {
        self.users = users
        self.seconds = seconds
        self.writers = writers
        self.burstSeconds = burstSeconds
    }

    private func rate(_ b: BurstResult, _ endpoint: String) -> Double {
        b.endpoints.first { $0.endpoint == endpoint }?.perSecond ?? 0
    }

    private func pg(_ mode: String, _ clients: Int) -> PgBench.Result? {
        pgbench.first { $0.mode.hasPrefix(mode) && $0.clients == clients }
    }

    /// The goals: (what, measured, goal, met).
    var goals: [(String, String, Bool)] {
        var g: [(String, String, Bool)] = []
        let postP99 = steady.first { $0.endpoint == SimulatedUser.putPost }?.p99 ?? .infinity
        g.append(("post p99 at \(users) users < 20 ms", String(format: "%.2f ms", postP99), postP99 < 20))
        let fan = percentile(fanout.times, 0.99)
        g.append(("fan-out p99 < 2 s (missed \(fanout.missed))", String(format: "%.0f ms", fan),
                  fan < 2000 && fanout.missed == 0 && !fanout.times.isEmpty))
        if let tpcb = pg("TPC-B", writers) {
            let posts = rate(writeBurst, SimulatedUser.putPost)
            g.append(("posting ≥ ½ pgbench TPC-B (\(writers) clients)",
                      String(format: "%.0f/s vs %.0f tps = %.2f", posts, tpcb.tps, posts / tpcb.tps), posts >= tpcb.tps / 2))
        }
        if let select = pg("select", writers) {
            let reads = rate(readBurst, SimulatedUser.getPost)
            g.append(("reads ≥ ¼ pgbench -S (\(writers) clients)",
                      String(format: "%.0f/s vs %.0f tps = %.2f", reads, select.tps, reads / select.tps), reads >= select.tps / 4))
        }
        return g
    }

    func text() -> String {
        var out = "picnic-load: \(users) users × \(seconds) s, bursts of \(writers) × \(burstSeconds) s, load average \(loadAverage)\n\n"
        func table(_ title: String, _ rows: [EndpointSummary], _ rps: Double) {
            out += "\(title): \(String(format: "%.1f", rps)) requests/s\n"
            out += "  endpoint                          count      /s     p50 ms    p99 ms    max ms  failed\n"
            for r in rows {
                out += "  " + r.endpoint.padding(toLength: 32, withPad: " ", startingAt: 0)
                    + String(format: "%7d %8.1f %9.2f %9.2f %9.2f %7d\n", r.count, r.perSecond, r.p50, r.p99, r.max, r.failures)
                if let e = r.example, r.failures > 0 { out += "    first failure: \(e)\n" }
            }
            out += "\n"
        }
        table("steady (\(users) users, live streams)", steady, steadyRequestsPerSecond)
        let f = fanout.times
        out += String(format: "fan-out (post 2xx → every live client pulled it): %d posts, p50 %.1f ms, p99 %.1f ms, max %.1f ms, missed %d\n",
                      f.count, percentile(f, 0.5), percentile(f, 0.99), f.last ?? 0, fanout.missed)
        out += "server RSS: \(rssDuringSteadyKiB / 1024) MiB peak during steady, \(peakRSSKiB / 1024) MiB peak overall\n"
        out += "PostgreSQL connections to the community database: \(connectionsDuringSteady) peak during steady, "
            + "\(peakConnections) peak overall (\(peakActive) active at most)\n\n"
        table("write burst (\(writers) writers)", writeBurst.endpoints, writeBurst.requestsPerSecond)
        table("read burst (\(writers) readers)", readBurst.endpoints, readBurst.requestsPerSecond)
        table("pull burst (\(writers) readers)", pullBurst.endpoints, pullBurst.requestsPerSecond)
        if !pgbench.isEmpty {
            out += "pgbench on the same PostgreSQL (2 threads):\n"
            for r in pgbench {
                out += "  " + "\(r.mode), \(r.clients) clients".padding(toLength: 30, withPad: " ", startingAt: 0)
                    + String(format: "%9.0f tps  latency avg %.2f ms\n", r.tps, r.latencyAverageMs)
            }
            out += "\n"
        }
        out += "goals:\n"
        for (what, measured, met) in goals {
            out += "  [\(met ? "met" : "MISSED")] \(what): \(measured)\n"
        }
        out += String(format: "total run time %.0f s\n", totalSeconds)
        return out
    }

    func json() throws -> Data {
        struct Doc: Codable {
            var users: Int, seconds: Int, writers: Int, burstSeconds: Int, loadAverage: String
            var steady: [EndpointSummary], steadyRequestsPerSecond: Double
            var fanoutP50Ms: Double, fanoutP99Ms: Double, fanoutPosts: Int, fanoutMissed: Int
            var peakRSSKiB: Int, peakConnections: Int
            var writeBurst: BurstResult, readBurst: BurstResult, pullBurst: BurstResult
            var pgbench: [PgBench.Result]
        }
        let doc = Doc(users: users, seconds: seconds, writers: writers, burstSeconds: burstSeconds, loadAverage: loadAverage,
                      steady: steady, steadyRequestsPerSecond: steadyRequestsPerSecond,
                      fanoutP50Ms: percentile(fanout.times, 0.5), fanoutP99Ms: percentile(fanout.times, 0.99),
                      fanoutPosts: fanout.times.count, fanoutMissed: fanout.missed,
                      peakRSSKiB: peakRSSKiB, peakConnections: peakConnections,
                      writeBurst: writeBurst, readBurst: readBurst, pullBurst: pullBurst, pgbench: pgbench)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(doc)
    }
}
