import Foundation
import NIOSSL
import PostgresNIO

/// A PostgreSQL address as libpq writes it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|require|verify-full][&host=/socket/dir]`.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require, verifyFull = "verify-full" }

    public var user: String
    public var password: String?
    /// A host name or address; nil with `socketDirectory`.
    public var host: String?
    public var port: Int
    public var socketDirectory: String?
    public var database: String
    public var tls: TLSMode

    public init(user: String, password: String? = nil, host: String? = "127.0.0.1", port: Int = 5432,
                socketDirectory: String? = nil, database: String, tls: TLSMode = .disable) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.socketDirectory = socketDirectory
        self.database = database
        self.tls = tls
    }

    /// Parses a URL; throws a usage failure naming what is wrong.
    public init(parsing text: String) throws {
        func bad(_ why: String) -> ServerFailure { .usage("database URL: \(why) (expected postgres://USER@HOST:PORT/DATABASE)") }
        guard let c = URLComponents(string: text), let scheme = c.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw bad("not a postgres:// URL")
        }
        guard let user = c.user, !user.isEmpty else { throw bad("no user") }
        self.user = user.removingPercentEncoding ?? user
        self.password = c.password.map { $0.removingPercentEncoding ?? $0 }
        let query = Dictionary((c.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let hostText = (c.percentEncodedHost ?? "").removingPercentEncoding ?? ""
        if let dir = query["host"], dir.hasPrefix("/") {
            socketDirectory = dir
            host = nil
        } else if hostText.hasPrefix("/") {
            socketDirectory = hostText
            host = nil
        } else {
            guard !hostText.isEmpty else { throw bad("no host") }
            host = hostText
            socketDirectory = nil
        }
        port = c.port ?? 5432
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? self.user : path
        if let mode = query["sslmode"] {
            guard let m = TLSMode(rawValue: mode) else { throw bad("sslmode '\(mode)' is not disable, prefer, require or verify-full") }
            tls = m
        } else {
            tls = socketDirectory != nil || DatabaseURL.isLoopback(host ?? "") ? .disable : .prefer
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// The same database as another user (the server's role on the owner's address).
    public func withUser(_ user: String, password: String? = nil) -> DatabaseURL {
        var u = self
        u.user = user
        u.password = password
        return u
    }

    /// The URL again, without its password.
    public var description: String { render(withPassword: false) }

    /// The URL with its password, for handing to another program.
    public var urlString: String { render(withPassword: true) }

    private func render(withPassword: Bool) -> String {
        var s = "postgres://" + (user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user)
        if withPassword, let password {
            s += ":" + (password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? password)
        }
        s += "@"
        if let host { s += host.contains(":") ? "[\(host)]" : host }
        s += ":\(port)/\(database)"
        var q: [String] = []
        if let socketDirectory { q.append("host=\(socketDirectory)") }
        q.append("sslmode=\(tls.rawValue)")
        return s + "?" + q.joined(separator: "&")
    }

    /// The pool's configuration for this address.
    public func clientConfiguration() -> PostgresClient.Configuration {
        var config: PostgresClient.Configuration
        if let socketDirectory {
            config = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            config = .init(host: host ?? "127.0.0.1", port: port, username: user, password: password, database: database,
                           tls: tlsSetting)
        }
        config.options.connectTimeout = .seconds(5)
        return config
    }

    /// A single connection's configuration (the listener, admin commands).
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        if let socketDirectory {
            return .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        }
        let tls: PostgresConnection.Configuration.TLS
        switch self.tls {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(try NIOSSLContext(configuration: Self.unverified))
        case .require: tls = .require(try NIOSSLContext(configuration: Self.unverified))
        case .verifyFull: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var c = PostgresConnection.Configuration(host: host ?? "127.0.0.1", port: port, username: user, password: password,
                                                 database: database, tls: tls)
        c.options.connectTimeout = .seconds(5)
        return c
    }

    private var tlsSetting: PostgresClient.Configuration.TLS {
        switch tls {
        case .disable: .disable
        case .prefer: .prefer(Self.unverified)
        case .require: .require(Self.unverified)
        case .verifyFull: .require(.makeClientConfiguration())
        }
    }

    /// libpq's `prefer` and `require` encrypt without checking the certificate; so do we.
    private static var unverified: TLSConfiguration {
        var c = TLSConfiguration.makeClientConfiguration()
        c.certificateVerification = .none
        return c
    }
}
