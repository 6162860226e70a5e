import Foundation
import Testing
import TestSupport

/// `picnic-load` itself, on a short run against the shared PostgreSQL: every phase runs, its
/// requests succeed, every post reaches every live client, pgbench runs beside it, and bad
/// options are refused with exit 64.
@Suite(.enabled(if: PostgresTest.isEnabled, "\(PostgresTest.skipMessage)"))
struct LoadGeneratorTests {
    static var binary: String { TestSupport.binary("picnic-load").path }

    @Test func aShortRunMeasuresEveryPhaseWithoutFailuresAndPgbenchBesideIt() throws {
        let cluster = try PostgresTest.cluster()
        let json = TestSupport.makeTempDirectory("picnic-load").appendingPathComponent("figures.json")
        defer { try? FileManager.default.removeItem(at: json.deletingLastPathComponent()) }
        let r = try Spawn.capture(Self.binary, [
            "--db", cluster.url, "--server-binary", PicnicServerProcess.binary.path,
            "--users", "4", "--seconds", "3", "--think-min", "0.2", "--think-max", "0.4",
            "--writers", "2", "--burst-seconds", "1", "--pgbench-seconds", "1", "--pgbench-scale", "1", "--json", json.path,
        ])
        #expect(r.status == 0, "picnic-load exited \(r.status): \(r.stderr.suffix(800))")
        for phase in ["steady (4 users, live streams)", "write burst (2 writers)", "read burst (2 readers)",
                      "pull burst (2 readers)", "pgbench on the same PostgreSQL", "TPC-B, 2 clients",
                      "select-only (-S), 4 clients", "goals:"] {
            #expect(r.stdout.contains(phase), "no '\(phase)' in:\n\(r.stdout)")
        }
        struct Figures: Decodable {
            struct Endpoint: Decodable { var endpoint: String; var count: Int; var failures: Int }
            struct Burst: Decodable { var endpoints: [Endpoint] }
            struct Bench: Decodable { var mode: String; var clients: Int; var tps: Double }
            var steady: [Endpoint]
            var writeBurst: Burst, readBurst: Burst, pullBurst: Burst
            var fanoutPosts: Int, fanoutMissed: Int, peakRSSKiB: Int, peakConnections: Int
            var pgbench: [Bench]
        }
        let f = try JSONDecoder().decode(Figures.self, from: Data(contentsOf: json))
        let all = f.steady + f.writeBurst.endpoints + f.readBurst.endpoints + f.pullBurst.endpoints
        #expect(all.allSatisfy { $0.failures == 0 }, "failed requests: \(all.filter { $0.failures > 0 })")
        for endpoint in ["PUT /v1/posts/ID", "PUT /v1/posts/ID/vote", "GET /v1/changes"] {
            #expect((f.steady.first { $0.endpoint == endpoint }?.count ?? 0) > 0, "no \(endpoint) in the steady phase")
        }
        #expect((f.readBurst.endpoints.first { $0.endpoint == "GET /v1/posts/ID" }?.count ?? 0) > 0)
        #expect(f.fanoutPosts > 0 && f.fanoutMissed == 0)
        #expect(f.peakRSSKiB > 0 && f.peakConnections > 0)
        #expect(f.pgbench.count == 4 && f.pgbench.allSatisfy { $0.tps > 0 })
    }

    @Test func badOptionsAreRefusedWithExit64() throws {
        let r = try Spawn.capture(Self.binary, ["--users", "0"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--users"))
        let think = try Spawn.capture(Self.binary, ["--think-min", "3", "--think-max", "1"])
        #expect(think.status == 64)
    }
}
