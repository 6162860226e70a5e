import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// PostgreSQL's programs and the user that runs the server: PostgreSQL refuses to run as root,
/// so as root every server-side program runs through `runuser -u postgres --` on folders owned
/// by `postgres`; as anyone else, as that user.
struct PostgresTools: Sendable {
    /// The folder of initdb, pg_ctl, postgres, psql, pg_basebackup and pgbench.
    let bin: String
    /// Prepended to server-side commands (`runuser -u postgres --` when root, else nothing).
    let ownerPrefix: [String]
    /// Who owns the cluster folders (nil: this process's user).
    let owner: (uid: uid_t, gid: gid_t)?

    private static let located: Result<PostgresTools, PostgresError> = {
        do { return .success(try find()) } catch let e as PostgresError { return .failure(e) } catch {
            return .failure(PostgresError("\(error)"))
        }
    }()

    /// The tools, found once per process; throws the reason when they are missing.
    static func locate() throws -> PostgresTools { try located.get() }

    private static func find() throws -> PostgresTools {
        let env = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let b = env["PICNIC_PG_BIN"], !b.isEmpty { candidates.append(b) }
        candidates.append("/usr/lib/postgresql/15/bin")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        if let initdb = TestSupport.which("initdb") {
            candidates.append(URL(fileURLWithPath: initdb).resolvingSymlinksInPath().deletingLastPathComponent().path)
        }
        let needed = ["initdb", "pg_ctl", "postgres", "psql"]
        guard let bin = candidates.first(where: { dir in
            needed.allSatisfy { FileManager.default.isExecutableFile(atPath: "\(dir)/\($0)") }
        }) else {
            throw PostgresError("PostgreSQL's programs (initdb, pg_ctl, postgres, psql) were not found in "
                + "/usr/lib/postgresql/*/bin or PATH (apt-get install postgresql, or set PICNIC_PG_BIN)")
        }
        guard getuid() == 0 else { return PostgresTools(bin: bin, ownerPrefix: [], owner: nil) }
        guard let pw = getpwnam("postgres") else {
            throw PostgresError("running as root, and there is no 'postgres' user to run PostgreSQL as")
        }
        guard let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw PostgresError("running as root, and runuser (util-linux) is missing")
        }
        return PostgresTools(bin: bin, ownerPrefix: [runuser, "-u", "postgres", "--"],
                             owner: (pw.pointee.pw_uid, pw.pointee.pw_gid))
    }

    func path(_ tool: String) -> String { "\(bin)/\(tool)" }

    /// Runs a program as the cluster's owner, from `/` (its user may not read our folder).
    func runAsOwner(_ program: String, _ arguments: [String],
                    environment: [String: String] = [:]) throws -> TestSupport.Output {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "LC_ALL")
        let argv = ownerPrefix + [program] + arguments
        return try Spawn.capture(argv[0], Array(argv.dropFirst()), environment: env)
    }

    /// Runs a client program (psql, pgbench) as this process's user.
    func runClient(_ tool: String, _ arguments: [String], password: String) throws -> TestSupport.Output {
        var env = ProcessInfo.processInfo.environment
        env["PGPASSWORD"] = password
        env["PGCONNECT_TIMEOUT"] = "10"
        env["LANG"] = "C.UTF-8"
        return try Spawn.capture(path(tool), arguments, environment: env)
    }

    /// A new folder in /tmp (short: Unix socket paths are limited to 107 bytes), mode 0700,
    /// owned by the cluster's owner.
    func makeOwnedDirectory() throws -> URL {
        var template = Array("/tmp/picnic-pg-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PostgresError("mkdtemp in /tmp: errno \(errno)") }
        let path = String(cString: made)
        if let owner, chown(path, owner.uid, owner.gid) != 0 {
            throw PostgresError("chown \(path) to postgres: errno \(errno)")
        }
        return URL(fileURLWithPath: path)
    }

    /// Writes a file (mode 0600) owned by the cluster's owner.
    func writeOwned(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
        chmod(url.path, 0o600)
        if let owner { chown(url.path, owner.uid, owner.gid) }
    }

    /// Appends `key = value` lines to a postgresql.conf (the owner keeps write access).
    func appendSettings(_ settings: [String: String], to url: URL) throws {
        let lines = settings.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(("\n# picnic tests\n" + lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// What to undo when the process exits: clusters to stop, servers to kill, databases to drop.
enum PostgresCleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var actions: [Int: @Sendable () -> Void] = [:]
    nonisolated(unsafe) private static var nextID = 0
    nonisolated(unsafe) private static var installed = false

    /// Registers an action run at exit (newest first); returns its id for `unregister`.
    static func register(_ action: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            installed = true
            atexit { PostgresCleanup.runAll() }
        }
        nextID += 1
        actions[nextID] = action
        return nextID
    }

    static func unregister(_ id: Int) {
        lock.lock()
        actions.removeValue(forKey: id)
        lock.unlock()
    }

    static func runAll() {
        lock.lock()
        let pending = actions.sorted { $0.key > $1.key }.map(\.value)
        actions.removeAll()
        lock.unlock()
        pending.forEach { $0() }
    }
}
