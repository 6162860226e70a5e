import ArgumentParser
import Foundation
import PicnicCore
import PicnicFormats
import PicnicStore

/// `picnic-bench queue`: `picnic add` / `picnic list` / `picnic status` against Taskwarrior 2.6's
/// `task add` / `task next` (and an older picnic with `--before`), as whole processes, at several
/// queue sizes with a share of recurring and blocked tasks; prints medians and ratios.
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

    @Option(help: "Percent of the queue that is recurring or blocked (half each), e.g. 10; 0 for a plain queue.")
    var mix = 10

    @Option(help: "The picnic binary (default: beside this one).")
    var picnic: String?

    @Option(help: "An older picnic binary to time beside it, on the same queue (it gets the tasks without the series' templates, which it cannot hold).")
    var before: String?

    @Option(help: "The Taskwarrior binary.")
    var task = "/usr/bin/task"

    @Option(help: "Only write a picnic store of the first size's sample queue to this path (for profiling) and exit.")
    var writeStore: String?

    func run() throws {
        if let path = writeStore {
            let size = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.first ?? 1000
            let sample = Self.sample(size, mix: mix)
            _ = try AppDatabase(path: path).saveImported(sample.tasks, series: sample.series)
            print("wrote \(size) tasks (\(sample.series.count) series, \(mix)% recurring or blocked) to \(path)")
            return
        }
        let picnicPath = picnic ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("picnic").path
        guard FileManager.default.isExecutableFile(atPath: picnicPath) else {
            throw ValidationError("no picnic binary at \(picnicPath) (build it, or pass --picnic)")
        }
        if let b = before, !FileManager.default.isExecutableFile(atPath: b) { throw ValidationError("no picnic binary at \(b) (--before)") }
        let haveTask = FileManager.default.isExecutableFile(atPath: task)
        if !haveTask { print("Taskwarrior not found at \(task): timing picnic only (apt-get install taskwarrior)") }
        print("picnic: \(picnicPath)")
        BuildCheck.warnIfNotFastBuild(picnicPath)
        if let b = before { print("before: \(b)"); BuildCheck.warnIfNotFastBuild(b) }
        if haveTask { print("task:   \(task) \(Self.capture(task, ["--version"], env: [:]).trimmingCharacters(in: .whitespacesAndNewlines))") }
        print("queue: \(mix)% of the tasks recurring or blocked; runs per figure: \(runs) (median), the programs alternated\n")
        let beforeColumns = before == nil ? "" : pad("before ms", 11) + pad("ratio", 8)
        print(pad("", 21) + pad("wall-clock median", before == nil ? 29 : 48) + "CPU (user+sys) median")
        print(pad("tasks", 7) + pad("command", 14) + beforeColumns + pad("picnic ms", 11) + pad("task ms", 10) + pad("ratio", 8)
              + beforeColumns + pad("picnic ms", 11) + pad("task ms", 10) + "ratio")
        for size in sizes.split(separator: ",").compactMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-bench-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let sample = Self.sample(size, mix: mix)
            let db = dir.appendingPathComponent("picnic.sqlite").path
            _ = try AppDatabase(path: db).saveImported(sample.tasks, series: sample.series)
            let pEnv = ["PICNIC_DB": db]
            var bEnv: [String: String] = [:]
            if let b = before {
                // The older binary builds its own store from the tasks, as its importer would.
                let file = dir.appendingPathComponent("before.json")
                try TaskwarriorFormat.export(sample.tasks).write(to: file, atomically: true, encoding: .utf8)
                let bdb = dir.appendingPathComponent("before.sqlite").path
                bEnv = ["PICNIC_DB": bdb]
                let r = Spawn.run(b, ["import", "taskwarrior", file.path], environment: bEnv)
                guard r.status == 0 else { throw ValidationError("\(b) import taskwarrior failed (\(r.status))") }
            }
            var tEnv: [String: String] = [:]
            if haveTask { tEnv = try Self.taskwarrior(in: dir, sample: sample, binary: task) }

            let addArgs = ["add", "Bench", "task", "+bench", "project:perf", "due:fri", "pri:M"]
            func measure(_ what: String, _ args: [String], _ taskArgs: [String]?) {
                var programs: [() -> Sample] = [{ Self.time(picnicPath, args, env: pEnv) }]
                if let b = before { programs.append { Self.time(b, args, env: bEnv) } }
                if haveTask, let taskArgs { programs.append { Self.time(task, taskArgs, env: tEnv) } }
                let medians = alternated(runs, programs)
                report(size, what, medians[0], before == nil ? nil : medians[1],
                       haveTask && taskArgs != nil ? medians[medians.count - 1] : nil)
            }
            measure("add", addArgs, addArgs)
            measure("list / next", ["list"], ["next"])
            measure("json / export", ["list", "--json"], ["export"])
            measure("status", ["status", "--tmux"], nil)
        }
        print("\nGoal: picnic/task at most 0.50 for add and list; 'before' is the older binary on the same queue.")
    }

    func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }

    func report(_ size: Int, _ what: String, _ p: Sample, _ b: Sample?, _ t: Sample?) {
        func f(_ x: Double?) -> String { x.map { String(format: "%.1f", $0) } ?? "-" }
        func r(_ a: Double, _ b: Double?) -> String { b.map { String(format: "%.2f", a / $0) } ?? "-" }
        let bw = before == nil ? "" : pad(f(b?.wall), 11) + pad(r(p.wall, b?.wall), 8)
        let bc = before == nil ? "" : pad(f(b?.cpu), 11) + pad(r(p.cpu, b?.cpu), 8)
        print(pad("\(size)", 7) + pad(what, 14) + bw + pad(f(p.wall), 11) + pad(f(t?.wall), 10) + pad(r(p.wall, t?.wall), 8)
              + bc + pad(f(p.cpu), 11) + pad(f(t?.cpu), 10) + r(p.cpu, t?.cpu))
    }

    /// Medians of wall and CPU time of each program over `n` rounds, after one warm-up round; in
    /// each round every program runs once, in turn, so a change in the machine's load falls on
    /// all of them alike.
    func alternated(_ n: Int, _ programs: [() -> Sample]) -> [Sample] {
        for p in programs { _ = p() } // warm the page cache
        var samples = [[Sample]](repeating: [], count: programs.count)
        for _ in 0..<max(1, n) {
            for (i, p) in programs.enumerated() { samples[i].append(p()) }
        }
        return samples.map { xs in
            let wall = xs.map(\.wall).sorted(), cpu = xs.map(\.cpu).sorted()
            return Sample(wall: wall[wall.count / 2], cpu: cpu[cpu.count / 2])
        }
    }

    /// The same varied queue for both tools: tags, projects, priorities, some due dates.
    static func sampleTasks(_ n: Int) -> [WorkTask] { sample(n, mix: 0).tasks }

    /// A sample queue with `mix` percent of its tasks recurring or blocked: half of those are
    /// instances of daily or weekly series (their templates in `series`), half wait on another
    /// open task.
    static func sample(_ n: Int, mix: Int) -> (tasks: [WorkTask], series: [TaskSeries]) {
        let now = Date().truncatedToSeconds
        let priorities: [Priority?] = [.H, .M, .L, nil]
        var tasks = (0..<n).map { (i: Int) -> WorkTask in
            let project: String? = i % 3 == 0 ? "p\(i % 13)" : nil
            let tags: [String] = i % 2 == 0 ? ["t\(i % 7)"] : []
            let offset = Double(i % 40 - 10) * 86400
            let due: Date? = i % 5 == 0 ? now.addingTimeInterval(offset) : nil
            let created = now.addingTimeInterval(-Double(i) * 600)
            return WorkTask(number: i + 1, title: "Task \(i) of the benchmark queue", project: project, tags: tags,
                            priority: priorities[i % 4], due: due, created: created)
        }
        var series: [TaskSeries] = []
        guard mix > 0 else { return (tasks, series) }
        let every = max(2, 200 / mix) // each kind on 1 task in `every`
        for i in stride(from: 1, to: n, by: every) {
            // A recurring instance, due ahead (so Taskwarrior makes no more of it), and its series.
            let due = now.addingTimeInterval(Double(1 + i % 6) * 86_400)
            let template = WorkTask(title: tasks[i].title, project: tasks[i].project, tags: tasks[i].tags,
                                    priority: tasks[i].priority, due: due, created: tasks[i].created)
            let s = TaskSeries(template: template, recur: i % 2 == 0 ? "daily" : "weekly", mask: "-")
            series.append(s)
            tasks[i].due = due
            tasks[i].series = s.uuid
            tasks[i].occurrence = 0
        }
        for i in stride(from: every / 2 + 1, to: n, by: every) {
            tasks[i].depends = [tasks[(i + n / 2) % n].uuid]
        }
        return (tasks, series)
    }

    /// A private Taskwarrior (TASKRC + data.location) filled with the same queue through
    /// `task import`: templates as `recurring` tasks, instances with `parent`/`imask`, dependencies.
    static func taskwarrior(in dir: URL, sample: (tasks: [WorkTask], series: [TaskSeries]), binary: String) throws -> [String: String] {
        let data = dir.appendingPathComponent("task")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let rc = dir.appendingPathComponent("taskrc")
        // Recurrence stays on, as people run it: each instance is due ahead and the templates'
        // masks already count it, so Taskwarrior makes no new ones during the runs.
        try """
        data.location=\(data.path)
        confirmation=no
        verbose=nothing
        hooks=off
        color=off
        """.write(to: rc, atomically: true, encoding: .utf8)
        let file = dir.appendingPathComponent("import.json")
        try TaskwarriorFormat.export(sample.tasks, series: sample.series).write(to: file, atomically: true, encoding: .utf8)
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
