import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic-bench queue`: `picnic add` / `picnic list` against Taskwarrior 2.6's `task add` /
/// `task next`, as whole processes, at several queue sizes; prints medians and ratios.
struct QueueBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Time picnic add/list against Taskwarrior's task add/next (medians, ratios).",
        discussion: """
        Build first: PICNIC_STATIC_RELEASE=1 swift build -c release --static-swift-stdlib --pkg-config-path Sources/picnic/StaticLink --scratch-path .build-release
        then: .build-release/release/picnic-bench queue. Each size gets fresh stores in a temp folder
        (Taskwarrior with a private TASKRC and data.location), filled with the same tasks.
        """)

    @Option(help: "Runs per measurement (the median is reported).")
    var runs = 21

    @Option(help: "Queue sizes, comma-separated.")
    var sizes = "1000,10000"

    @Option(help: "The picnic binary (default: beside this one).")
    var picnic: String?

    @Option(help: "The Taskwarrior binary.")
    var task = "/usr/bin/task"

    @Option(help: "Only write a picnic store of the first size's sample queue to this path (for profiling) and exit.")
    var writeStore: String?

    func run() throws {
        if let path = writeStore {
            let size = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.first ?? 1000
            try AppDatabase(path: path).saveImportedTasks(Self.sampleTasks(size))
            print("wrote \(size) tasks to \(path)")
            return
        }
        let picnicPath = picnic ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("picnic").path
        guard FileManager.default.isExecutableFile(atPath: picnicPath) else {
            throw ValidationError("no picnic binary at \(picnicPath) (build it, or pass --picnic)")
        }
        let haveTask = FileManager.default.isExecutableFile(atPath: task)
        if !haveTask { print("Taskwarrior not found at \(task): timing picnic only (apt-get install taskwarrior)") }
        print("picnic: \(picnicPath)")
        BuildCheck.warnIfNotFastBuild(picnicPath)
        if haveTask { print("task:   \(task) \(Self.capture(task, ["--version"], env: [:]).trimmingCharacters(in: .whitespacesAndNewlines))") }
        print("runs per figure: \(runs) (median)\n")
        print(pad("", 21) + pad("wall-clock median", 29) + "CPU (user+sys) median")
        print(pad("tasks", 7) + pad("command", 14) + pad("picnic ms", 11) + pad("task ms", 10) + pad("ratio", 8)
              + pad("picnic ms", 11) + pad("task ms", 10) + "ratio")
        for size in sizes.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-bench-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let tasks = Self.sampleTasks(size)
            let db = dir.appendingPathComponent("picnic.sqlite").path
            try AppDatabase(path: db).saveImportedTasks(tasks)
            let pEnv = ["PICNIC_DB": db]
            var tEnv: [String: String] = [:]
            if haveTask { tEnv = try Self.taskwarrior(in: dir, tasks: tasks, binary: task) }

            let addArgs = ["add", "Bench", "task", "+bench", "project:perf", "due:fri", "pri:M"]
            let pAdd = median(runs) { Self.time(picnicPath, addArgs, env: pEnv) }
            let tAdd = haveTask ? median(runs) { Self.time(task, addArgs, env: tEnv) } : nil
            report(size, "add", pAdd, tAdd)
            let pList = median(runs) { Self.time(picnicPath, ["list"], env: pEnv) }
            let tNext = haveTask ? median(runs) { Self.time(task, ["next"], env: tEnv) } : nil
            report(size, "list / next", pList, tNext)
            let pJSON = median(runs) { Self.time(picnicPath, ["list", "--json"], env: pEnv) }
            let tExport = haveTask ? median(runs) { Self.time(task, ["export"], env: tEnv) } : nil
            report(size, "json / export", pJSON, tExport)
        }
        print("\nGoal: picnic/task at most 0.50 for add and list.")
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

    func report(_ size: Int, _ what: String, _ p: Sample, _ t: Sample?) {
        func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "-" }
        func r(_ a: Double, _ b: Double?) -> String { b.map { String(format: "%.2f", a / $0) } ?? "-" }
        print(pad("\(size)", 7) + pad(what, 14) + pad(f(p.wall), 11) + pad(f(t?.wall), 10) + pad(r(p.wall, t?.wall), 8)
              + pad(f(p.cpu), 11) + pad(f(t?.cpu), 10) + r(p.cpu, t?.cpu))
    }

    /// Medians of wall and CPU time over `n` runs, after one warm-up run.
    func median(_ n: Int, _ sample: () -> Sample) -> Sample {
        _ = sample() // warm the page cache
        let xs = (0..<max(1, n)).map { _ in sample() }
        let wall = xs.map(\.wall).sorted(), cpu = xs.map(\.cpu).sorted()
        return Sample(wall: wall[wall.count / 2], cpu: cpu[cpu.count / 2])
    }

    /// The same varied queue for both tools: tags, projects, priorities, some due dates.
    static func sampleTasks(_ n: Int) -> [WorkTask] {
        let now = Date().truncatedToSeconds
        let priorities: [Priority?] = [.H, .M, .L, nil]
        return (0..<n).map { (i: Int) -> WorkTask in
            let project: String? = i % 3 == 0 ? "p\(i % 13)" : nil
            let tags: [String] = i % 2 == 0 ? ["t\(i % 7)"] : []
            let offset = Double(i % 40 - 10) * 86400
            let due: Date? = i % 5 == 0 ? now.addingTimeInterval(offset) : nil
            let created = now.addingTimeInterval(-Double(i) * 600)
            return WorkTask(number: i + 1, title: "Task \(i) of the benchmark queue", project: project, tags: tags,
                            priority: priorities[i % 4], due: due, created: created)
        }
    }

    /// A private Taskwarrior (TASKRC + data.location) filled with `tasks` through `task import`.
    static func taskwarrior(in dir: URL, tasks: [WorkTask], binary: String) throws -> [String: String] {
        let data = dir.appendingPathComponent("task")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let rc = dir.appendingPathComponent("taskrc")
        try """
        data.location=\(data.path)
        confirmation=no
        verbose=nothing
        hooks=off
        color=off
        recurrence=off
        """.write(to: rc, atomically: true, encoding: .utf8)
        func tw(_ d: Date) -> String {
            let s = TaskJSON.format(d) // 2026-12-01T14:00:00Z → 20261201T140000Z
            return s.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        }
        var items: [[String: Any]] = []
        for t in tasks {
            var o: [String: Any] = ["uuid": t.uuid.uuidString.lowercased(), "description": t.title,
                                    "status": "pending", "entry": tw(t.created)]
            if let p = t.project { o["project"] = p }
            if !t.tags.isEmpty { o["tags"] = t.tags }
            if let p = t.priority { o["priority"] = p.rawValue }
            if let d = t.due { o["due"] = tw(d) }
            items.append(o)
        }
        let file = dir.appendingPathComponent("import.json")
        try JSONSerialization.data(withJSONObject: items).write(to: file)
        let env = ["TASKRC": rc.path, "TASKDATA": data.path]
        _ = capture(binary, ["import", file.path], env: env)
        return env
    }

    /// Milliseconds to run a process to completion (output to /dev/null): wall clock,
    /// and the CPU time (user + system) the child used, which a busy machine disturbs less.
    static func time(_ path: String, _ args: [String], env: [String: String]) -> Sample {
        var e = env
        e["NO_COLOR"] = "1"
        let run = Spawn.run(path, args, environment: e)
        return Sample(wall: run.wall, cpu: run.cpu)
    }

    /// One run: wall-clock and CPU milliseconds.
    struct Sample { var wall: Double; var cpu: Double }

    @discardableResult
    static func capture(_ path: String, _ args: [String], env: [String: String]) -> String {
        var e = env
        e["NO_COLOR"] = "1"
        return Spawn.output(path, args, environment: e)
    }
}
