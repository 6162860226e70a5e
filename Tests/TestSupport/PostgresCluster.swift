import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A failure of the PostgreSQL test harness: what was tried and what the tool said.
public struct PostgresError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A PostgreSQL server for tests and benchmarks, on the loopback address (docs/Testing.md).
///
/// Either a private cluster this process made (`startPrivate()`: initdb + pg_ctl in a temporary
/// folder, as `postgres` when root, stopped and removed by `destroy()`, deinit or process exit),
/// or an external one named by a URL (`PostgresCluster(url:)`, e.g. `.ci/run`'s), which this
/// object never stops. Connect with `url`/`url(database:)` or the parts (`host`, `port`, …).
public final class PostgresCluster: @unchecked Sendable {
    /// How `shutdown(mode:)` stops the server (pg_ctl's `-m`).
    public enum StopMode: String, Sendable { case smart, fast, immediate }

    public let host: String
    public let port: Int
    /// A superuser.
    public let user: String
    public let password: String
    /// The private cluster's folder (`data/`, `log`, the Unix socket); nil for an external one.
    public let directory: URL?
    /// Whether this is a streaming standby made by `startReplica()`.
    public let isReplica: Bool

    let lock = NSLock()
    var templates: [String: String] = [:]
    private var destroyed = false
    private var watchdog: Spawn.Child?
    private var cleanupID: Int?

    /// An external server; nothing is started or stopped.
    public convenience init(url: String) throws {
        guard let c = URLComponents(string: url), ["postgres", "postgresql"].contains(c.scheme ?? ""),
              let host = c.host, !host.isEmpty else {
            throw PostgresError("not a postgres:// URL: \(Self.redact(url))")
        }
        self.init(host: host, port: c.port ?? 5432, user: c.user ?? "postgres",
                  password: c.password ?? "", directory: nil, isReplica: false)
    }

    init(host: String, port: Int, user: String, password: String, directory: URL?, isReplica: Bool) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.directory = directory
        self.isReplica = isReplica
    }

    deinit { destroy() }

    /// `postgres://USER:PASSWORD@HOST:PORT/postgres`.
    public var url: String { url(database: "postgres") }

    /// The URL of one database of this server, as its superuser or as another `user` with
    /// that user's `password` (e.g. the server's role, whose password `migrate` set).
    public func url(database: String, user other: String? = nil, password otherPassword: String? = nil) -> String {
        var c = URLComponents()
        c.scheme = "postgres"
        c.user = other ?? user
        let pw = other == nil ? password : (otherPassword ?? "")
        c.password = pw.isEmpty ? nil : pw
        c.host = host
        c.port = port
        c.path = "/" + database
        return c.string ?? "postgres://\(user)@\(host):\(port)/\(database)"
    }

    /// Whether this object started the server (and may restart, stop and remove it).
    public var isPrivate: Bool { directory != nil }

    var dataDirectory: String? { directory?.appendingPathComponent("data").path }

    /// The server log of a private cluster (empty for an external one).
    public var log: String {
        guard let d = directory else { return "" }
        return (try? String(contentsOf: d.appendingPathComponent("log"), encoding: .utf8)) ?? ""
    }

    // MARK: - Starting a private cluster

    /// Makes and starts a cluster in a new temporary folder on a free loopback port.
    ///
    /// `settings` go into postgresql.conf (e.g. `["max_connections": "300"]`); by default the
    /// cluster runs with `fsync=off` (tests never survive a power cut) and 300 connections.
    public static func startPrivate(settings: [String: String] = [:]) throws -> PostgresCluster {
        let tools = try PostgresTools.locate()
        let dir = try tools.makeOwnedDirectory()
        let password = randomHex(12)
        do {
            let pwfile = dir.appendingPathComponent("pw")
            try tools.writeOwned(password + "\n", to: pwfile)
            let initdb = try tools.runAsOwner(tools.path("initdb"), [
                "-N", "-D", dir.appendingPathComponent("data").path, "-U", "postgres", "-E", "UTF8",
                "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile", pwfile.path,
            ])
            try? FileManager.default.removeItem(at: pwfile)
            guard initdb.status == 0 else {
                throw PostgresError("initdb failed (\(initdb.status)): \(lastLines(initdb.stderr + initdb.stdout))")
            }
            var conf: [String: String] = ["listen_addresses": "'127.0.0.1'", "fsync": "off",
                                          "max_connections": "300", "shared_buffers": "64MB"]
            for (k, v) in settings { conf[k] = v }
            try tools.appendSettings(conf, to: dir.appendingPathComponent("data/postgresql.conf"))
            let cluster = try startServer(tools: tools, directory: dir, password: password, isReplica: false)
            return cluster
        } catch {
            _ = try? tools.runAsOwner("/bin/rm", ["-rf", dir.path])
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
    }

    /// Starts the server of the cluster in `directory` on a free port (retrying when another
    /// process took the port first), and arranges its stop at process exit.
    static func startServer(tools: PostgresTools, directory dir: URL, password: String,
                            isReplica: Bool) throws -> PostgresCluster {
        var lastError = PostgresError("no attempt")
        for _ in 0..<4 {
            let port = try FreePort.loopback()
            let started = try tools.runAsOwner(tools.path("pg_ctl"), [
                "-D", dir.appendingPathComponent("data").path, "-l", dir.appendingPathComponent("log").path,
                "-w", "-t", "120", "-o", "-p \(port) -k \(dir.path)", "start",
            ])
            if started.status == 0 {
                let cluster = PostgresCluster(host: "127.0.0.1", port: port, user: "postgres",
                                              password: password, directory: dir, isReplica: isReplica)
                cluster.arrangeCleanup(tools: tools)
                return cluster
            }
            let log = (try? String(contentsOf: dir.appendingPathComponent("log"), encoding: .utf8)) ?? ""
            lastError = PostgresError("pg_ctl start failed (\(started.status)): \(lastLines(log + started.stderr))")
            if !log.contains("in use") { break }
        }
        throw lastError
    }

    // MARK: - Stopping, restarting

    /// Stops the server, keeping its data (a private cluster only); `start()` brings it back.
    public func shutdown(mode: StopMode = .fast) throws {
        try pgctl(["-m", mode.rawValue, "-w", "-t", "120", "stop"])
    }

    /// Starts a private cluster's server again after `shutdown`, on the same port.
    public func start() throws {
        guard let d = directory else { throw PostgresError("an external PostgreSQL is not started by tests") }
        try pgctl(["-l", d.appendingPathComponent("log").path, "-w", "-t", "120",
                   "-o", "-p \(port) -k \(d.path)", "start"])
    }

    /// Restarts a private cluster's server (`pg_ctl restart -m MODE`): every connection drops.
    public func restart(mode: StopMode = .fast) throws {
        try shutdown(mode: mode)
        try start()
    }

    /// Stops a private cluster's server at once and removes its folder. Safe to call twice; does
    /// nothing to an external server.
    public func destroy() {
        lock.lock()
        let already = destroyed
        destroyed = true
        lock.unlock()
        guard !already, let d = directory, let data = dataDirectory, let tools = try? PostgresTools.locate() else { return }
        _ = try? tools.runAsOwner(tools.path("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"])
        _ = try? tools.runAsOwner("/bin/rm", ["-rf", d.path])
        try? FileManager.default.removeItem(at: d)
        if let watchdog {
            kill(watchdog.pid, SIGKILL)
            _ = watchdog.wait()
        }
        if let cleanupID { PostgresCleanup.unregister(cleanupID) }
    }

    private func pgctl(_ arguments: [String]) throws {
        guard let data = dataDirectory else { throw PostgresError("an external PostgreSQL is not stopped by tests") }
        let tools = try PostgresTools.locate()
        let r = try tools.runAsOwner(tools.path("pg_ctl"), ["-D", data] + arguments)
        guard r.status == 0 else {
            throw PostgresError("pg_ctl \(arguments.last ?? "") failed (\(r.status)): \(Self.lastLines(r.stderr + log))")
        }
    }

    /// Stops the server when this process exits, however it exits: an `atexit` handler, and a
    /// watchdog shell in a session of its own that stops it once this process is gone (kill -9).
    private func arrangeCleanup(tools: PostgresTools) {
        guard let d = directory, let data = dataDirectory else { return }
        cleanupID = PostgresCleanup.register { [tools] in
            _ = try? tools.runAsOwner(tools.path("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"])
            _ = try? tools.runAsOwner("/bin/rm", ["-rf", d.path])
        }
        let stop = (tools.ownerPrefix + [tools.path("pg_ctl"), "-D", data, "-m", "immediate", "stop"])
            .map(TmuxSession.quote).joined(separator: " ")
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; "
            + "\(stop) >/dev/null 2>&1; rm -rf \(TmuxSession.quote(d.path))"
        watchdog = try? Spawn.start("/bin/sh", ["-c", script], directory: "/",
                                    closeOtherDescriptors: true, newSession: true)
    }

    // MARK: - Helpers

    static func randomHex(_ bytes: Int) -> String {
        (0..<bytes).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }

    static func lastLines(_ text: String, _ n: Int = 6) -> String {
        text.split(separator: "\n").suffix(n).joined(separator: " | ")
    }

    static func redact(_ url: String) -> String {
        guard var c = URLComponents(string: url), c.password != nil else { return url }
        c.password = "***"
        return c.string ?? url
    }
}
