import Foundation
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs `picnic-sync`, the helper that holds all of Picnic's networking (async-http-client, NIO,
/// TLS), so that `picnic` itself stays as small and quick to start as before the community
/// existed (docs/DECISIONS.md, "Networking in a helper"). It sits beside `picnic` (or is named by
/// `$PICNIC_SYNC_HELPER`); it reads and writes the same store.
enum SyncHelper {
    /// The helper's path: `$PICNIC_SYNC_HELPER`, else `picnic-sync` beside this executable.
    static func path() throws -> String {
        if let p = Environment.value("PICNIC_SYNC_HELPER"), !p.isEmpty { return p }
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let me = n > 0 ? String(cString: buffer) : CommandLine.arguments[0]
        let beside = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("picnic-sync").path
        guard access(beside, X_OK) == 0 else {
            throw PicnicError.config("\(beside): the networking helper picnic-sync is missing (install it beside picnic)")
        }
        return beside
    }

    /// The helper's arguments for `command` on this store.
    static func arguments(_ command: String, _ rest: [String]) -> [String] {
        [command, "--db", Global.resolvedDatabasePath] + rest
    }

    /// Replaces this process with the helper (its output, exit code and terminal are the command's).
    static func exec(_ command: String, _ rest: [String]) throws -> Never {
        let path = try path()
        let argv = ([path] + arguments(command, rest)).map { strdup($0) } + [nil]
        execv(path, argv)
        throw PicnicError.config("\(path): cannot run the networking helper (\(String(cString: strerror(errno))))")
    }

    /// Runs the helper to its end with this process's terminal and returns its exit status.
    @discardableResult
    static func run(_ command: String, _ rest: [String]) throws -> Int32 {
        let path = try path()
        let argv = ([path] + arguments(command, rest)).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, nil, nil, argv, environ) == 0 else {
            throw PicnicError.config("\(path): cannot run the networking helper")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Runs the helper with its stdout captured (e.g. `ledger --json`); stderr passes through.
    static func capture(_ command: String, _ rest: [String]) throws -> (status: Int32, stdout: Data) {
        let path = try path()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw PicnicError.io("cannot make a pipe for the helper") }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        let argv = ([path] + arguments(command, rest)).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        close(fds[1])
        guard spawned == 0 else { close(fds[0]); throw PicnicError.config("\(path): cannot run the networking helper") }
        let out = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true).readDataToEndOfFile()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), out)
    }
}
