import Foundation
import TermUI

/// A community server's base URL, checked and normalised: `http` or `https`, a host, an optional
/// port and path prefix (behind a proxy), no query, no trailing slash.
public struct CommunityServer: Hashable, Sendable, CustomStringConvertible {
    /// `https://picnic.example.com` or `http://127.0.0.1:8080/team`, without a trailing slash.
    public let baseURL: String
    public let isHTTPS: Bool
    public let host: String

    /// Parses what a person typed; throws a `.usage` `CommunityError` naming the problem.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        func bad(_ why: String) -> CommunityError {
            CommunityError(.usage, "\(Self.printable(trimmed)): not a server URL (\(why))")
        }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw bad("expected http://HOST[:PORT] or https://HOST[:PORT]")
        }
        guard scheme == "http" || scheme == "https" else { throw bad("the scheme must be http or https") }
        guard let host = components.host, !host.isEmpty else { throw bad("no host") }
        guard components.query == nil, components.fragment == nil else { throw bad("no query or fragment, please") }
        guard components.user == nil, components.password == nil else {
            throw bad("no user or password in the URL: the token comes from --token-file or the prompt")
        }
        if let port = components.port, !(1...65535).contains(port) { throw bad("port \(port) out of range") }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/v1") { path.removeLast(3) }   // a pasted API URL means its server
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        baseURL = "\(scheme)://\(hostPart.lowercased())\(components.port.map { ":\($0)" } ?? "")\(path)"
        isHTTPS = scheme == "https"
        self.host = host.lowercased()
    }

    public var description: String { baseURL }

    /// The full URL of an API path (`/v1/…`, query included).
    public func url(_ path: String) -> String { baseURL + path }

    /// Whether the host is this machine (plain HTTP is only safe there).
    public var isLoopback: Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    /// A URL a person typed, cut and stripped of controls for an error line.
    static func printable(_ s: String) -> String { Sanitizer.line(s, maxWidth: 120) }
}
