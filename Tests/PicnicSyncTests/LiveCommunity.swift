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
        var client = CommunityClient(server: try CommunityServer(url), token: tokens[user], transport: transport)
        client.requestTimeout = 120  // the checking side: a loaded test machine may take long
        return (client, transport)
    }

    /// A post as the server's database holds it (read through psql as the owner, so no NIO
    /// client in the test process: a busy test process may not schedule its reads for a while).
    struct Held: Decodable { let id: UUID; let author: String; let title: String; let body: String }

    /// Every post not deleted, straight from PostgreSQL.
    func held() throws -> [Held] {
        let json = try database.psql("""
            SELECT coalesce(json_agg(json_build_object('id', p.id, 'author', u.name, 'title', c.title, 'body', c.body)), '[]')
              FROM posts p JOIN users u ON u.id = p.author_id JOIN post_content c ON c.post_id = p.id
             WHERE NOT p.deleted
            """)
        return try JSONDecoder().decode([Held].self, from: Data(json.utf8))
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

    /// Runs `picnic sync` until `condition` holds: the feed serves a write only once no older
    /// transaction on the (shared) cluster is open, so one pull right after a write may miss it.
    func sync(until what: String, _ condition: (AppDatabase) throws -> Bool) throws {
        try waitUntil(30, "\(name): \(what)") {
            let out = try picnic(["sync", "--quiet"])
            guard out.status == 0 else { throw PeerError("sync: exit \(out.status): \(out.stderr)") }
            return try condition(store())
        }
    }

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
