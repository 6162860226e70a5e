import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `picnic-server` binary serving on a loopback port, for tests and the load generator
/// (docs/Testing.md, "The server's readiness line").
///
/// `serve(db:)` starts `picnic-server serve --db URL --listen 127.0.0.1:0` and returns once the
/// server printed `listening on URL` (on stderr or stdout), with `baseURL` taken from that line.
/// No sleeps: the helper polls the output file and the child's state with a deadline, and fails
/// early, with the server's output, if the server exits first. `stop()` sends SIGTERM, `kill()`
/// SIGKILL; `restart()` starts the same command again on the same address. Servers still running
/// when the process exits are killed.
public final class PicnicServerProcess: @unchecked Sendable {
    /// The built server binary beside the test bundle.
    public static var binary: URL { TestSupport.binary("picnic-server") }

    /// The text the readiness line carries before the URL.
    public static let readyMarker = "listening on "

    public let executable: URL
    public private(set) var arguments: [String]
    public let environment: [String: String]
    /// `http://127.0.0.1:PORT` (no trailing slash), as the server announced it.
    public private(set) var baseURL: String = ""
    public private(set) var pid: pid_t = 0
    /// The folder holding the server's stdout and stderr (removed by `close()`).
    public let directory: URL
    private var child: Spawn.Child?
    private var cleanupID: Int?
    private var starts = 0
    private let lock = NSLock()

    /// Starts `picnic-server serve` on `db` (and `readDB` as `--read-db`), on a port the kernel picks.
    public static func serve(db: String, readDB: String? = nil, listen: String = "127.0.0.1:0",
                             extraArguments: [String] = [], environment: [String: String] = [:],
                             timeout: TimeInterval = 60) throws -> PicnicServerProcess {
        var args = ["serve", "--db", db, "--listen", listen]
        if let readDB { args += ["--read-db", readDB] }
        return try PicnicServerProcess(arguments: args + extraArguments, environment: environment, timeout: timeout)
    }

    /// Starts `executable` with `arguments` and waits for its readiness line.
    public init(executable: URL = PicnicServerProcess.binary, arguments: [String],
                environment: [String: String] = [:], timeout: TimeInterval = 60) throws {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        directory = TestSupport.makeTempDirectory("picnic-server")
        try launch(timeout: timeout)
    }

    deinit { close() }

    /// Everything the server printed so far (stdout, then stderr) of its latest start.
    public var output: String {
        let out = (try? String(contentsOf: file("out"), encoding: .utf8)) ?? ""
        let err = (try? String(contentsOf: file("err"), encoding: .utf8)) ?? ""
        return out + err
    }

    /// Whether the server process is still running.
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let child else { return false }
        if child.wait(timeout: 0) != nil { self.child = nil; return false }
        return true
    }

    /// SIGTERM, then waits up to `timeout` for the exit (SIGKILL after that); returns the exit
    /// status (128+N for signal N), or nil when it was not running.
    @discardableResult
    public func stop(timeout: TimeInterval = 15) -> Int32? {
        guard let child = takeChild() else { return nil }
        Glibc.kill(child.pid, SIGTERM)
        if let status = child.wait(timeout: timeout) { return status }
        Glibc.kill(child.pid, SIGKILL)
        return child.wait()
    }

    /// kill -9: the server gets no chance to finish anything. Returns once it is reaped.
    public func kill() {
        guard let child = takeChild() else { return }
        Glibc.kill(child.pid, SIGKILL)
        _ = child.wait()
    }

    /// Starts the same command again on the address it had (clients keep their URL). The old
    /// process must be stopped or killed first.
    public func restart(timeout: TimeInterval = 60) throws {
        if isRunning { throw PostgresError("picnic-server (pid \(pid)) is still running: stop it before restart") }
        if let i = arguments.firstIndex(of: "--listen"), i + 1 < arguments.count,
           let url = URLComponents(string: baseURL), let host = url.host, let port = url.port {
            arguments[i + 1] = "\(host):\(port)"
        }
        try launch(timeout: timeout)
    }

    /// Kills the server if it still runs and removes its folder. Safe to call twice.
    public func close() {
        kill()
        try? FileManager.default.removeItem(at: directory)
        if let cleanupID { PostgresCleanup.unregister(cleanupID) }
        cleanupID = nil
    }

    // MARK: - Starting

    private func file(_ name: String) -> URL {
        directory.appendingPathComponent("\(name)-\(starts)")
    }

    private func takeChild() -> Spawn.Child? {
        lock.lock()
        defer { lock.unlock() }
        let c = child
        child = nil
        return c
    }

    private func launch(timeout: TimeInterval) throws {
        starts += 1
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let started = try Spawn.start(executable.path, arguments, stdout: file("out").path,
                                      stderr: file("err").path, environment: env,
                                      closeOtherDescriptors: true)
        lock.lock()
        child = started
        pid = started.pid
        lock.unlock()
        if cleanupID == nil {
            cleanupID = PostgresCleanup.register { [weak self] in self?.kill() }
        }
        watch(started.pid)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let url = Self.announcedURL(in: output) {
                baseURL = url
                return
            }
            if let status = started.wait(timeout: 0) {
                lock.lock()
                child = nil
                lock.unlock()
                throw PostgresError("picnic-server \(redacted(arguments)) exited (\(status)) before listening: "
                    + output.suffix(2000))
            }
            if Date() >= deadline {
                kill()
                throw PostgresError("picnic-server \(redacted(arguments)) printed no '\(Self.readyMarker)URL' "
                    + "within \(Int(timeout)) s: " + output.suffix(2000))
            }
            usleep(5_000) // polling the server's output for its readiness line, with a deadline
        }
    }

    /// A watchdog shell in a session of its own that kills the server with -9 once this process
    /// is gone without its exit handlers (killed, crashed), and ends by itself when the server
    /// does. It checks the pid still runs this binary first, as the pid may have been reused.
    /// (Servers of a test process that was killed used to outlive it, retrying their database.)
    private func watch(_ server: pid_t) {
        let exe = TmuxSession.quote(executable.resolvingSymlinksInPath().path)
        let script = "while kill -0 \(getpid()) 2>/dev/null && kill -0 \(server) 2>/dev/null; do sleep 1; done; "
            + "[ \"$(readlink /proc/\(server)/exe)\" = \(exe) ] && kill -9 \(server)"
        // Started in the background of a shell that exits at once, so init reaps it, not us.
        let outer = try? Spawn.start("/bin/sh", ["-c", "(\(script)) >/dev/null 2>&1 &"], directory: "/",
                                     closeOtherDescriptors: true, newSession: true)
        _ = outer?.wait()
    }

    /// The URL after `listening on ` in a line of `text`, without a trailing slash.
    public static func announcedURL(in text: String) -> String? {
        for line in text.split(separator: "\n") {
            guard let r = line.range(of: readyMarker) else { continue }
            let word = line[r.upperBound...].prefix { !$0.isWhitespace }
            var url = String(word)
            while url.hasSuffix("/") { url.removeLast() }
            if url.hasPrefix("http://") || url.hasPrefix("https://") { return url }
        }
        return nil
    }

    private func redacted(_ args: [String]) -> String {
        args.map { $0.hasPrefix("postgres") ? PostgresCluster.redact($0) : $0 }.joined(separator: " ")
    }

    // MARK: - Admin commands

    /// Runs `picnic-server ARGUMENTS` to completion with `PICNIC_SERVER_DB=db` (e.g.
    /// `["user", "add", "ana"]`, `["migrate"]`).
    @discardableResult
    public static func run(_ arguments: [String], db: String, environment: [String: String] = [:],
                           executable: URL = PicnicServerProcess.binary) throws -> TestSupport.Output {
        var env = ProcessInfo.processInfo.environment
        env["PICNIC_SERVER_DB"] = db
        for (k, v) in environment { env[k] = v }
        return try Spawn.capture(executable.path, arguments, environment: env, directory: nil)
    }
}
