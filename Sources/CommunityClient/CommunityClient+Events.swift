import AsyncHTTPClient
import CommunityAPI
import Foundation
import NIOCore
import NIOHTTP1

extension CommunityClient {
    /// Opens `GET /v1/events?after=N` and returns its events as they arrive (`head` events and
    /// the `retry` advice; pings are comments and yield nothing, but keep the read timeout away).
    /// The stream ends when the server closes it and throws a `CommunityError` when it is cut or
    /// silent past the transport's read timeout; reconnecting is the caller's business (PicnicSync).
    public func events(after position: Int64) async throws -> CommunityEventStream {
        let path = "\(CommunityAPI.Path.events)?after=\(position)"
        var request = HTTPClientRequest(url: server.url(path))
        request.headers.add(name: "User-Agent", value: "picnic/\(CommunityAPI.version)")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response: HTTPClientResponse
        do {
            response = try await transport.http.execute(request, deadline: .distantFuture)
        } catch {
            throw TransportFailure.describe(error, method: "GET", path: path, server: server)
        }
        guard response.status == .ok else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { Data($0.readableBytesView) } ?? Data()
            throw refusal(Response(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body),
                          method: "GET", path: path)
        }
        let type = response.headers.first(name: "Content-Type")?.lowercased() ?? ""
        guard type.hasPrefix("text/event-stream") else {
            throw CommunityError(.protocolViolation, "\(server.baseURL): GET /v1/events answered \(Self.printable(type.isEmpty ? "no type" : type, 40)), not an event stream")
        }
        return CommunityEventStream(body: response.body, server: server, path: path)
    }
}

/// The events of one `GET /v1/events` connection, in order.
public struct CommunityEventStream: AsyncSequence, Sendable {
    public typealias Element = ServerSentEvent
    let body: HTTPClientResponse.Body
    let server: CommunityServer
    let path: String

    public func makeAsyncIterator() -> Iterator {
        Iterator(body: body.makeAsyncIterator(), server: server, path: path)
    }

    /// Reads chunks and hands out the events they complete.
    public struct Iterator: AsyncIteratorProtocol {
        var body: HTTPClientResponse.Body.AsyncIterator
        let server: CommunityServer
        let path: String
        var parser = ServerSentEventParser()
        var pending: [ServerSentEvent] = []

        public mutating func next() async throws -> ServerSentEvent? {
            while pending.isEmpty {
                let chunk: ByteBuffer?
                do {
                    chunk = try await body.next()
                } catch {
                    throw TransportFailure.describe(error, method: "GET", path: path, server: server)
                }
                guard let chunk else { return nil }
                pending = parser.feed(chunk.readableBytesView)
            }
            return pending.removeFirst()
        }
    }
}

extension ServerSentEvent {
    /// The feed head a `head` event announces, or nil for any other event (or bad data).
    public var head: Int64? {
        guard event == "head" else { return nil }
        return (try? APIJSON.decode(APIHeadEvent.self, from: Data(data.utf8)))?.head
    }
}
