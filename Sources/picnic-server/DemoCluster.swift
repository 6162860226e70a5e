import Foundation
import PicnicServer

/// A private PostgreSQL cluster in a temporary folder (initdb, pg_ctl), on a free loopback port.
/// PostgreSQL refuses to run as root: as root it runs as `postgres` through runuser, on a folder
/// that user owns.
struct DemoCluster {
    let folder: URL
    let port: Int
    let bin: URL
    let asPostgres: Bool

    static func start() throws -> DemoCluster {
        guard let bin = findBinaries() else {
            throw ServerFailure.unavailable("demo: PostgreSQL's initdb and pg_ctl are not installed (Debian: apt-get install postgresql)")
        }
        let asPostgres = geteuid() == 0
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-demo-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw ServerFailure.io("demo: cannot make \(folder.path): \(error.localizedDescription)")
        }
        if asPostgres {
            guard let pw = getpwnam("postgres") else {
                try? FileManager.default.removeItem(at: folder)
                throw ServerFailure.unavailable("demo: running as root needs the 'postgres' user (from the postgresql package)")
            }
            chown(folder.path, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        let port = try freePort()
        let cluster = DemoCluster(folder: folder, port: port, bin: bin, asPostgres: asPostgres)
        do {
            try cluster.pg("initdb", ["-D", cluster.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
            try cluster.pg("pg_ctl", ["-D", cluster.data, "-l", folder.appendingPathComponent("postgres.log").path, "-w", "-o",
                                      "-k \(folder.path) -c listen_addresses=127.0.0.1 -p \(port) -c fsync=off", "start"])
        } catch {
            cluster.stop(delete: true)
            throw error
        }
        return cluster
    }

    var data: String { folder.appendingPathComponent("data").path }

    /// Creates a database (through the cluster's socket, as the superuser).
    func createDatabase(_ name: String) throws {
        let psql = bin.appendingPathComponent("psql")
        let exe = FileManager.default.isExecutableFile(atPath: psql.path) ? psql.path : "/usr/bin/psql"
        try run(exe, ["-X", "-q", "-h", folder.path, "-p", String(port), "-U", "postgres", "-d", "postgres",
                      "-c", "CREATE DATABASE \(name)"], asPostgres: false)
    }

    /// Stops the cluster and deletes the folder.
    func stop(delete: Bool) {
        if FileManager.default.fileExists(atPath: data + "/postmaster.pid") {
            try? pg("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"])
        }
        if delete { try? FileManager.default.removeItem(at: folder) }
    }

    private func pg(_ tool: String, _ args: [String]) throws {
        try run(bin.appendingPathComponent(tool).path, args, asPostgres: asPostgres)
    }

    /// Runs a tool and waits for it with waitpid. Not Foundation's Process: pg_ctl leaves a
    /// daemon behind, and Process can miss such a child's exit and wait forever.
    private func run(_ exe: String, _ args: [String], asPostgres: Bool) throws {
        let (path, argv) = asPostgres ? ("/usr/sbin/runuser", ["-u", "postgres", "--", exe] + args) : (exe, args)
        let errPath = folder.appendingPathComponent("tool.err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cargs = ([path] + argv).map { strdup($0) } + [nil]
        defer { cargs.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, cargs, environ)
        guard rc == 0 else { throw ServerFailure.unavailable("demo: cannot run \(exe): error \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let message = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errPath)
        guard status == 0 else {
            let line = message.split(separator: "\n").last.map(String.init) ?? "exit status \(status)"
            throw ServerFailure.unavailable("demo: \((exe as NSString).lastPathComponent) failed: \(line)")
        }
    }

    /// initdb and pg_ctl on PATH, else Debian's /usr/lib/postgresql/VERSION/bin.
    static func findBinaries() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        var dirs = path.split(separator: ":").map(String.init)
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            dirs += versions.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        }
        for dir in dirs where FileManager.default.isExecutableFile(atPath: dir + "/initdb")
            && FileManager.default.isExecutableFile(atPath: dir + "/pg_ctl") {
            // Debian links initdb into PATH but not always psql beside it: prefer the real folder.
            let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/initdb")).map {
                URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: dir)).deletingLastPathComponent()
            }
            return real ?? URL(fileURLWithPath: dir)
        }
        return nil
    }

    /// A port nobody listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerFailure.io("demo: no socket for a free port") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) == 0 && getsockname(fd, $0, &len) == 0 }
        }
        guard bound else { throw ServerFailure.io("demo: cannot find a free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
