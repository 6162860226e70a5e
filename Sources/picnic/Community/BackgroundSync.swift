import Foundation
import PicnicCore
#if canImport(Glibc)
import Glibc
#endif

/// The dashboard's background sync: one `picnic-sync watch --pokes` child for as long as the
/// dashboard runs. It writes into the store through its own connection, so the dashboard's
/// `data_version` poll sees what it pulls (and its online/offline state, kept in `communities`).
/// Never on the input path: starting it, poking it and a dead server cost a key nothing.
final class BackgroundSync {
    private let pid: pid_t
    private let pokeFD: Int32

    /// Starts the helper for the store at `dbPath`; nil when it cannot start (no helper installed:
    /// the dashboard then works offline, from the store alone).
    init?(dbPath: String) {
        guard let path = try? SyncHelper.path() else { return nil }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFL, O_NONBLOCK)   // a poke never blocks the dashboard
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        // Its messages would scribble over the dashboard's screen.
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let words: [String] = [path, "watch", "--db", dbPath, "--pokes"]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, path, &actions, nil, argv, environ)
        close(fds[0])
        guard rc == 0 else { close(fds[1]); return nil }
        pid = child
        pokeFD = fds[1]
    }

    /// Asks the helper to send the outbox now (after a write). Never blocks.
    func poke() {
        var newline: UInt8 = 0x0A
        _ = write(pokeFD, &newline, 1)
    }

    /// Ends the helper: closing its stdin ends its loops; it is reaped without waiting long.
    func stop() {
        close(pokeFD)
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(10_000)   // reaping a child that is shutting down, not synchronising
        }
        kill(pid, SIGTERM)
        _ = waitpid(pid, &status, 0)
    }
}
