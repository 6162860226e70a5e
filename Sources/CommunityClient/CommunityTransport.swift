import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// The connections under one or more `CommunityClient`s: an HTTP/1.1 pool on NIO's shared event
/// loops, with the TLS trust and timeouts every request through it uses.
///
/// Make one per process (a load generator's 50 users share one) and `shutdown()` it before the
/// process ends: async-http-client insists on an explicit shutdown.
public final class CommunityTransport: Sendable {
    /// How long to wait and how much to hold.
    public struct Options: Sendable {
        /// A PEM file of certificates to trust instead of the system's (a self-signed server).
        public var caFile: String?
        /// Opening a connection (TCP and TLS).
        public var connectTimeout: Double = 5
        /// Silence on an open connection before it counts as dead; the event stream's pings come
        /// every 15 s, so twice that.
        public var readTimeout: Double = 30
        /// Connections kept per host: one per live event stream, plus requests.
        public var connectionsPerHost: Int = 8
        public init(caFile: String? = nil) { self.caFile = caFile }
    }

    let http: HTTPClient
    public let options: Options

    /// Builds the pool; a CA file that cannot be read throws a `.configuration` `CommunityError`.
    public init(_ options: Options = Options()) throws {
        self.options = options
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile = options.caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                let why = FileManager.default.isReadableFile(atPath: caFile) ? "not a PEM certificate file" : "cannot read the file"
                throw CommunityError(.configuration, "\(caFile): \(why)")
            }
            guard !certificates.isEmpty else { throw CommunityError(.configuration, "\(caFile): no certificate in the file") }
            tls.trustRoots = .certificates(certificates)
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.amount(options.connectTimeout), read: Self.amount(options.readTimeout)),
            decompression: .disabled)
        configuration.httpVersion = .http1Only
        configuration.connectionPool = .init(idleTimeout: .seconds(60),
                                             concurrentHTTP1ConnectionsPerHostSoftLimit: options.connectionsPerHost)
        // A refused connection fails the request at once: the sync engine has its own backoff,
        // and a command must say "unreachable" now rather than after its whole deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        http = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// Closes every connection; the transport cannot be used afterwards.
    public func shutdown() async {
        try? await http.shutdown()
    }

    static func amount(_ seconds: Double) -> TimeAmount { .milliseconds(Int64((seconds * 1000).rounded())) }
}
