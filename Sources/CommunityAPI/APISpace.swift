import Foundation

/// A space of the community: public to every user, or private to its members.
public struct APISpace: Codable, Equatable, Hashable, Sendable {
    public enum Visibility: String, Codable, Sendable, CaseIterable { case `public`, `private` }
    public enum Role: String, Codable, Sendable, CaseIterable { case member, moderator }

    public var name: String
    public var title: String
    public var visibility: Visibility
    /// The requesting user's role there; nil in a public space they have not joined.
    public var role: Role?
    /// Whether the requesting user may read it (false only in a feed entry about lost access).
    public var readable: Bool
    /// Whether this is the community's general space (the default for new posts).
    public var general: Bool

    public init(name: String, title: String, visibility: Visibility, role: Role? = nil,
                readable: Bool = true, general: Bool = false) {
        self.name = name
        self.title = title
        self.visibility = visibility
        self.role = role
        self.readable = readable
        self.general = general
    }
}

/// A user as others see them.
public struct APIUser: Codable, Equatable, Hashable, Sendable {
    public var name: String
    public var displayName: String
    public init(name: String, displayName: String) {
        self.name = name
        self.displayName = displayName
    }
}

/// `GET /v1/hello`: what the server is (asked before a token is sent anywhere).
public struct APIHello: Codable, Equatable, Sendable {
    public var service: String
    public var api: Int
    public var server: String
    public var community: String
    public init(service: String = CommunityAPI.service, api: Int = CommunityAPI.version,
                server: String, community: String) {
        self.service = service
        self.api = api
        self.server = server
        self.community = community
    }
}

/// `GET /v1/me`: who the token belongs to, what they may read, and the feed's head.
public struct APIMe: Codable, Equatable, Sendable {
    public var user: APIUser
    public var spaces: [APISpace]
    public var head: Int64
    public init(user: APIUser, spaces: [APISpace], head: Int64) {
        self.user = user
        self.spaces = spaces
        self.head = head
    }
}

/// `GET /v1/spaces`.
public struct APISpaceList: Codable, Equatable, Sendable {
    public var spaces: [APISpace]
    public init(spaces: [APISpace]) { self.spaces = spaces }
}
