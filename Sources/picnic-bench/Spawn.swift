import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a process the cheap way for timing: `posix_spawn` and `wait4`. Foundation's `Process`
/// adds tens of milliseconds of its own to each run on Linux, which would swamp a 10 ms command.
enum Spawn {
    /// How one run went: exit status (as `waitpid` reports it), wall-clock and CPU milliseconds.
    struct Result {
        var status: Int32
        var wall: Double
        var cpu: Double
    }

    /// Runs `path ARGS` with the current environment plus `environment`, stdin and stderr on
    /// /dev/null and stdout into the file `stdout`; waits for it.
    static func run(_ path: String, _ args: [String], environment: [String: String] = [:],
                    stdout: String = "/dev/null") -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([path] + args).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, envp) == 0 else { return Result(status: -1, wall: 0, cpu: 0) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1e3 + Double(t.tv_usec) / 1e3 }
        return Result(status: status, wall: wall, cpu: ms(usage.ru_utime) + ms(usage.ru_stime))
    }

    /// Runs the process and returns what it printed on stdout.
    static func output(_ path: String, _ args: [String], environment: [String: String] = [:]) -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-bench-out-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = run(path, args, environment: environment, stdout: file)
        return (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    }
}
