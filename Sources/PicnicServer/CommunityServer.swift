import CommunityAPI
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import ServiceLifecycle
import UnixSignals

/// `picnic-server serve`: checks the database and its role, then serves the API until SIGTERM
/// or SIGINT (a graceful stop: live streams end, requests in flight finish, pools close).
public struct CommunityServer: Sendable {
    public var config: ServerConfiguration
    public var logger: Logger

    public init(config: ServerConfiguration, logger: Logger) {
        self.config = config
        self.logger = logger
    }

    /// Runs the server; `ready` gets the base URL once it listens (printed by the command, so a
    /// test or a script waits for that line instead of sleeping).
    public func run(ready: @escaping @Sendable (String) -> Void) async throws {
        try config.check()
        try await Self.checkDatabase(config.database, role: "--db", logger: logger)
        if let replica = config.readDatabase { try await Self.checkDatabase(replica, role: "--read-db", logger: logger) }
        let tls = try tlsConfiguration()

        var primaryConfig = config.database.clientConfiguration()
        primaryConfig.options.maximumConnections = config.maxConnections
        let primary = PostgresClient(configuration: primaryConfig, backgroundLogger: logger)
        var replica: PostgresClient?
        if let url = config.readDatabase {
            var c = url.clientConfiguration()
            c.options.maximumConnections = config.maxConnections
            replica = PostgresClient(configuration: c, backgroundLogger: logger)
        }
        let community = Community(config: config, primary: primary, replica: replica, logger: logger)
        community.watcher.listenURL = config.database

        let scheme = tls == nil ? "http" : "https"
        let community_ = config.community
        let app = Application(
            responder: CommunityResponder(community: community),
            server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let host = config.host.contains(":") ? "[\(config.host)]" : config.host
                ready("\(scheme)://\(host):\(port)")
                _ = community_
            },
            logger: logger)
        if !config.usesTLS && !ServerConfiguration.isLoopback(config.host) {
            logger.warning("serving plain HTTP on \(config.host) (--insecure-http): tokens cross the network unencrypted")
        }
        var services: [any Service] = [primary]
        if let replica { services.append(replica) }
        services.append(app)
        services.append(community.watcher)   // last, so it stops first: live streams end, then the HTTP server
        var groupConfig = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        groupConfig.maximumGracefulShutdownDuration = .seconds(10)
        try await ServiceGroup(configuration: groupConfig).run()
    }

    private func tlsConfiguration() throws -> TLSConfiguration? {
        guard let certPath = config.tlsCertificate, let keyPath = config.tlsKey else { return nil }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certPath).map { NIOSSLCertificateSource.certificate($0) }
            guard !chain.isEmpty else { throw ServerFailure.config("--tls-cert \(certPath): no certificate in the file") }
            let key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        } catch let e as ServerFailure {
            throw e
        } catch {
            throw ServerFailure.config("--tls-cert \(certPath) / --tls-key \(keyPath): cannot read them as PEM (\(error))")
        }
    }

    /// Refuses a database the server must not serve: not migrated, a schema of another version,
    /// or a role that row-level security would not apply to (the tables' owner, a superuser).
    static func checkDatabase(_ url: DatabaseURL, role option: String, logger: Logger) async throws {
        try await Connect.with(url, logger: logger) { conn in
            let version: Int?
            do {
                version = try await Migrator.currentVersion(conn, logger: logger)
            } catch let e as PSQLError where e.sqlState == "42501" {
                throw ServerFailure.config("\(option): '\(url.user)' may not read the schema: run picnic-server migrate (it grants the server's role)")
            }
            guard let version else {
                throw ServerFailure.config("\(option): the database has no Picnic schema: run picnic-server migrate first")
            }
            if version > Migration.latest { throw Migrator.newerSchema(version) }
            if version < Migration.latest {
                throw ServerFailure.config("\(option): the database's schema is version \(version), older than this picnic-server (\(Migration.latest)): run picnic-server migrate")
            }
            let row = try await conn.firstRow("""
                SELECT r.rolsuper, r.rolbypassrls, pg_has_role(current_user, c.relowner, 'USAGE'), c.relrowsecurity,
                       pg_get_userbyid(c.relowner)
                FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.oid = 'public.posts'::regclass
                """, logger: logger)
            guard let row else { throw ServerFailure.config("\(option): cannot read the role of '\(url.user)'") }
            let (superuser, bypass, owns, rls, owner) = try row.decode((Bool, Bool, Bool, Bool, String).self)
            if superuser || bypass || owns {
                let why = superuser ? "a superuser" : bypass ? "allowed to bypass row-level security" : "the owner of the tables ('\(owner)')"
                throw ServerFailure.config(
                    "\(option): connected as '\(url.user)', \(why): row-level security would not apply; connect as the server's role (picnic-server migrate --server-role, default picnic_server)")
            }
            guard rls else { throw ServerFailure.config("\(option): row-level security is off on posts: run picnic-server migrate") }
        }
    }
}
