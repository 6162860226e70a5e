import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension PostgresCluster {
    /// A streaming standby of this server: `pg_basebackup -R -X stream` into a new private
    /// cluster on its own loopback port, started hot (read-only queries). Owned by the caller:
    /// `destroy()`, deinit or process exit stop and remove it. Works for a private primary and
    /// for an external one on this machine (the URL's user needs the REPLICATION right).
    public func startReplica() throws -> PostgresCluster {
        let tools = try PostgresTools.locate()
        guard tools.has("pg_basebackup") else {
            throw PostgresError("pg_basebackup was not found in \(tools.bin)")
        }
        let dir = try tools.makeOwnedDirectory()
        do {
            let backup = try tools.runAsOwner(tools.path("pg_basebackup"), [
                "-N", "-R", "-X", "stream", "-c", "fast", "-D", dir.appendingPathComponent("data").path,
                "-h", host, "-p", "\(port)", "-U", user,
            ], environment: ["PGPASSWORD": password])
            guard backup.status == 0 else {
                throw PostgresError("pg_basebackup from \(host):\(port) failed (\(backup.status)): "
                    + Self.lastLines(backup.stderr + backup.stdout))
            }
            // The copy carries the primary's settings; a standby reads with its own.
            try tools.appendSettings(["hot_standby": "on", "listen_addresses": "'127.0.0.1'"],
                                     to: dir.appendingPathComponent("data/postgresql.conf"))
            return try Self.startServer(tools: tools, directory: dir, password: password, isReplica: true)
        } catch {
            _ = try? tools.runAsOwner("/bin/rm", ["-rf", dir.path])
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
    }

    /// The primary's current write position (`pg_current_wal_lsn()`).
    public func currentWALPosition() throws -> String {
        try psql("SELECT pg_current_wal_lsn()")
    }

    /// Waits until `replica` has replayed everything this primary had written when called,
    /// polling with a deadline; throws with both positions when it passes.
    public func waitUntilReplayed(by replica: PostgresCluster, timeout: TimeInterval = 30) throws {
        let target = try currentWALPosition()
        let deadline = Date().addingTimeInterval(timeout)
        var seen = ""
        while Date() < deadline {
            seen = (try? replica.psql("SELECT (pg_last_wal_replay_lsn() >= '\(target)'::pg_lsn)::text "
                + "|| ' ' || pg_last_wal_replay_lsn()")) ?? ""
            if seen.hasPrefix("true") { return }
            usleep(10_000) // polling the replica's replay position, not synchronising on time
        }
        throw PostgresError("replica \(replica.host):\(replica.port) did not replay \(target) within \(Int(timeout)) s "
            + "(at: \(seen)); its log: \(Self.lastLines(replica.log))")
    }
}

extension PostgresTools {
    func has(_ tool: String) -> Bool { FileManager.default.isExecutableFile(atPath: path(tool)) }
}
