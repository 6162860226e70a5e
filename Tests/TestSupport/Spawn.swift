import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts processes with `posix_spawn` and reaps them with `waitpid`, for tools that fork a
/// daemon (tmux): Foundation's `Process` can miss such a child's exit and wait forever.
public enum Spawn {
    /// A spawned child that has not been reaped yet.
    public struct Child: Sendable {
        public let pid: pid_t

        /// Waits for the child; returns its exit status (128+N when killed by signal N).
        public func wait() -> Int32 {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return Spawn.decode(status)
        }

        /// Waits up to `timeout` seconds; nil when it is still running.
        public func wait(timeout: TimeInterval) -> Int32? {
            let deadline = Date().addingTimeInterval(timeout)
            var status: Int32 = 0
            while true {
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid { return Spawn.decode(status) }
                if r < 0 && errno != EINTR { return -1 }
                if Date() >= deadline { return nil }
                usleep(5_000) // polling the child's state, not synchronising on time
            }
        }
    }

    static func decode(_ status: Int32) -> Int32 {
        let sig = status & 0x7f
        return sig == 0 ? (status >> 8) & 0xff : 128 + sig
    }

    /// Spawns `path` with `arguments`; stdin from /dev/null, stdout/stderr to the given files
    /// (or /dev/null).
    ///
    /// `directory` is the child's working directory; `closeOtherDescriptors` closes every
    /// inherited descriptor above 2 (daemons such as PostgreSQL must not hold the test runner's
    /// pipes open); `newSession` puts the child in a session of its own, out of reach of a ^C
    /// sent to the test's process group.
    public static func start(_ path: String, _ arguments: [String], stdout: String? = nil,
                             stderr: String? = nil, environment: [String: String]? = nil,
                             directory: String? = nil, closeOtherDescriptors: Bool = false,
                             newSession: Bool = false) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if let directory, let addchdir = GlibcSpawnExtras.addchdir { _ = addchdir(&actions, directory) }
        if closeOtherDescriptors, let closefrom = GlibcSpawnExtras.addclosefrom { _ = closefrom(&actions, 3) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envList = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let envp = envList.map { strdup($0) } + [nil]
        defer { envp.forEach { free($0) } }
        // Test threads block most signals and the mask is inherited: a tmux server started with
        // SIGCHLD and SIGTERM blocked never notices its panes end and outlives kill-server.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for sig in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGQUIT] { sigaddset(&defaults, sig) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        let session = newSession ? GlibcSpawnExtras.setsid : 0
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | session))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, envp)
        guard rc == 0 else { throw TmuxError("posix_spawn \(path): error \(rc)") }
        return Child(pid: pid)
    }
}

/// glibc's spawn extensions (2.29+, 2.34+), which Swift's Glibc module does not import: looked up
/// by name, and skipped where missing.
enum GlibcSpawnExtras {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    /// `POSIX_SPAWN_SETSID` in glibc's spawn.h.
    static let setsid: Int32 = 0x80

    nonisolated(unsafe) private static let handle = dlopen(nil, RTLD_NOW)
    static let addchdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
    static let addclosefrom: AddClosefrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let p = dlsym(handle, name) else { return nil }
        return unsafeBitCast(p, to: T.self)
    }
}
