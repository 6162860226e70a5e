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
        Build first: swift build -c release --static-swift-stdlib --scratch-path .build-release
        then: .build-release/release/picnic-bench status [--runs 200]. The store is generated in a
        temp folder with bulk INSERT … SELECT over a recursive CTE (posts skip the FTS index,
        which status never reads), then removed.
        """)

    @Option(help: "Timed runs (after 5 warm-up runs).") var runs = 200
    @Option(help: "Tasks in the store (a fifth of them open).") var tasks = 10_000
    @Option(help: "Posts in the store.") var posts = 1_000_000
    @Option(help: "The picnic binary (default: beside this one).") var picnic: String?

    func run() throws {
        let picnicPath = picnic ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("picnic").path
        guard FileManager.default.isExecutableFile(atPath: picnicPath) else {
            throw ValidationError("no picnic binary at \(picnicPath) (build it, or pass --picnic)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-status-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("bench.sqlite").path
        let t0 = Date()
        try Self.fill(path: path, tasks: tasks, posts: posts)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int ?? 0) / 1_000_000
        print(String(format: "store: %d tasks, %d posts, %d MB, generated in %.1f s", tasks, posts, size, Date().timeIntervalSince(t0)))
        print("binary: \(picnicPath)")
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
                INSERT INTO match_cache (task_uuid, task_modified, best_confidence, strong_count, computed_at, top_post_ids)
                SELECT uuid, modified, 0.8, abs(random()) % 3, \(now), '[1,2,3]' FROM tasks WHERE number IS NOT NULL;
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
        let start = DispatchTime.now().uptimeNanoseconds
        let run = spawnAndWait(path, args, stdout: "/dev/null")
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, run.cpu)
    }

    static func output(_ path: String, _ args: [String]) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("status-out-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = spawnAndWait(path, args, stdout: file).status
        return ((try? String(contentsOfFile: file, encoding: .utf8)) ?? "").trimmingCharacters(in: .newlines)
    }

    /// Runs the process to its end; its exit status and the CPU milliseconds it used (wait4).
    static func spawnAndWait(_ path: String, _ args: [String], stdout: String) -> (status: Int32, cpu: Double) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return (-1, 0) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1e3 + Double(t.tv_usec) / 1e3 }
        return (status, ms(usage.ru_utime) + ms(usage.ru_stime))
    }
}
