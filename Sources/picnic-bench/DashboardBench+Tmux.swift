import Foundation
import PicnicCore
import PicnicFormats
#if canImport(Glibc)
import Glibc
#endif

extension DashboardBench {
    /// A private tmux server with one pane, for timing how soon a program's first screen is
    /// visible: the same method for Picnic and for vit (respawn the pane, poll capture-pane).
    final class Pane {
        let socket: String
        let dir: URL
        let tmux: String

        init(dir: URL, width: Int, height: Int) throws {
            guard let t = which("tmux") else { throw BenchError("tmux is not installed") }
            tmux = t
            self.dir = dir
            socket = dir.appendingPathComponent("tmux.sock").path
            _ = try run(["start-server", ";", "set-option", "-g", "default-terminal", "tmux-256color", ";",
                         "new-session", "-d", "-s", "bench", "-x", "\(width)", "-y", "\(height)", "/bin/sh"])
        }

        deinit { _ = try? run(["kill-server"]) }

        /// Runs a tmux command (output through a file: the server keeps inherited pipes open).
        func run(_ args: [String]) throws -> String {
            let out = dir.appendingPathComponent("tmux.out").path
            let status = try DashboardBench.spawnWait([tmux, "-S", socket, "-f", "/dev/null"] + args, stdout: out)
            guard status == 0 else { throw BenchError("tmux \(args.first ?? "") failed (\(status))") }
            return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        }

        /// Milliseconds from respawning the pane with `argv` to the screen containing `marker`.
        func timeToScreen(_ argv: [String], environment: [String: String], marker: String, quitKeys: [String]) throws -> Double {
            let env = environment.sorted { $0.key < $1.key }.flatMap { ["-e", "\($0.key)=\($0.value)"] }
            let start = DispatchTime.now().uptimeNanoseconds
            _ = try run(["respawn-pane", "-k", "-t", "bench:0.0"] + env + argv)
            while true {
                let screen = try run(["capture-pane", "-p", "-t", "bench:0.0"])
                if screen.contains(marker) { break }
                if DispatchTime.now().uptimeNanoseconds - start > 60_000_000_000 {
                    throw BenchError("\(argv[0]) never showed \(marker.debugDescription); screen:\n\(screen)")
                }
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            _ = try run(["send-keys", "-t", "bench:0.0"] + quitKeys)
            return ms
        }
    }

    /// A private Taskwarrior (TASKRC, data folder) holding `tasks`, and a VIT_DIR with an empty
    /// config; the environment to run `vit` with.
    static func prepareTaskwarrior(_ tasks: [WorkTask], dir: URL) throws -> [String: String] {
        let data = dir.appendingPathComponent("taskdata")
        let rc = dir.appendingPathComponent("taskrc")
        let vitDir = dir.appendingPathComponent("vit")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: vitDir, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: vitDir.appendingPathComponent("config.ini").path, contents: Data())
        try "data.location=\(data.path)\nconfirmation=no\nhooks=off\nverbose=nothing\n".write(to: rc, atomically: true, encoding: .utf8)
        let env = ["TASKRC": rc.path, "TASKDATA": data.path, "VIT_DIR": vitDir.path, "LANG": "C.UTF-8",
                   "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                   "HOME": dir.path]
        let pending = data.appendingPathComponent("pending.data")
        if let text = try? String(contentsOf: pending, encoding: .utf8),
           text.split(separator: "\n").count == tasks.count {
            return env
        }
        guard let task = which("task") else { throw BenchError("Taskwarrior (task) is not installed") }
        let json = dir.appendingPathComponent("tasks.json")
        try TaskwarriorFormat.export(tasks).write(to: json, atomically: true, encoding: .utf8)
        let clock = ContinuousClock.now
        let status = try spawnWait([task, "import", json.path], stdout: dir.appendingPathComponent("import.log").path, environment: env)
        guard status == 0 else { throw BenchError("task import failed (\(status)); see \(dir.path)/import.log") }
        print("imported \(tasks.count) tasks into Taskwarrior in \(ImportBench.seconds(clock.duration(to: .now))) s")
        return env
    }

    static func which(_ name: String) -> String? {
        for d in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(d)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// Runs argv to completion with stdout (and stderr) to a file; returns the exit status.
    static func spawnWait(_ argv: [String], stdout: String, environment: [String: String]? = nil) throws -> Int32 {
        let run = Spawn.run(argv, fullEnvironment: environment ?? ProcessInfo.processInfo.environment,
                            stdout: stdout, stderrToStdout: true)
        guard run.status != -1 else { throw BenchError("posix_spawn \(argv[0]) failed") }
        return run.status
    }
}
