import Foundation
import PicnicServer
import TestSupport

/// A real `picnic-server serve` on a fresh database of the shared test PostgreSQL (TestSupport's
/// `PostgresTest`): a copy of a template migrated once per test process, with users made by the
/// real admin commands. `serve` connects as the server's role (never the owner: row-level
/// security must apply), whose password `migrate` set from `PICNIC_SERVER_ROLE_PASSWORD`.
final class TestServer: @unchecked Sendable {
    let database: PostgresDatabase
    let owner: DatabaseURL
    let serverURL: DatabaseURL
    let folder: URL
    private(set) var process: PicnicServerProcess?

    /// The suites' condition and message.
    static var isEnabled: Bool { PostgresTest.isEnabled }
    static var skipMessage: String { PostgresTest.skipMessage }

    /// A migrated database, not served yet (on the shared cluster, or on `cluster`).
    init(cluster: PostgresCluster? = nil) throws {
        let on = try cluster ?? PostgresTest.cluster()
        let template = try on.template("picnic-server-migrated") { db in
            let r = try PicnicServerProcess.run(["migrate"], db: db.url, environment: ["PICNIC_SERVER_ROLE_PASSWORD": db.password])
            guard r.status == 0 else { throw ServerTestError("picnic-server migrate exited \(r.status): \(r.stderr)") }
        }
        database = try on.createDatabase(template: template, label: "server")
        owner = try DatabaseURL(parsing: database.url)
        serverURL = owner.withUser("picnic_server", password: database.password.isEmpty ? nil : database.password)
        folder = TestSupport.makeTempDirectory("picnic-server-test")
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

    /// SQL on the database as its owner (psql's unaligned, tuples-only output).
    @discardableResult
    func sql(_ text: String) throws -> String { try database.psql(text) }

    /// Starts `serve` and waits for its ready line.
    func start(_ extra: [String] = []) throws {
        process = try PicnicServerProcess.serve(
            db: serverURL.urlString, extraArguments: ["--community", "test", "--max-connections", "6"] + extra,
            environment: ["PICNIC_SERVER_LOG": ProcessInfo.processInfo.environment["PICNIC_SERVER_LOG"] ?? "warning"])
    }

    var baseURL: String { process?.baseURL ?? "" }

    /// SIGTERM, then waits; returns the exit status.
    @discardableResult
    func stop() -> Int32? {
        defer { process = nil }
        return process?.stop()
    }

    deinit {
        process?.close()
        try? FileManager.default.removeItem(at: folder)
    }
}

struct ServerTestError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}
