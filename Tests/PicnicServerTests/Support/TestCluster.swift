import Foundation
import PicnicServer
import TestSupport

/// A PostgreSQL for the server's tests: `$PICNIC_TEST_PG_URL` (a superuser's URL, as CI exports
/// it), or a private cluster started once per test process in a temporary folder and stopped at
/// exit. Every test gets a fresh database of its own.
final class TestCluster: @unchecked Sendable {
    /// The superuser's URL on the `postgres` database.
    let admin: DatabaseURL
    private let folder: URL?
    private let bin: URL?
    private let counter = Counter()

    /// The cluster, or why there is none (tests skip with that message).
    static let shared: Result<TestCluster, ClusterUnavailable> = {
        if let text = ProcessInfo.processInfo.environment["PICNIC_TEST_PG_URL"], !text.isEmpty {
            do { return .success(TestCluster(admin: try DatabaseURL(parsing: text), folder: nil, bin: nil)) }
            catch { return .failure(ClusterUnavailable(reason: "PICNIC_TEST_PG_URL: \(error)")) }
        }
        return startPrivate()
    }()

    static var isAvailable: Bool { (try? shared.get()) != nil }
    static var skipReason: String {
        if case .failure(let e) = shared { return e.reason }
        return ""
    }

    private init(admin: DatabaseURL, folder: URL?, bin: URL?) {
        self.admin = admin
        self.folder = folder
        self.bin = bin
    }

    /// A new, empty database; returns the owner's (superuser's) URL to it.
    func freshDatabase() throws -> DatabaseURL {
        let name = "t\(ProcessInfo.processInfo.processIdentifier)_\(counter.next())_\(UUID().uuidString.prefix(6).lowercased())"
        try psql(["-d", admin.database, "-c", "CREATE DATABASE \(name)"])
        var url = admin
        url.database = name
        return url
    }

    /// Runs psql as the superuser; returns stdout.
    @discardableResult
    func psql(_ args: [String], stdin: String? = nil) throws -> String {
        var base = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-U", admin.user, "-p", String(admin.port)]
        base += ["-h", admin.socketDirectory ?? admin.host ?? "127.0.0.1"]
        let out = try TestSupport.run(URL(fileURLWithPath: Self.psqlPath), base + args, stdin: stdin,
                                      environment: admin.password.map { ["PGPASSWORD": $0] } ?? [:])
        guard out.status == 0 else { throw ClusterUnavailable(reason: "psql \(args.joined(separator: " ")): \(out.stderr)") }
        return out.stdout
    }

    static var psqlPath: String { TestSupport.which("psql") ?? "/usr/bin/psql" }

    private static func startPrivate() -> Result<TestCluster, ClusterUnavailable> {
        guard let initdb = TestSupport.which("initdb") ?? debianBinary("initdb") else {
            return .failure(ClusterUnavailable(reason: "PostgreSQL is not installed (no initdb; apt-get install postgresql) and PICNIC_TEST_PG_URL is not set"))
        }
        let bin = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: initdb)) ?? initdb)
            .deletingLastPathComponent()
        let folder = TestSupport.makeTempDirectory("picnic-pg")
        let asRoot = geteuid() == 0
        if asRoot {
            guard let pw = getpwnam("postgres") else { return .failure(ClusterUnavailable(reason: "running as root without a postgres user")) }
            chown(folder.path, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        func pg(_ tool: String, _ args: [String]) -> Int32 {
            let exe = bin.appendingPathComponent(tool).path
            let (path, argv) = asRoot ? ("/usr/sbin/runuser", ["-u", "postgres", "--", exe] + args) : (exe, args)
            guard let child = try? Spawn.start(path, argv, stdout: folder.path + "/\(tool).out", stderr: folder.path + "/\(tool).err") else { return -1 }
            return child.wait()
        }
        let port = freePort()
        let data = folder.appendingPathComponent("data").path
        guard pg("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]) == 0 else {
            return .failure(ClusterUnavailable(reason: "initdb failed: " + ((try? String(contentsOfFile: folder.path + "/initdb.err", encoding: .utf8)) ?? "")))
        }
        let options = "-k \(folder.path) -c listen_addresses=127.0.0.1 -p \(port) -c max_connections=400 -c fsync=off -c shared_buffers=32MB"
        guard pg("pg_ctl", ["-D", data, "-l", folder.path + "/postgres.log", "-w", "-o", options, "start"]) == 0 else {
            return .failure(ClusterUnavailable(reason: "pg_ctl start failed (port \(port)): see \(folder.path)/postgres.log"))
        }
        stopAtExit = { _ = pg("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]); try? FileManager.default.removeItem(at: folder) }
        atexit { TestCluster.stopAtExit?() }
        let admin = DatabaseURL(user: "postgres", host: "127.0.0.1", port: port, database: "postgres")
        return .success(TestCluster(admin: admin, folder: folder, bin: bin))
    }

    nonisolated(unsafe) static var stopAtExit: (() -> Void)?

    private static func debianBinary(_ name: String) -> String? {
        guard let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") else { return nil }
        for v in versions.sorted(by: >) where FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\(v)/bin/\(name)") {
            return "/usr/lib/postgresql/\(v)/bin/\(name)"
        }
        return nil
    }
}

struct ClusterUnavailable: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

final class Counter: @unchecked Sendable {
    private var n = 0
    private let lock = NSLock()
    func next() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
}

/// A loopback port nobody listens on now.
func freePort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
}
