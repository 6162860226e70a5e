import Foundation
import PicnicCore

/// JSON as the API writes and reads it: camelCase keys, RFC 3339 UTC times with milliseconds,
/// and decoding errors that say which field or which line and column.
public enum APIJSON {
    /// An encoder for API bodies (keys sorted, so bodies are byte-stable).
    public static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .custom { date, encoder in
            var c = encoder.singleValueContainer()
            try c.encode(APITime.format(date))
        }
        return e
    }

    /// A decoder for API bodies.
    public static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .custom { decoder in
            let c = try decoder.singleValueContainer()
            let s = try c.decode(String.self)
            guard let date = APITime.parse(s) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an RFC 3339 time, found \"\(s.prefix(40))\"")
            }
            return date
        }
        return d
    }

    /// Encodes a value; the API's types always encode.
    public static func encode<T: Encodable>(_ value: T) -> Data {
        do { return try encoder().encode(value) } catch { preconditionFailure("API value failed to encode: \(error)") }
    }

    /// Decodes a request or response body, or throws an `APIError` (`bad_json`) naming the field,
    /// or the line and column where the text stops being JSON.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try decoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw describe(error, in: data)
        }
    }

    static func describe(_ error: DecodingError, in data: Data) -> APIError {
        switch error {
        case .typeMismatch(let type, let c):
            return fieldError(c, "expected \(typeName(type))")
        case .valueNotFound(let type, let c):
            return fieldError(c, "expected \(typeName(type)), found null")
        case .keyNotFound(let key, let c):
            let path = codingPath(c.codingPath + [key])
            return APIError(.badJSON, "body: \(path) is missing", field: path)
        case .dataCorrupted(let c):
            if !c.codingPath.isEmpty { return fieldError(c, c.debugDescription) }
            do {
                _ = try JSONText.parse(String(decoding: data, as: UTF8.self))
                return APIError(.badJSON, "body: \(c.debugDescription)")
            } catch let syntax as JSONSyntaxError {
                return APIError(.badJSON, "body line \(syntax.line) column \(syntax.column): \(syntax.message)",
                                line: syntax.line, column: syntax.column)
            } catch {
                return APIError(.badJSON, "body: not JSON")
            }
        @unknown default:
            return APIError(.badJSON, "body: not JSON")
        }
    }

    static func fieldError(_ c: DecodingError.Context, _ what: String) -> APIError {
        let path = codingPath(c.codingPath)
        if path.isEmpty { return APIError(.badJSON, "body: \(what)") }
        return APIError(.badJSON, "body: \(path): \(what)", field: path)
    }

    /// `tags[2]`, `file.sha256`.
    static func codingPath(_ keys: [CodingKey]) -> String {
        var s = ""
        for key in keys {
            if let i = key.intValue, key.stringValue.hasPrefix("Index") || key.stringValue == "\(i)" { s += "[\(i)]" }
            else { s += s.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return s
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: type is [String: Any].Type ? "an object" : "\(type)"
        }
    }
}
