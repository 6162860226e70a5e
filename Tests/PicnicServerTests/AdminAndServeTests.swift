import AsyncHTTPClient
import CommunityAPI
import Foundation
import Logging
import NIOCore
import NIOSSL
import PicnicServer
import Testing
import TestSupport

/// The admin commands, migrations, and what `serve` refuses to start on.
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct AdminAndServeTests {
    @Test func migrateIsSafeToRunTwice() throws {
        let server = try TestServer()   // migrated once
        let again = try server.admin(["migrate"])
        #expect(again.contains("nothing to do"))
        #expect(try server.sql("SELECT string_agg(version::text, ',' ORDER BY version) FROM picnic_schema")
                == Migration.all.map { String($0.version) }.joined(separator: ","))
    }

    @Test func anOlderSchemaIsUpgradedWithItsData() async throws {
        let db = try PostgresTest.database(label: "upgrade")
        let owner = try DatabaseURL(parsing: db.url)
        let logger = Logger(label: "upgrade-test")
        let first = try await Migrator.migrate(owner, serverRole: "picnic_server", serverPassword: db.password.isEmpty ? nil : db.password,
                                               upTo: 1, logger: logger)
        #expect(first.to == 1)
        // A version-1 community: a user and a post written the way version 1 stored them.
        let token = "picnic_" + String(repeating: "u", count: 43)
        let hash = APIToken.hash(token).map { String(format: "%02x", $0) }.joined()
        // (psql -c runs it all in one transaction: the position first, before any write.)
        try db.psql("""
            SELECT picnic_take_positions(1);
            INSERT INTO users (name, display_name) VALUES ('ana', 'Ana');
            INSERT INTO tokens (user_id, hash) VALUES (1, '\\x\(hash)');
            INSERT INTO posts (id, space_id, kind, author_id, hidden) VALUES ('11111111-2222-3333-4444-555555555555', 1, 'tip', 1, false);
            INSERT INTO post_content (post_id, title, body) VALUES ('11111111-2222-3333-4444-555555555555', 'Kept across versions', 'body');
            INSERT INTO feed (post_id, space_id, position, op) VALUES ('11111111-2222-3333-4444-555555555555', 1, 1, 'create');
            """)
        let refused = try TestServer.command(["serve", "--db", owner.withUser("picnic_server", password: owner.password).urlString])
        #expect(refused.status == 78 && refused.stderr.contains("older than this picnic-server"))
        let upgrade = try TestServer.command(["migrate", "--db", owner.urlString])
        #expect(upgrade.status == 0 && upgrade.stdout.contains("from version 1 to \(Migration.latest)"), "\(upgrade.stderr)")
        let server = try PicnicServerProcess.serve(db: owner.withUser("picnic_server", password: owner.password).urlString)
        defer { server.close() }
        let post = try await API(server.baseURL).get("/v1/posts/11111111-2222-3333-4444-555555555555", token: token).decode(APIPost.self)
        #expect(post.title == "Kept across versions" && post.author == "ana")
    }

    @Test func serveRefusesANewerSchemaTheOwnerAndAnUnmigratedDatabase() throws {
        let server = try TestServer()
        // The tables' owner (here a superuser): row-level security would not apply.
        let owner = try TestServer.command(["serve", "--db", server.owner.urlString, "--listen", "127.0.0.1:0"])
        #expect(owner.status == 78)
        #expect(owner.stderr.split(separator: "\n").count == 1 && owner.stderr.contains("row-level security would not apply"))
        try server.sql("INSERT INTO picnic_schema (version, name) VALUES (999, 'future')")
        let newer = try TestServer.command(["serve", "--db", server.serverURL.urlString, "--listen", "127.0.0.1:0"])
        #expect(newer.status == 78)
        #expect(newer.stderr.split(separator: "\n").count == 1 && newer.stderr.contains("newer than this picnic-server knows"))
        let migrateNewer = try TestServer.command(["migrate", "--db", server.owner.urlString])
        #expect(migrateNewer.status == 78)
        let empty = try PostgresTest.database(label: "empty")
        let none = try TestServer.command(["serve", "--db", try DatabaseURL(parsing: empty.url).withUser("picnic_server", password: empty.password).urlString,
                                           "--listen", "127.0.0.1:0"])
        #expect(none.status == 78 || none.status == 69, "\(none.stderr)")
        #expect(none.stderr.split(separator: "\n").count == 1)
    }

    @Test func usersTokensAndSpacesFromTheCommandLine() async throws {
        let server = try TestServer()
        let token = try server.addUser("ana")
        #expect(APIToken.isWellFormed(token))
        let raw = try server.admin(["user", "add", "ben", "--display-name", "Ben B."])
        #expect(raw.split(separator: "\n").count == 1, "the token alone on stdout")
        let dup = try TestServer.command(["user", "add", "ana", "--db", server.owner.urlString])
        #expect(dup.status == 65 && dup.stderr.contains("already exists"))
        let badName = try TestServer.command(["user", "add", "Ana Smith", "--db", server.owner.urlString])
        #expect(badName.status == 64)
        let noDB = try TestServer.command(["user", "list"], environment: ["PICNIC_SERVER_DB": ""])
        #expect(noDB.status == 64 && noDB.stderr.contains("--db"))
        let viaEnv = try TestServer.command(["user", "list"], environment: ["PICNIC_SERVER_DB": server.owner.urlString])
        #expect(viaEnv.status == 0 && viaEnv.stdout.contains("ana") && viaEnv.stdout.contains("Ben B."))

        try server.start()
        let api = API(server.baseURL)
        #expect(try await api.get("/v1/me", token: token).status == 200)
        let second = try server.admin(["token", "new", "ana"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(second != token)
        #expect(try await api.get("/v1/me", token: second).status == 200)
        try server.admin(["user", "revoke", "ana"])
        for t in [token, second] {
            let r = try await api.get("/v1/me", token: t)
            #expect(r.isRefusal(401, "token_revoked"))
        }
        let list = try server.admin(["user", "list"])
        #expect(list.contains("ana\tana\trevoked"))
        // Only the hash is stored.
        #expect(try server.sql("SELECT count(*) FROM tokens WHERE encode(hash, 'escape') LIKE '%picnic_%'") == "0")

        try server.admin(["space", "add", "ops", "--private", "--title", "Operations"])
        let members = try server.admin(["space", "members", "ops", "--add", "ben", "--moderator", "ana"])
        #expect(members == "ana\tmoderator\nben\tmember\n")
        let spaces = try server.admin(["space", "list"])
        #expect(spaces.contains("ops\tprivate\t2 members\tOperations"))
        let noSpace = try TestServer.command(["space", "members", "nope", "--add", "ben", "--db", server.owner.urlString])
        #expect(noSpace.status == 65)
    }

    @Test func plainHTTPOnlyOnLoopbackAndHTTPSWithACertificate() async throws {
        let server = try TestServer()
        let off = try TestServer.command(["serve", "--db", server.serverURL.urlString, "--listen", "0.0.0.0:0"])
        #expect(off.status == 64 && off.stderr.contains("loopback only"))
        let half = try TestServer.command(["serve", "--db", server.serverURL.urlString, "--tls-cert", "/nonexistent"])
        #expect(half.status == 64)

        guard let openssl = TestSupport.which("openssl") else { return }
        let cert = server.folder.appendingPathComponent("cert.pem").path
        let key = server.folder.appendingPathComponent("key.pem").path
        let made = try TestSupport.run(URL(fileURLWithPath: openssl), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        #expect(made.status == 0, "\(made.stderr)")
        try server.start(["--tls-cert", cert, "--tls-key", key])
        #expect(server.baseURL.hasPrefix("https://"))
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(cert))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
        let api = API(server.baseURL, client: client)
        let hello = try await api.get("/v1/hello", token: nil)
        #expect(hello.status == 200)
        #expect(try hello.decode(APIHello.self).community == "test")
        // Without trusting the certificate, the client refuses to talk.
        await #expect(throws: (any Error).self) { _ = try await API(server.baseURL).get("/v1/hello", token: nil) }
        try await client.shutdown()
    }

    @Test func sigtermStopsTheServerCleanly() async throws {
        let server = try TestServer()
        try server.start()
        #expect(try await API(server.baseURL).get("/v1/hello", token: nil).status == 200)
        #expect(server.stop() == 0)
    }
}
