import Foundation

/// A machine-readable reason for a refused request (`{"error":{"code":…}}`).
///
/// A struct rather than an enum so that a client still decodes a code a newer server adds.
public struct APIErrorCode: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    public static let badJSON = Self("bad_json")
    public static let invalid = Self("invalid")
    public static let unauthorized = Self("unauthorized")
    public static let tokenRevoked = Self("token_revoked")
    public static let notAuthor = Self("not_author")
    public static let notModerator = Self("not_moderator")
    public static let notAsker = Self("not_asker")
    public static let ownPost = Self("own_post")
    public static let notFound = Self("not_found")
    public static let noSuchSpace = Self("no_such_space")
    public static let immutable = Self("immutable")
    public static let versionConflict = Self("version_conflict")
    public static let fileMissing = Self("file_missing")
    public static let badParent = Self("bad_parent")
    public static let notAnAnswer = Self("not_an_answer")
    public static let deleted = Self("deleted")
    public static let tooLarge = Self("too_large")
    public static let unsupportedMediaType = Self("unsupported_media_type")
    public static let tooManyRequests = Self("too_many_requests")
    public static let unavailable = Self("unavailable")
    public static let internalError = Self("internal")

    /// The HTTP status the contract gives each code (docs/CommunityAPI.md, "Errors").
    public var status: Int {
        switch self {
        case .badJSON, .invalid: 400
        case .unauthorized, .tokenRevoked: 401
        case .notAuthor, .notModerator, .notAsker, .ownPost: 403
        case .notFound, .noSuchSpace: 404
        case .immutable, .versionConflict, .fileMissing, .badParent, .notAnAnswer: 409
        case .deleted: 410
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .tooManyRequests: 429
        case .unavailable: 503
        default: 500
        }
    }
}

/// A refused request as the API states it: a code, one line for a person, and where (for bad input).
public struct APIError: Error, Codable, Equatable, Sendable, CustomStringConvertible {
    public var code: APIErrorCode
    public var message: String
    /// The coding path of the field at fault (`tags[2]`), when known.
    public var field: String?
    /// 1-based line and column in the body, when the body is not JSON at all.
    public var line: Int?
    public var column: Int?

    public init(_ code: APIErrorCode, _ message: String, field: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.line = line
        self.column = column
    }

    public var status: Int { code.status }
    public var description: String { message }

    /// The wire form: `{"error":{…}}`.
    public struct Body: Codable, Equatable, Sendable {
        public var error: APIError
        public init(error: APIError) { self.error = error }
    }

    /// The error as the one-line JSON body of a response.
    public var body: Data { APIJSON.encode(Body(error: self)) }

    public static func invalid(_ field: String, _ message: String) -> APIError {
        APIError(.invalid, "\(field): \(message)", field: field)
    }
    public static func notFound(_ what: String) -> APIError { APIError(.notFound, "no such \(what)") }
}
