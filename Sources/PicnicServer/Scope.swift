import CommunityAPI
import Logging
import PostgresNIO

/// What one user may read and moderate, loaded at the start of each request's transaction: the
/// server's own check of the rules, before PostgreSQL's row-level security checks them again.
struct Scope: Sendable {
    struct Space: Sendable {
        let id: Int64
        let name: String
        let title: String
        let isPrivate: Bool
        let isGeneral: Bool
        let role: APISpace.Role?
    }

    let spaces: [Space]
    let byID: [Int64: Space]
    let byName: [String: Space]

    init(spaces: [Space]) {
        self.spaces = spaces
        byID = Dictionary(spaces.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        byName = Dictionary(spaces.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The ids of readable spaces, for `space_id = ANY(…)` in the server's own queries.
    var readableIDs: [Int64] { spaces.map(\.id) }

    func canRead(_ spaceID: Int64) -> Bool { byID[spaceID] != nil }
    func moderates(_ spaceID: Int64) -> Bool { byID[spaceID]?.role == .moderator }

    static func load(_ conn: PostgresConnection, user: AuthUser, logger: Logger) async throws -> Scope {
        var out: [Space] = []
        for try await space in try await conn.execute(Load(user: user.id), logger: logger) { out.append(space) }
        return Scope(spaces: out)
    }

    /// The readable spaces and the user's role in each (prepared: asked by every request).
    struct Load: PostgresPreparedStatement {
        static let sql = """
            SELECT s.id, s.name, s.title, s.private, s.general, m.role
            FROM spaces s LEFT JOIN memberships m ON m.space_id = s.id AND m.user_id = $1
            WHERE NOT s.private OR m.user_id IS NOT NULL
            ORDER BY s.general DESC, s.name
            """
        typealias Row = Space
        var user: Int64
        func makeBindings() throws -> PostgresBindings {
            var b = PostgresBindings(capacity: 1)
            b.append(user)
            return b
        }
        func decodeRow(_ row: PostgresRow) throws -> Space {
            let (id, name, title, isPrivate, isGeneral, role) = try row.decode((Int64, String, String, Bool, Bool, String?).self)
            return Space(id: id, name: name, title: title, isPrivate: isPrivate, isGeneral: isGeneral,
                         role: role.flatMap(APISpace.Role.init(rawValue:)))
        }
    }
}

extension Scope.Space {
    /// The space as the API shows it to this user.
    var api: APISpace {
        APISpace(name: name, title: title, visibility: isPrivate ? .private : .public, role: role, readable: true, general: isGeneral)
    }
}
