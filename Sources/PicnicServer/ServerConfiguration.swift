import CommunityAPI
import Foundation

/// How `picnic-server serve` runs (docs/Server.md, "serve").
public struct ServerConfiguration: Sendable {
    /// The primary, as the server's role (never the tables' owner).
    public var database: DatabaseURL
    /// A streaming replica for reads, when given.
    public var readDatabase: DatabaseURL?
    public var host: String
    /// 0 picks a free port (the ready line says which).
    public var port: Int
    /// PEM files; HTTPS when both are set.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// Plain HTTP on a non-loopback address.
    public var insecureHTTP: Bool
    public var maxFileBytes: Int64
    public var community: String
    /// Failed logins from one address within a minute before 429.
    public var loginFailureLimit: Int
    /// The window those failures are counted in, in seconds (the contract's minute).
    public var loginWindow: Double = 60
    /// The pool's largest number of connections (per database).
    public var maxConnections: Int

    public init(database: DatabaseURL, readDatabase: DatabaseURL? = nil, host: String = "127.0.0.1", port: Int = 8080,
                tlsCertificate: String? = nil, tlsKey: String? = nil, insecureHTTP: Bool = false,
                maxFileBytes: Int64 = APILimits.defaultFileBytes, community: String = "picnic",
                loginFailureLimit: Int = 10, maxConnections: Int = 20) {
        self.database = database
        self.readDatabase = readDatabase
        self.host = host
        self.port = port
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
        self.insecureHTTP = insecureHTTP
        self.maxFileBytes = maxFileBytes
        self.community = community
        self.loginFailureLimit = loginFailureLimit
        self.maxConnections = maxConnections
    }

    var usesTLS: Bool { tlsCertificate != nil }

    /// Parses `HOST:PORT`, `[V6]:PORT` or `:PORT` (loopback).
    public static func parseListen(_ text: String) throws -> (host: String, port: Int) {
        var host = "127.0.0.1"
        var portText = text
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw ServerFailure.usage("--listen \(text): expected HOST:PORT") }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = String(text[text.index(after: close)...])
            guard portText.hasPrefix(":") else { throw ServerFailure.usage("--listen \(text): expected [ADDRESS]:PORT") }
            portText.removeFirst()
        } else if let colon = text.lastIndex(of: ":") {
            let h = String(text[..<colon])
            if !h.isEmpty { host = h }
            portText = String(text[text.index(after: colon)...])
        }
        guard let port = Int(portText), (0...65535).contains(port) else {
            throw ServerFailure.usage("--listen \(text): expected HOST:PORT with a port from 0 to 65535")
        }
        return (host, port)
    }

    /// Whether an address reaches only this machine.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Refuses a set-up the contract forbids: plain HTTP off loopback, half a TLS pair.
    func check() throws {
        if (tlsCertificate == nil) != (tlsKey == nil) {
            throw ServerFailure.usage("serve: --tls-cert and --tls-key go together")
        }
        if !usesTLS && !insecureHTTP && !Self.isLoopback(host) {
            throw ServerFailure.usage("serve: plain HTTP is served on loopback only; give --tls-cert and --tls-key, or --insecure-http")
        }
        guard loginFailureLimit > 0, loginWindow > 0 else { throw ServerFailure.usage("serve: --login-failures and --login-window must be positive") }
        guard maxFileBytes > 0 else { throw ServerFailure.usage("serve: --max-file-bytes must be positive") }
        guard APILimits.isValidName(community) else { throw ServerFailure.usage("serve: --community: \(APILimits.nameRule)") }
    }
}
