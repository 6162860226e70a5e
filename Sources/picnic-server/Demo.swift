import ArgumentParser
import Foundation
import PicnicServer

/// `picnic-server demo`: a throwaway community for a newcomer. A private PostgreSQL cluster in a
/// temporary folder, migrated, with two users (ana, ben), a private space and a few posts;
/// served on loopback until Ctrl-C or SIGTERM, which stop the cluster and delete the folder.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A throwaway community on a private PostgreSQL, for trying Picnic's team side.",
        discussion: "Needs PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql). Prints the picnic commands that join as each user; their tokens are in 0600 files in the demo folder.")

    @Option(help: "The HTTP port on 127.0.0.1 (0 picks a free one).")
    var port = 0
    @Flag(help: "Keep the folder (and its cluster's data) after stopping.")
    var keep = false

    func run() async throws {
        try await CommandRun.guarded {
            let cluster = try DemoCluster.start()
            do {
                try await serve(cluster)
            } catch {
                cluster.stop(delete: !keep)
                throw error
            }
            cluster.stop(delete: !keep)
        }
    }

    private func serve(_ cluster: DemoCluster) async throws {
        let owner = DatabaseURL(user: "postgres", host: "127.0.0.1", port: cluster.port, database: "picnic")
        try cluster.createDatabase("picnic")
        _ = try await Migrator.migrate(owner, serverRole: "picnic_server", logger: CommandRun.logger)
        let server = owner.withUser("picnic_server")
        let people = try await DemoSeed.seed(owner: owner, server: server, logger: CommandRun.logger)
        var tokenFiles: [(String, String)] = []
        for p in people {
            let path = cluster.folder.appendingPathComponent("\(p.name).token").path
            guard FileManager.default.createFile(atPath: path, contents: Data((p.token + "\n").utf8),
                                                 attributes: [.posixPermissions: 0o600]) else {
                throw ServerFailure.io("demo: cannot write \(path)")
            }
            tokenFiles.append((p.name, path))
        }
        let files = tokenFiles
        let config = ServerConfiguration(database: server, host: "127.0.0.1", port: port, community: "demo")
        let folder = cluster.folder.path
        let keep = self.keep
        try await CommunityServer(config: config, logger: CommandRun.logger).run { url in
            CommandRun.ready(url)
            var lines = ["A demo community, 'demo', with two people (ana and ben) and a few posts; PostgreSQL runs in \(folder).",
                         "Each person joins from a terminal of their own (the variables keep their Picnic data apart):",
                         ""]
            for (name, path) in files {
                lines.append("  # as \(name)")
                lines.append("  export XDG_CONFIG_HOME=\(folder)/\(name)/config XDG_DATA_HOME=\(folder)/\(name)/data")
                lines.append("  picnic community join \(url) --token-file \(path)")
                lines.append("")
            }
            lines.append("Or with curl:  curl -H \"Authorization: Bearer $(cat \(files[0].1))\" \(url)/v1/changes")
            lines.append("Live changes:  curl -N -H \"Authorization: Bearer $(cat \(files[1].1))\" \(url)/v1/events")
            lines.append(keep ? "Ctrl-C stops the server and the cluster (the folder stays)."
                              : "Ctrl-C stops the server and the cluster, and deletes the folder.")
            CommandRun.say(lines.joined(separator: "\n"))
        }
    }
}
