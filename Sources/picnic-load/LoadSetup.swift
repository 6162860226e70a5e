import CommunityClient
import Foundation
import TestSupport

/// What the run stands on: a PostgreSQL, a migrated database, users with tokens, the real server.
final class LoadSetup: @unchecked Sendable {
    let cluster: PostgresCluster
    let database: PostgresDatabase
    let server: PicnicServerProcess
    let users: [(name: String, token: String)]
    let serverBinary: URL

    /// Starts (or reaches) PostgreSQL, migrates a new database, adds `userCount` users and starts
    /// `serverCount` instances of the server on it.
    init(databaseURL: String?, serverBinary: URL, userCount: Int, fsync: Bool, log: (String) -> Void) throws {
        self.serverBinary = serverBinary
        guard FileManager.default.isExecutableFile(atPath: serverBinary.path) else {
            throw PostgresError("\(serverBinary.path): no picnic-server there (build it, or pass --server-binary)")
        }
        if let databaseURL {
            cluster = try PostgresCluster(url: databaseURL)
            log("PostgreSQL: \(cluster.host):\(cluster.port) (given)")
        } else {
            cluster = try PostgresCluster.startPrivate(settings: ["fsync": fsync ? "on" : "off"])
            log("PostgreSQL: private cluster on \(cluster.host):\(cluster.port), fsync=\(fsync ? "on" : "off")")
        }
        database = try cluster.createDatabase(label: "picnic_load")
        let migrated = try PicnicServerProcess.run(["migrate"], db: database.url, environment: [
            "PICNIC_SERVER_ROLE_PASSWORD": database.password,
        ], executable: serverBinary)
        guard migrated.status == 0 else {
            throw PostgresError("picnic-server migrate failed (\(migrated.status)): \(migrated.stderr.suffix(500))")
        }
        var users: [(String, String)] = []
        for i in 0..<userCount {
            let name = "load\(i)"
            let r = try PicnicServerProcess.run(["user", "add", name], db: database.url, executable: serverBinary)
            let token = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            guard r.status == 0, token.hasPrefix("picnic_") else {
                throw PostgresError("picnic-server user add \(name) failed (\(r.status)): \(r.stderr.suffix(300))")
            }
            users.append((name, token))
        }
        self.users = users
        server = try PicnicServerProcess(executable: serverBinary,
                                         arguments: ["serve", "--db", database.url(user: "picnic_server", password: database.password), "--listen", "127.0.0.1:0",
                                                     "--community", "load"])
        log("picnic-server: \(server.baseURL) (pid \(server.pid)), \(userCount) users")
    }

    /// One client per user over one shared transport with room for every live stream.
    func clients(transport: CommunityTransport) throws -> [SimulatedUser] {
        let base = try CommunityServer(server.baseURL)
        return users.enumerated().map { i, u in
            var client = CommunityClient(server: base, token: u.token, transport: transport)
            client.requestTimeout = 30
            return SimulatedUser(index: i, name: u.name, client: client)
        }
    }

    func close() {
        server.close()
        database.drop()
        cluster.destroy()
    }

    /// `picnic-server` beside this executable (`/proc/self/exe`'s folder).
    static var defaultServerBinary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("picnic-server")
    }
}
