import AsyncHTTPClient
import CommunityAPI
import Foundation
import NIOCore
import NIOHTTP1

/// The typed client of the community API (docs/CommunityAPI.md) for one user on one server.
///
/// Every method sends one request and returns the decoded answer, or throws a `CommunityError`
/// (one line, an exit code, `isRetryable`). Cheap to copy; the connections live in the
/// `CommunityTransport`, which several clients (several users) may share.
///
///     let transport = try CommunityTransport(.init(caFile: nil))
///     let client = CommunityClient(server: try CommunityServer("http://127.0.0.1:8080"), token: token, transport: transport)
///     let me = try await client.me()
///     await transport.shutdown()
public struct CommunityClient: Sendable {
    public let server: CommunityServer
    /// The bearer token (`picnic_…`); nil for `hello` only. Never printed, never in an error.
    public var token: String?
    public let transport: CommunityTransport
    /// The deadline of one request (connect, send, the whole answer), in seconds.
    public var requestTimeout: Double = 30

    public init(server: CommunityServer, token: String?, transport: CommunityTransport) {
        self.server = server
        self.token = token
        self.transport = transport
    }

    /// A server's raw answer: status, headers and the whole body.
    public struct Response: Sendable {
        public var status: Int
        public var headers: [(name: String, value: String)]
        public var body: Data

        /// The first header of that name (case-insensitive).
        public func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    /// The largest answer body read into memory (a change page of 5,000 big posts fits).
    public static let maxResponseBytes = 512 << 20

    /// Sends one request and returns whatever the server answered, any status: the building block
    /// of the typed methods, and of tests that check refusals. Throws only when there is no
    /// complete answer (`.unreachable`, TLS failures as `.protocolViolation`).
    public func send(_ method: String, _ path: String, body: Data? = nil,
                     contentType: String = "application/json; charset=utf-8",
                     headers extra: [(String, String)] = [], authorized: Bool = true) async throws -> Response {
        var request = HTTPClientRequest(url: server.url(path))
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "User-Agent", value: "picnic/\(CommunityAPI.version)")
        request.headers.add(name: "Accept", value: "application/json")
        if authorized, let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        for (name, value) in extra { request.headers.replaceOrAdd(name: name, value: value) }
        do {
            let response = try await transport.http.execute(request, timeout: CommunityTransport.amount(requestTimeout))
            let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
            return Response(status: Int(response.status.code),
                            headers: response.headers.map { ($0.name, $0.value) },
                            body: Data(bytes.readableBytesView))
        } catch {
            throw TransportFailure.describe(error, method: method, path: path, server: server)
        }
    }

    /// Sends a request and decodes a 2xx answer as `T`; a non-2xx answer becomes the matching
    /// `CommunityError` (the server's own one-line message when it sent one).
    func call<T: Decodable>(_ method: String, _ path: String, body: Data? = nil, as type: T.Type) async throws -> (T, Int) {
        let response = try await send(method, path, body: body)
        guard (200..<300).contains(response.status) else { throw refusal(response, method: method, path: path) }
        do {
            return (try APIJSON.decode(T.self, from: response.body), response.status)
        } catch let error as APIError {
            let kind = response.header("Content-Type").map { $0.lowercased().hasPrefix("application/json") } == true
                ? "a malformed answer" : "an answer that is not JSON (\(Self.printable(response.header("Content-Type") ?? "no type", 40)))"
            throw CommunityError(.protocolViolation,
                                 "\(server.baseURL): \(method) \(Self.route(path)) gave \(kind): \(Self.printable(error.message, 160))",
                                 status: response.status)
        }
    }

    /// The `CommunityError` for a non-2xx answer.
    func refusal(_ response: Response, method: String, path: String) -> CommunityError {
        let api = try? APIJSON.decode(APIError.Body.self, from: response.body).error
        let status = response.status
        let what = api.map { Self.printable($0.message, 200) } ?? "HTTP \(status)"
        let at = "\(server.baseURL): \(method) \(Self.route(path))"
        let retryAfter = response.header("Retry-After").flatMap(Double.init)
        switch status {
        case 401:
            return CommunityError(.unauthorized, "\(server.baseURL): the server refused the token (\(what))", status: status, apiError: api)
        case 403:
            return CommunityError(.forbidden, "\(at): not allowed (\(what))", status: status, apiError: api)
        case 429:
            return CommunityError(.unavailable, "\(at): too many requests; retry after \(Int(retryAfter ?? 60)) s", status: status,
                                  apiError: api, retryAfter: retryAfter)
        case 500...:
            return CommunityError(.unavailable, "\(at): the server cannot answer now (\(what))", status: status,
                                  apiError: api, retryAfter: retryAfter)
        default:
            // Without the API's error body, the other side is some other web server.
            guard let api else {
                return CommunityError(.protocolViolation, "\(at): HTTP \(status) without an API error: not a Picnic community server?",
                                      status: status)
            }
            return CommunityError(.refused, "\(at): \(what)", status: status, apiError: api)
        }
    }

    /// A path for a message: without its query.
    static func route(_ path: String) -> String { String(path.prefix { $0 != "?" }) }

    /// Text from the other side, safe for one line of a terminal.
    static func printable(_ s: String, _ width: Int) -> String { CommunityServer.printable(String(s.prefix(width * 2))) }
}
