import ArgumentParser
import Foundation
import GRDB
import PicnicStore
#if canImport(Glibc)
import Glibc
#endif

/// `picnic-bench status`: the whole `picnic status --tmux` process against a store with 10k tasks
/// and 1M posts (bulk SQL), timed N times; prints median and p99 wall-clock milliseconds.
struct StatusBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Time `picnic status --tmux` at 10k tasks and 1M posts (median, p99).",
        discussion: """
        Build first: PICNIC_STATIC_RELEASE=1 swift build -c release --static-swift-stdlib --pkg-config-path Sources/picnic/StaticLink --scratch-path .build-release
        then: .build-release/release/picnic-bench status [--runs 200]. The store is generated in a
        temp folder with bulk INSERT … SELECT over a recursive CTE (posts skip the FTS index,
        which status never reads), then removed.
        """)

    @Option(help: "Timed runs (after 5 warm-up runs).") var runs = 200
    @Option(help: "Tasks in the store (a fifth of them open).") var tasks = 10_000
    @Option(help: "Posts in the store.") var posts = 1_000_000
    @Option(help: "The picnic binary (default: beside this one).") var picnic: String?
    @Option(help: "Keep the store at this path: generated when missing, reused (not regenerated) when present.")
    var store: String?

    func run() throws {
        let picnicPath = picnic ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("picnic").path
        guard FileManager.default.isExecutableFile(atPath: picnicPath) else {
            throw ValidationError("no picnic binary at \(picnicPath) (build it, or pass --picnic)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-status-bench-\(getpid())")
        let path = store ?? dir.appendingPathComponent("bench.sqlite").path
        if store == nil {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        defer { if store == nil { try? FileManager.default.removeItem(at: dir) } }
        let t0 = Date()
        if store == nil || !FileManager.default.fileExists(atPath: path) {
            try Self.fill(path: path, tasks: tasks, posts: posts)
        } else {
            print("reusing the store at \(path) (--tasks and --posts ignored)")
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int ?? 0) / 1_000_000
        print(String(format: "store: %d tasks, %d posts, %d MB, generated in %.1f s", tasks, posts, size, Date().timeIntervalSince(t0)))
        print("binary: \(picnicPath)")
        BuildCheck.warnIfNotFastBuild(picnicPath)
        let args = ["--db", path, "status", "--tmux"]
        print("output: \(Self.output(picnicPath, args))")
        for _ in 0..<5 { _ = Self.time(picnicPath, args) }
        let samples = (0..<runs).map { _ in Self.time(picnicPath, args) }
        var load = [0.0, 0, 0]
        _ = getloadavg(&load, 3)
        for (name, values) in [("wall", samples.map(\.wall)), ("CPU ", samples.map(\.cpu))] {
            let v = values.sorted()
            let p99 = v[min(v.count - 1, Int(Double(v.count) * 0.99))]
            print("picnic status --tmux \(name): " + String(format: "median %.2f ms, p99 %.2f ms, min %.2f ms, max %.2f ms (%d runs)",
                         v[v.count / 2], p99, v.first!, v.last!, runs))
        }
        print(String(format: "load average %.1f (CPU is user + system time of the process)", load[0]))
    }

    static func fill(path: String, tasks: Int, posts: Int) throws {
        _ = try AppDatabase(path: path) // the real schema, through the real migrations
        let q = try DatabaseQueue(path: path)
        let now = Int(Date().timeIntervalSince1970)
        try q.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(tasks))
                INSERT INTO tasks (uuid, number, title, tags, project, due, status, created, modified, started)
                SELECT lower(hex(randomblob(16))), CASE WHEN i % 5 = 0 THEN i / 5 END,
                       'Task number ' || i || ' about arm64 runners', ' ci ops ', 'infra',
                       CASE WHEN i % 7 = 0 THEN \(now) + (i % 5 - 2) * 86400 END,
                       CASE WHEN i = 5 THEN 'active' WHEN i % 5 = 0 THEN 'pending' ELSE 'done' END,
                       \(now) - i, \(now) - i, CASE WHEN i = 5 THEN \(now) END
                  FROM n;
                INSERT INTO match_cache (task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids,
                                         task_status, task_wait, current)
                SELECT uuid, modified, 0.8, abs(random()) % 3, \(now), '[1,2,3]', status, wait, 1 FROM tasks WHERE number IS NOT NULL;
                """)
        }
        try q.write { db in
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(posts))
                INSERT INTO posts (kind, title, body, tags, author, space, created, votes, accepted)
                SELECT 'question', 'Post ' || i || ' on flaky builds', 'Body of post ' || i, '["ci"]', 'someone', 'ops',
                       \(now) - i, i % 50, 0 FROM n;
                """)
        }
    }

    /// Wall-clock and CPU (user + system) milliseconds for one whole process run, output to /dev/null.
    static func time(_ path: String, _ args: [String]) -> (wall: Double, cpu: Double) {
        let run = Spawn.run(path, args)
        return (run.wall, run.cpu)
    }

    static func output(_ path: String, _ args: [String]) -> String {
        Spawn.output(path, args).trimmingCharacters(in: .newlines)
    }
}
