import CommunityAPI
import CommunityClient
import Foundation
import PicnicStore
import TestSupport

/// A real community for one test: a fresh PostgreSQL database of the shared test cluster,
/// migrated by the real `picnic-server migrate`, users made by `user add`, and `serve` on a
/// loopback port. `close()` stops the server and drops the database.
final class LiveCommunity: @unchecked Sendable {
    let database: PostgresDatabase
    let server: PicnicServerProcess
    let tokens: [String: String]
    var url: String { server.baseURL }

    init(users: [String] = ["ana", "bo"]) throws {
        database = try PostgresTest.database(label: "sync")
        let owner = database.url
        // The server's role gets the cluster's password (the test cluster asks for one).
        let migrated = try PicnicServerProcess.run(["migrate"], db: owner, environment: ["PICNIC_SERVER_ROLE_PASSWORD": database.password])
        guard migrated.status == 0 else { throw PeerError("migrate: \(migrated.stderr)") }
        var tokens: [String: String] = [:]
        for user in users {
            let out = try PicnicServerProcess.run(["user", "add", user], db: owner)
            guard out.status == 0 else { throw PeerError("user add \(user): \(out.stderr)") }
            tokens[user] = out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        self.tokens = tokens
        var serving = URLComponents(string: owner)!
        serving.user = "picnic_server"
        serving.password = database.password.isEmpty ? nil : database.password
        server = try PicnicServerProcess.serve(db: serving.string!, extraArguments: ["--community", "team"],
                                               environment: ["PICNIC_SERVER_LOG": "warning"])
    }

    func close() {
        server.close()
        database.drop()
    }

    /// A client of the API as `user` (for checking what the server holds).
    func client(_ user: String) throws -> (CommunityClient, CommunityTransport) {
        let transport = try CommunityTransport()
        return (CommunityClient(server: try CommunityServer(url), token: tokens[user], transport: transport), transport)
    }

    /// Every live post of the feed as `user` sees it, by id.
    func posts(as user: String) async throws -> [UUID: APIPost] {
        let (client, transport) = try client(user)
        do {
            var out: [UUID: APIPost] = [:]
            var after: Int64 = 0
            while true {
                let page = try await client.changes(after: after, limit: 5000)
                for c in page.changes { if let p = c.post, !p.isRemoval { out[p.id] = p } }
                after = page.next
                if !page.more { break }
            }
            await transport.shutdown()
            return out
        } catch {
            await transport.shutdown()
            throw error
        }
    }
}

/// One person's machine: a store, a config folder (the token file), and `picnic` run there.
final class Person {
    let name: String
    let folder: URL
    var db: URL { folder.appendingPathComponent("data/picnic.sqlite") }
    var config: URL { folder.appendingPathComponent("config") }

    init(_ name: String) {
        self.name = name
        folder = TestSupport.makeTempDirectory("picnic-\(name)")
    }

    var environment: [String: String] {
        ["XDG_CONFIG_HOME": config.path, "XDG_DATA_HOME": folder.appendingPathComponent("data").path,
         "VISUAL": "/bin/false", "EDITOR": "/bin/false"]
    }

    @discardableResult
    func picnic(_ args: [String], stdin: String? = nil) throws -> TestSupport.Output {
        try TestSupport.picnic(args, db: db, stdin: stdin, environment: environment)
    }

    /// Writes the token where `--token-file` reads it.
    func tokenFile(_ token: String) throws -> String {
        let url = folder.appendingPathComponent("token.txt")
        try (token + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func join(_ community: LiveCommunity) throws -> TestSupport.Output {
        try picnic(["community", "join", community.url, "--token-file", tokenFile(community.tokens[name]!)])
    }

    func store() throws -> AppDatabase { try AppDatabase(path: db.path) }

    func close() { try? FileManager.default.removeItem(at: folder) }
}

/// Polls `condition` until it holds or `timeout` passes (no sleeping to synchronise).
func waitUntil(_ timeout: TimeInterval = 30, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return }
        usleep(20_000)
    }
    throw PeerError("not within \(Int(timeout)) s: \(what)")
}
