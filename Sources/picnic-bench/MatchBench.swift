import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic-bench match --posts 10000,100000,1000000`: index build rate, database size and match
/// latency (p50/p99) on synthetic corpora. Goals: p99 < 2 ms at 100k posts, < 16 ms at 1M.
struct MatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Build synthetic corpora, then time the matcher on realistic task queries.")

    @Option(help: "Corpus sizes in posts (questions and answers), comma-separated.")
    var posts = "10000,100000,1000000"

    @Option(help: "Timed match queries per corpus.")
    var queries = 400

    @Option(help: "Random seed (same seed, same corpus and queries).")
    var seed: UInt64 = 7

    @Option(help: "Keep the databases in this folder (default: a temp folder, removed after).")
    var keep: String?

    @Flag(help: "With --keep: time matches on the databases already there instead of building them again.")
    var reuse = false

    func run() throws {
        let sizes = try posts.split(separator: ",").map { s -> Int in
            guard let n = Int(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")), n > 0 else {
                throw ValidationError("--posts: \(s) is not a positive number")
            }
            return n
        }
        let dir = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("picnic-match-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        print("Wall-clock ms per match (the machine may be shared); CPU ms of this process for the match and each stage.")
        print("posts       threads  build s  posts/s   db MB   match p50 ms  p90 ms  p99 ms  max ms  cpu p50/p99 ms  cpu1 p50/p99    cpu2 p50/p99    +cache p50/p99  strong/q  source@10")
        for size in sizes { try bench(size, dir) }
    }

    func bench(_ size: Int, _ dir: URL) throws {
        let path = dir.appendingPathComponent("match-\(size).sqlite").path
        let reusing = reuse && keep != nil && FileManager.default.fileExists(atPath: path)
        if !reusing {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let db = try AppDatabase(path: path)
        var corpus = SyntheticCorpus(seed: seed)
        var serial = 0
        var written = reusing ? size : 0
        var buildTime = Duration.zero
        while written < size {
            let batch = corpus.batch(posts: min(20_000, size - written), startingAt: &serial)
            let t = ContinuousClock.now
            try db.importPosts(batch)
            buildTime += t.duration(to: .now)
            written += batch.count
        }
        try db.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let bytes = ["", "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int }.reduce(0, +)
        let threads = try db.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM posts WHERE parent IS NULL") ?? 0 }

        // Tasks drawn from random threads' titles, reworded (see SyntheticCorpus.task).
        var rng = SplitMix(seed: seed &+ UInt64(size))
        let maxID = try db.pool.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM posts") ?? 1 }
        var tasks: [WorkTask] = []
        var sources: [UUID: Int64] = [:]
        while tasks.count < queries + 20 {
            let id = Int64(rng.next() % UInt64(maxID)) + 1
            guard let p = try db.post(id: id), p.parent == nil else { continue }
            let task = corpus.task(from: p)
            tasks.append(task)
            sources[task.uuid] = id
        }
        var plain = MatchOptions(limit: 10)
        plain.recordCache = false
        for t in tasks.prefix(20) { _ = try db.match(task: t, options: plain) } // warm the cache
        var times: [Double] = [], cpu: [Double] = [], stage1: [Double] = [], stage2: [Double] = []
        var strong = 0, found = 0
        for t in tasks.dropFirst(20) {
            let start = ContinuousClock.now
            let c0 = Self.cpuMS()
            let m = try db.match(task: t, options: plain)
            cpu.append(Self.cpuMS() - c0)
            times.append(Self.ms(start.duration(to: .now)))
            strong += m.filter(\.strong).count
            if m.contains(where: { $0.post.id == sources[t.uuid] }) { found += 1 }
            // The same match in its two stages: candidates from SQLite, then the Swift rerank.
            let q = MatchQuery(task: t)
            let s0 = Self.cpuMS()
            let (candidates, stats) = try db.matchCandidates(query: q, taskUUID: t.uuid, options: plain)
            let s1 = Self.cpuMS()
            _ = plain.ranker.rank(query: q, candidates: candidates, stats: stats, limit: 10)
            stage1.append(s1 - s0)
            stage2.append(Self.cpuMS() - s1)
        }
        cpu.sort(); stage1.sort(); stage2.sort()
        var cached: [Double] = []
        for t in tasks.dropFirst(20).prefix(max(50, queries / 4)) {
            let start = ContinuousClock.now
            _ = try db.match(task: t, limit: 10)
            cached.append(Self.ms(start.duration(to: .now)))
        }
        times.sort()
        cached.sort()
        let seconds = Self.ms(buildTime) / 1000
        print([
            String(size).pad(10), String(threads).pad(9), String(format: "%7.1f", seconds).pad(8),
            (reusing ? "reused" : String(Int(Double(size) / seconds))).pad(9), String(format: "%7.1f", Double(bytes) / 1e6),
            String(format: "%10.2f", Self.quantile(times, 0.5)).pad(13), String(format: "%6.2f", Self.quantile(times, 0.9)).pad(7),
            String(format: "%6.2f", Self.quantile(times, 0.99)).pad(7), String(format: "%6.2f", times.last ?? 0).pad(7),
            Self.pair(cpu).pad(15), Self.pair(stage1).pad(15), Self.pair(stage2).pad(15),
            Self.pair(cached).pad(14),
            String(format: "%.2f", Double(strong) / Double(max(times.count, 1))).pad(9),
            String(format: "%.1f%%", 100 * Double(found) / Double(max(times.count, 1))).pad(8),
        ].joined(separator: " "))
    }

    static func pair(_ sorted: [Double]) -> String {
        String(format: "%.2f / %.2f", quantile(sorted, 0.5), quantile(sorted, 0.99))
    }

    /// CPU time of this process, in ms.
    static func cpuMS() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) / 1e6
    }

    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1)]
    }

    static func ms(_ d: Duration) -> Double {
        let c = d.components
        return (Double(c.seconds) + Double(c.attoseconds) / 1e18) * 1000
    }
}

extension String {
    func pad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
