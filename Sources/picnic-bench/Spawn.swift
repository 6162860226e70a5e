import Foundation
import ProcessSpawn

/// Whole-process runs for timing, through `ChildProcess` (posix_spawn and wait4): Foundation's
/// `Process` adds tens of milliseconds of its own to each run on Linux, which would swamp a
/// 10 ms command. Every bench spawns through here.
enum Spawn {
    /// How one run went: exit status (-1 when it could not start), wall-clock and CPU
    /// milliseconds.
    struct Result {
        var status: Int32
        var wall: Double
        var cpu: Double
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
        let options = ChildProcess.Options(environment: fullEnvironment, stdin: .file(stdin), stdout: .file(stdout),
                                           stderr: stderrToStdout ? .sameAsStdout : .null)
        let begin = DispatchTime.now().uptimeNanoseconds
        guard let child = try? ChildProcess.start(argv, options) else { return Result(status: -1, wall: 0, cpu: 0) }
        let exit = child.wait()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e6
        return Result(status: exit.status, wall: wall, cpu: exit.cpuMilliseconds)
    }

    /// Runs the process and returns what it printed on stdout.
    static func output(_ path: String, _ args: [String], environment: [String: String] = [:]) -> String {
        let options = ChildProcess.Options(environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                           stdout: .capture)
        return (try? ChildProcess.run([path] + args, options).stdoutText) ?? ""
    }
}
