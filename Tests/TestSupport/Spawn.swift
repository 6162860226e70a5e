import Foundation
import ProcessSpawn
#if canImport(Glibc)
import Glibc
#endif

/// The tests' way to start a process that they wait for themselves (tmux, PostgreSQL, the
/// server): the project's `ChildProcess`, with the tests' defaults.
public enum Spawn {
    /// A spawned child that has not been reaped yet.
    public struct Child: Sendable {
        let running: ChildProcess.Running
        public var pid: pid_t { running.pid }

        /// Waits for the child; returns its exit status (128+N when killed by signal N).
        public func wait() -> Int32 { running.wait().status }

        /// Waits up to `timeout` seconds; nil when it is still running.
        public func wait(timeout: TimeInterval) -> Int32? { running.wait(timeout: timeout)?.status }
    }

    /// Spawns `path` with `arguments`; stdin from /dev/null, stdout/stderr to the given files
    /// (or /dev/null).
    ///
    /// `directory` is the child's working directory; `closeOtherDescriptors` (the default) closes
    /// every inherited descriptor above 2 (daemons such as PostgreSQL and tmux must not hold the
    /// test runner's pipes open); `newSession` puts the child in a session of its own, out of reach of a ^C
    /// sent to the test's process group.
    public static func start(_ path: String, _ arguments: [String], stdout: String? = nil,
                             stderr: String? = nil, environment: [String: String]? = nil,
                             directory: String? = nil, closeOtherDescriptors: Bool = true,
                             newSession: Bool = false) throws -> Child {
        let options = ChildProcess.Options(environment: environment, stdout: stdout.map { .file($0) } ?? .null,
                                           stderr: stderr.map { .file($0) } ?? .null, directory: directory,
                                           newSession: newSession, closeOtherDescriptors: closeOtherDescriptors)
        do {
            return Child(running: try ChildProcess.start([path] + arguments, options))
        } catch let e as ChildProcess.StartError {
            throw TmuxError("posix_spawn \(path): error \(e.code)")
        }
    }
}
