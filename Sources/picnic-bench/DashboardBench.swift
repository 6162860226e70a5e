import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic-bench dashboard`: the dashboard on 10k tasks and 100k posts — time from exec to the
/// first full frame, per-key update + render p99, peak RSS, and first screen beside `vit`.
struct DashboardBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Dashboard on 10k tasks / 100k posts: first frame (goal 50 ms), per-key p99 (goal 4 ms), peak RSS (goal 64 MB), vs vit.",
        discussion: """
        First frame: the picnic binary is spawned on a fresh pseudo-terminal with PICNIC_READY_FIFO
        set; the time runs from just before posix_spawn to the ready line, which the dashboard
        writes after its first full frame (tasks loaded and drawn). Median of --runs launches.
        Peak RSS: each child's VmHWM (sampled from /proc until it exits) after it drew, moved 10 rows and quit.
        Per-key: Dashboard.update + Dashboard.render in process, over the same 10k tasks, for a
        key script of moves, pages, filter, overlay and add-prompt typing; match answers are
        applied between keys, untimed (they run off the input path in the app).
        Side by side: a private tmux server, one 120x40 pane; each program is started with
        respawn-pane and timed until capture-pane shows its first screen (Picnic: the task
        count in the queue title; vit: its "N tasks shown" header), the same method for both. vit reads the same
        tasks imported into a private Taskwarrior (TASKRC/TASKDATA in the work folder).
        """)

    @Option(help: "Open tasks to generate.") var tasks = 10_000
    @Option(help: "Posts to generate (threads of a question and two answers).") var posts = 100_000
    @Option(help: "Launches to take the median of.") var runs = 10
    @Option(help: "Rounds of the key script.") var rounds = 5
    @Option(help: "Terminal width.") var width = 120
    @Option(help: "Terminal height.") var height = 40
    @Option(help: "The picnic binary (default: beside picnic-bench).") var picnic: String?
    @Option(help: "Keep the generated data in this folder and reuse it next time (default: a temp folder, removed).") var keep: String?
    @Flag(help: "Skip the side-by-side with vit.") var noVit = false

    func run() throws {
        let dir = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("picnic-dashboard-bench-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(at: dir) } }
        let dbPath = dir.appendingPathComponent("bench.sqlite").path
        let binary = picnic ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("picnic").path
        guard FileManager.default.isExecutableFile(atPath: binary) else { throw BenchError("no picnic binary at \(binary)") }

        let loaded = try Self.prepareDatabase(at: dbPath, tasks: tasks, posts: posts)
        let db = try AppDatabase(path: dbPath)
        print("data: \(loaded.count) open tasks, \(try db.postCount()) posts, \(width)x\(height)")

        let (times, cpu, slowest) = try Self.keyTimes(db: db, tasks: loaded, width: width, height: height, rounds: rounds)
        print(String(format: "per key (update + render, %d keys): median %.3f ms, p99 %.3f ms, max %.3f ms (goal p99 <= 4 ms)",
                     times.count, Self.percentile(times, 0.5), Self.percentile(times, 0.99), times.max() ?? 0))
        print(String(format: "per key, thread CPU time: median %.3f ms, p99 %.3f ms, max %.3f ms",
                     Self.percentile(cpu, 0.5), Self.percentile(cpu, 0.99), cpu.max() ?? 0))
        print("slowest keys (mode key: max CPU ms): " + slowest.map { String(format: "%@ %.2f", $0.key, $0.ms) }.joined(separator: ", "))

        let config = dir.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        env["XDG_CONFIG_HOME"] = config.path
        env["PICNIC_DB"] = dbPath
        var frames: [Double] = []
        var frameCPU: [Double] = []
        var rss: [Double] = []
        var exits: [Double] = []
        for _ in 0..<max(1, runs) {
            let l = try Self.launchInPty([binary], environment: env, width: width, height: height,
                                         keysAfterReady: String(repeating: "j", count: 10) + "q", workDir: dir)
            frames.append(l.firstFrame)
            frameCPU.append(l.firstFrameCPU)
            rss.append(l.peakRSS)
            exits.append(l.exited)
        }
        print(String(format: "first frame (exec -> ready FIFO, pty): median %.1f ms, min %.1f, max %.1f over %d runs (goal <= 50 ms)",
                     Self.percentile(frames, 0.5), frames.min() ?? 0, frames.max() ?? 0, frames.count))
        print(String(format: "first frame CPU (the drawing thread, user+sys, from the ready line): median %.1f ms", Self.percentile(frameCPU, 0.5)))
        print(String(format: "exec -> ten moves and q answered, exited: median %.1f ms", Self.percentile(exits, 0.5)))
        print(String(format: "peak RSS: median %.1f MB, max %.1f MB (goal <= 64 MB)", Self.percentile(rss, 0.5), rss.max() ?? 0))

        guard !noVit else { return }
        guard Self.which("vit") != nil, Self.which("task") != nil else {
            print("side by side: skipped (vit or task not installed)")
            return
        }
        let vitEnv = try Self.prepareTaskwarrior(loaded, dir: dir)
        let pane = try Pane(dir: dir, width: width, height: height)
        var picnicScreen: [Double] = []
        var vitScreen: [Double] = []
        var paneEnv = ["PICNIC_DB": dbPath, "XDG_CONFIG_HOME": config.path, "LANG": "C.UTF-8"]
        paneEnv["PICNIC_READY_FIFO"] = ""
        for _ in 0..<max(1, runs) {
            picnicScreen.append(try pane.timeToScreen([binary], environment: paneEnv, marker: "\(loaded.count)", quitKeys: ["q"]))
            vitScreen.append(try pane.timeToScreen(["vit"], environment: vitEnv, marker: "tasks shown", quitKeys: ["q"]))
        }
        print(String(format: "first screen in tmux (respawn-pane -> capture-pane shows it), median of %d: picnic %.1f ms, vit %.1f ms",
                     runs, Self.percentile(picnicScreen, 0.5), Self.percentile(vitScreen, 0.5)))
    }
}
