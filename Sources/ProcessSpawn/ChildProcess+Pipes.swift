import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// The pipes of one start: the child's ends are closed in this process once it has started.
    struct Pipes {
        var stdinWrite: Int32?
        var stdoutRead: Int32?
        var stderrRead: Int32?
        private var childEnds: [Int32] = []

        mutating func input(_ input: Input, _ actions: inout posix_spawn_file_actions_t) throws {
            switch input {
            case .null: posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            case .inherit: break
            case .file(let path): posix_spawn_file_actions_addopen(&actions, 0, path, O_RDONLY, 0)
            case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, 0)
            case .bytes:
                let (r, w) = try Self.pipe()
                stdinWrite = w
                childEnds.append(r)
                posix_spawn_file_actions_adddup2(&actions, r, 0)
            }
        }

        mutating func output(_ output: Output, fd: Int32, _ actions: inout posix_spawn_file_actions_t) throws {
            switch output {
            case .null: posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", O_WRONLY, 0)
            case .inherit: break
            case .file(let path): posix_spawn_file_actions_addopen(&actions, fd, path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            case .descriptor(let d): posix_spawn_file_actions_adddup2(&actions, d, fd)
            case .sameAsStdout: posix_spawn_file_actions_adddup2(&actions, 1, fd)
            case .capture:
                let (r, w) = try Self.pipe()
                if fd == 1 { stdoutRead = r } else { stderrRead = r }
                childEnds.append(w)
                posix_spawn_file_actions_adddup2(&actions, w, fd)
            }
        }

        mutating func closeChildEnds() {
            childEnds.forEach { close($0) }
            childEnds = []
        }

        mutating func closeAll() {
            closeChildEnds()
            [stdinWrite, stdoutRead, stderrRead].compactMap { $0 }.forEach { close($0) }
            stdinWrite = nil; stdoutRead = nil; stderrRead = nil
        }

        /// A pipe whose both ends close on exec (the child gets its end through dup2, which
        /// clears the flag on the copy), so no other child inherits it. (`pipe2` is not in
        /// Swift's Glibc module; another thread's spawn between the two calls could inherit it.)
        static func pipe() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard Glibc.pipe(&fds) == 0 else { throw StartError(program: "pipe", code: errno) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            return (fds[0], fds[1])
        }
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
