import ArgumentParser
import Foundation
import PicnicServer

/// `picnic-server migrate`: brings the schema to this build's version (safe to run again).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or upgrade the schema, connected as the tables' owner, and grant the server's role.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "The role `serve` connects as (created when missing, granted what it needs).")
    var serverRole = "picnic_server"
    @Option(help: "A file holding the password to give the server's role (or $PICNIC_SERVER_ROLE_PASSWORD).")
    var serverPasswordFile: String?

    func run() async throws {
        try await CommandRun.guarded {
            let url = try database.url()
            var password = ProcessInfo.processInfo.environment["PICNIC_SERVER_ROLE_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            if let file = serverPasswordFile {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    throw ServerFailure.io("migrate: cannot read --server-password-file \(file)")
                }
                password = text.trimmingCharacters(in: .newlines)
            }
            let result = try await Migrator.migrate(url, serverRole: serverRole, serverPassword: password, logger: CommandRun.logger)
            if result.from == result.to {
                CommandRun.say("schema is at version \(result.to); nothing to do (grants for \(serverRole) checked)")
            } else {
                CommandRun.say("schema migrated from version \(result.from) to \(result.to); \(serverRole) granted")
            }
            CommandRun.say("serve with: picnic-server serve --db \(url.withUser(serverRole))")
        }
    }
}

/// `picnic-server serve`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the community API (stops gracefully on SIGTERM or SIGINT).",
        discussion: "--db connects as the server's role (not the tables' owner: row-level security must apply). Prints 'picnic-server: listening on URL' on stderr when ready.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "HOST:PORT to listen on (port 0 picks a free one).")
    var listen = "127.0.0.1:8080"
    @Option(help: "A streaming replica for reads.")
    var readDB: String?
    @Option(help: "The certificate chain (PEM) for HTTPS.")
    var tlsCert: String?
    @Option(help: "The private key (PEM) for HTTPS.")
    var tlsKey: String?
    @Flag(help: "Serve plain HTTP on a non-loopback address.")
    var insecureHTTP = false
    @Option(help: "The largest shared file, in bytes.")
    var maxFileBytes: Int64 = 10 * 1024 * 1024
    @Option(help: "The community's name, as GET /v1/hello says it.")
    var community = "picnic"
    @Option(help: "Failed logins from one address within the window before 429.")
    var loginFailures = 10
    @Option(help: "The window failed logins are counted in, in seconds.")
    var loginWindow: Double = 60
    @Option(help: "The most PostgreSQL connections of each pool.")
    var maxConnections = 20

    func run() async throws {
        try await CommandRun.guarded {
            let (host, port) = try ServerConfiguration.parseListen(listen)
            let config = ServerConfiguration(
                database: try database.url(), readDatabase: try readDB.map { try DatabaseURL(parsing: $0) },
                host: host, port: port, tlsCertificate: tlsCert, tlsKey: tlsKey, insecureHTTP: insecureHTTP,
                maxFileBytes: maxFileBytes, community: community, loginFailureLimit: loginFailures, maxConnections: maxConnections)
            var configured = config
            configured.loginWindow = loginWindow
            let server = CommunityServer(config: configured, logger: CommandRun.logger)
            do {
                try await server.run { url in CommandRun.ready(url) }
            } catch let e as ServerFailure {
                throw e
            } catch {
                throw ServerFailure.unavailable("serve: \(error)")
            }
        }
    }
}
