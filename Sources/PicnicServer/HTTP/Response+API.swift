import CommunityAPI
import Foundation
import Hummingbird
import NIOCore

extension Response {
    /// A JSON body with a status.
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let data = APIJSON.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A refused request: its status and the one-line JSON error.
    static func error(_ e: APIError, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: HTTPResponse.Status(code: e.status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(bytes: e.body)))
    }
}

extension Request {
    /// The body, refused with 413 past `limit` bytes: from Content-Length before reading, or as
    /// soon as the bytes pass it.
    func collectBody(limit: Int, what: String) async throws -> ByteBuffer {
        if let length = headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw APIError(.tooLarge, "\(what) is \(length) bytes, more than the \(limit) allowed")
        }
        var out = ByteBuffer()
        for try await var chunk in body {
            guard out.readableBytes + chunk.readableBytes <= limit else {
                throw APIError(.tooLarge, "\(what) is more than the \(limit) bytes allowed")
            }
            out.writeBuffer(&chunk)
        }
        return out
    }

    /// A JSON request body decoded, with the contract's refusals (415, 413, 400 naming the place).
    func decodeJSON<T: Decodable>(_ type: T.Type) async throws -> T {
        if let type = headers[.contentType], !type.lowercased().hasPrefix("application/json") {
            throw APIError(.unsupportedMediaType, "the body must be application/json, not \(type.prefix(80))")
        }
        let buffer = try await collectBody(limit: APILimits.requestBytes, what: "the body")
        return try APIJSON.decode(T.self, from: Data(buffer.readableBytesView))
    }

    /// A query parameter as an integer, refused with 400 when it is not one.
    func integerParameter(_ name: String) throws -> Int64? {
        guard let text = uri.queryParameters[Substring(name)] else { return nil }
        guard let v = Int64(text) else { throw APIError.invalid(name, "not an integer: \(text.prefix(40))") }
        return v
    }
}
