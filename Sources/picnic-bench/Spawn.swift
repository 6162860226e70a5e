import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs processes the cheap way for timing: `posix_spawn` and `wait4`. Foundation's `Process`
/// adds tens of milliseconds of its own to each run on Linux, which would swamp a 10 ms command.
/// Every bench spawns through here.
enum Spawn {
    /// How one run went: exit status (as `waitpid` reports it; -1 when it could not start),
    /// wall-clock and CPU milliseconds.
    struct Result {
        var status: Int32
        var wall: Double
        var cpu: Double
    }

    /// Starts `argv` (a path, not searched in PATH) with exactly `environment`, the given file
    /// actions, an empty signal mask and, if asked, a session of its own. Returns the pid, or the
    /// posix_spawn error.
    static func start(_ argv: [String], environment: [String: String], actions: inout posix_spawn_file_actions_t,
                      newSession: Bool = false) -> Swift.Result<pid_t, SpawnError> {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        // 0x80 is glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module does not export.
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | (newSession ? 0x80 : 0)))
        let cargv = argv.map { strdup($0) } + [nil]
        let cenv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (cargv + cenv).forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, &attr, cargv, cenv)
        return rc == 0 ? .success(pid) : .failure(SpawnError(program: argv[0], code: rc))
    }

    /// Runs `path ARGS` with the current environment plus `environment`, stdin on /dev/null,
    /// stdout into the file `stdout` and stderr on /dev/null (or into the same file); waits.
    static func run(_ path: String, _ args: [String], environment: [String: String] = [:],
                    stdin: String = "/dev/null", stdout: String = "/dev/null", stderrToStdout: Bool = false) -> Result {
        run([path] + args, fullEnvironment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
            stdin: stdin, stdout: stdout, stderrToStdout: stderrToStdout)
    }

    /// The same with exactly `fullEnvironment`; stdin reads the file `stdin`.
    static func run(_ argv: [String], fullEnvironment: [String: String], stdin: String = "/dev/null",
                    stdout: String = "/dev/null", stderrToStdout: Bool = false) -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if stderrToStdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let begin = DispatchTime.now().uptimeNanoseconds
        guard case .success(let pid) = start(argv, environment: fullEnvironment, actions: &actions) else {
            return Result(status: -1, wall: 0, cpu: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
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

/// A process that could not be started.
struct SpawnError: Error, CustomStringConvertible {
    var program: String
    var code: Int32
    var description: String { "posix_spawn \(program): \(String(cString: strerror(code)))" }
}
