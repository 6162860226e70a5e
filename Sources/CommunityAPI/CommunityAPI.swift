import Foundation

/// The community API's constants: its version, its name on the wire and its paths
/// (docs/CommunityAPI.md is the contract these types implement).
public enum CommunityAPI {
    /// The API version in every path (`/v1/…`) and in `GET /v1/hello`.
    public static let version = 1
    /// What `GET /v1/hello` names as its service; a client refuses a server that says otherwise.
    public static let service = "picnic-community"
    /// The name of the public space every community has, the default for new posts.
    public static let generalSpace = "general"
    /// The prefix of every API token.
    public static let tokenPrefix = "picnic_"

    /// The paths of the endpoints, relative to the server's base URL.
    public enum Path {
        public static let hello = "/v1/hello"
        public static let me = "/v1/me"
        public static let spaces = "/v1/spaces"
        public static let changes = "/v1/changes"
        public static let events = "/v1/events"
        public static let ledger = "/v1/ledger"
        /// `/v1/posts/ID`.
        public static func post(_ id: UUID) -> String { "/v1/posts/\(id.apiString)" }
        /// `/v1/posts/ID/vote`, `…/helped`, `…/accept`, `…/hidden`.
        public static func post(_ id: UUID, _ action: PostAction) -> String { "\(post(id))/\(action.rawValue)" }
        /// `/v1/files/SHA256`.
        public static func file(_ sha256: String) -> String { "/v1/files/\(sha256)" }
    }

    /// The actions on a post that have their own path.
    public enum PostAction: String, Sendable, CaseIterable {
        case vote, helped, accept, hidden
    }
}

extension UUID {
    /// The lower-case form the API uses in paths and bodies.
    public var apiString: String { uuidString.lowercased() }
}
