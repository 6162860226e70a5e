import Foundation
import PicnicServer
import TestSupport

/// A real `picnic-server serve` on a fresh database of the test cluster: migrated, with users
/// made by the real admin commands. Stopped (SIGTERM) by `stop()`.
final class TestServer: @unchecked Sendable {
    let owner: DatabaseURL
    let serverURL: DatabaseURL
    let folder: URL
    private(set) var baseURL = ""
    private var child: Spawn.Child?

    /// A migrated database, not served yet.
    init() throws {
        let cluster = try TestCluster.shared.get()
        owner = try cluster.freshDatabase()
        serverURL = owner.withUser("picnic_server")
        folder = TestSupport.makeTempDirectory("picnic-server-test")
        try admin(["migrate"])
    }

    /// Runs an admin command against the database as its owner; throws unless it exits 0.
    @discardableResult
    func admin(_ args: [String]) throws -> String {
        let out = try Self.command(args + ["--db", owner.urlString])
        guard out.status == 0 else { throw ServerTestError("picnic-server \(args.joined(separator: " ")) exited \(out.status): \(out.stderr)") }
        return out.stdout
    }

    /// Runs `picnic-server ARGS` and returns what it did.
    static func command(_ args: [String], environment: [String: String] = [:]) throws -> TestSupport.Output {
        try TestSupport.run(TestSupport.binary("picnic-server"), args, environment: environment)
    }

    /// Adds a user; returns their token.
    func addUser(_ name: String) throws -> String {
        try admin(["user", "add", name]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts `serve` and waits for its ready line.
    func start(_ extra: [String] = []) throws {
        let stdout = folder.appendingPathComponent("serve.out").path
        let stderr = folder.appendingPathComponent("serve.err").path
        var env = ProcessInfo.processInfo.environment
        env["PICNIC_SERVER_LOG"] = env["PICNIC_SERVER_LOG"] ?? "warning"
        let args = ["serve", "--db", serverURL.urlString, "--listen", "127.0.0.1:0", "--community", "test",
                    "--max-connections", "6"] + extra
        let child = try Spawn.start(TestSupport.binary("picnic-server").path, args, stdout: stdout, stderr: stderr, environment: env)
        self.child = child
        baseURL = try Self.waitForReady(child, stdout: stdout, stderr: stderr)
    }

    /// Reads `picnic-server: listening on URL` from the server's stderr (polling the file, with
    /// a deadline), failing with the server's stderr if it exits first.
    static func waitForReady(_ child: Spawn.Child, stdout: String, stderr: String, timeout: TimeInterval = 60) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("picnic-server: listening on ") }) {
                return String(line.dropFirst("picnic-server: listening on ".count))
            }
            if let status = child.wait(timeout: 0.02) {
                let err = (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? ""
                throw ServerTestError("picnic-server serve exited \(status) before it was ready: \(err)")
            }
        }
        throw ServerTestError("picnic-server serve was not ready within \(Int(timeout)) s")
    }

    var pid: pid_t? { child?.pid }

    /// SIGTERM, then waits; returns the exit status.
    @discardableResult
    func stop() -> Int32? {
        guard let child else { return nil }
        self.child = nil
        kill(child.pid, SIGTERM)
        if let status = child.wait(timeout: 20) { return status }
        kill(child.pid, SIGKILL)
        return child.wait()
    }

    /// The server's stderr so far.
    var stderrText: String { (try? String(contentsOfFile: folder.appendingPathComponent("serve.err").path, encoding: .utf8)) ?? "" }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
        if let cluster = try? TestCluster.shared.get() {
            _ = try? cluster.psql(["-d", cluster.admin.database, "-c", "DROP DATABASE IF EXISTS \(owner.database) WITH (FORCE)"])
        }
    }
}

struct ServerTestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
