import CommunityAPI
import Foundation
import PicnicCore
import PicnicServer
import PostgresNIO
import Testing
import TestSupport

/// The rules again, in PostgreSQL: SQL run directly as the server's role, with a user set the
/// way the server sets it, is refused where the server would refuse (a bug in the server's own
/// checks cannot open the data).
@Suite(.enabled(if: TestServer.isEnabled, "\(TestServer.skipMessage)"))
struct RowSecurityTests {
    @Test func postgresRefusesWhatTheServerWould() async throws {
        let server = try TestServer()
        let ana = try server.addUser("ana"), ben = try server.addUser("ben")
        _ = try server.addUser("cy")   // someone to lie about
        try server.admin(["space", "add", "ops", "--private"])
        try server.admin(["space", "members", "ops", "--add", "ana"])
        try server.start()
        let api = API(server.baseURL)
        let open = UUID(), secret = UUID()
        try await api.post(open, APIPostWrite(kind: .tip, title: "Public tip", body: "ana's words"), token: ana)
        try await api.post(secret, APIPostWrite(space: "ops", kind: .doc, title: "Private runbook", body: "ops only"), token: ana)
        let bens = UUID()
        try await api.post(bens, APIPostWrite(kind: .tip, title: "Ben's tip"), token: ben)

        let (anaID, benID, cyID) = try await SQLSession.with(server.owner) { owner in
            (try await owner.one("SELECT id FROM users WHERE name = 'ana'", as: Int64.self),
             try await owner.one("SELECT id FROM users WHERE name = 'ben'", as: Int64.self),
             try await owner.one("SELECT id FROM users WHERE name = 'cy'", as: Int64.self))
        }

        try await SQLSession.with(server.serverURL) { s in
            // The role is the server's, not the owner, and not exempt from row security.
            #expect(try await s.one("SELECT current_user::text", as: String.self) == "picnic_server")
            #expect(try await s.one("SELECT relforcerowsecurity OR relrowsecurity FROM pg_class WHERE relname = 'posts'", as: Bool.self))

            func asBen(_ q: PostgresQuery) async throws -> [PostgresRow] {
                try await s.exec("BEGIN")
                try await s.exec("SELECT set_config('picnic.user', \(String(benID)), true)")
                let rows = try await s.rows(q)
                try await s.exec("ROLLBACK")
                return rows
            }
            func stateAsBen(_ q: PostgresQuery) async throws -> String? {
                try await s.exec("BEGIN")
                try await s.exec("SELECT set_config('picnic.user', \(String(benID)), true)")
                let state = await s.sqlState(q)
                try await s.exec("ROLLBACK")
                return state
            }

            // Read a private space one is not in: no rows, in every table.
            #expect(try await asBen("SELECT id FROM posts WHERE id = \(secret)").isEmpty)
            #expect(try await asBen("SELECT post_id FROM post_content WHERE post_id = \(secret)").isEmpty)
            #expect(try await asBen("SELECT post_id FROM feed WHERE post_id = \(secret)").isEmpty)
            #expect(try await asBen("SELECT name FROM spaces WHERE name = 'ops'").isEmpty)
            #expect(try await asBen("SELECT id FROM posts WHERE id = \(open)").count == 1)
            // Without a user set, nothing at all.
            #expect(try await s.rows("SELECT id FROM posts").isEmpty)

            // Edit or delete another's post: the rows are not there to change.
            #expect(try await asBen("UPDATE post_content SET body = 'ben was here' WHERE post_id = \(open) RETURNING post_id").isEmpty)
            #expect(try await asBen("DELETE FROM post_content WHERE post_id = \(open) RETURNING post_id").isEmpty)
            #expect(try await asBen("UPDATE posts SET deleted = true WHERE id = \(open) RETURNING id").isEmpty)
            // Hide without being a moderator.
            #expect(try await asBen("UPDATE posts SET hidden = true WHERE id = \(open) RETURNING id").isEmpty)
            // Write as someone else, or into a space one cannot read: refused outright.
            #expect(try await stateAsBen("INSERT INTO posts (id, space_id, kind, author_id) VALUES (\(UUID()), 1, 'tip', \(anaID))") == "42501")
            #expect(try await stateAsBen("INSERT INTO posts (id, space_id, kind, author_id) VALUES (\(UUID()), 2, 'tip', \(benID))") == "42501")
            // Vote twice, vote as another, vote on one's own post.
            #expect(try await stateAsBen("INSERT INTO votes VALUES (\(open), \(benID), 1, \(anaID), 1), (\(open), \(benID), 1, \(anaID), -1)") == "23505")
            #expect(try await stateAsBen("INSERT INTO votes VALUES (\(open), \(anaID), 1, \(anaID), 1)") == "42501")
            #expect(try await stateAsBen("INSERT INTO votes VALUES (\(bens), \(benID), 1, \(benID), 1)") == "23514")
            #expect(try await stateAsBen("INSERT INTO helped (post_id, user_id, space_id, post_author) VALUES (\(open), \(benID), 1, \(cyID))") == "23503")
            // Tokens are not readable at all; admin tables are not writable.
            #expect(try await stateAsBen("SELECT hash FROM tokens") == "42501")
            #expect(try await stateAsBen("INSERT INTO memberships VALUES (2, \(benID), 'moderator')") == "42501")
            #expect(try await stateAsBen("UPDATE users SET name = 'root'") == "42501")

            // The author changing a post's space, or hiding it without moderating: the guard refuses.
            try await s.exec("BEGIN")
            try await s.exec("SELECT set_config('picnic.user', \(String(anaID)), true)")
            #expect(await s.sqlState("UPDATE posts SET hidden = true WHERE id = \(open)") == "P0001")
            try await s.exec("ROLLBACK")
            try await s.exec("BEGIN")
            try await s.exec("SELECT set_config('picnic.user', \(String(anaID)), true)")
            #expect(await s.sqlState("UPDATE posts SET space_id = 2 WHERE id = \(open)") == "P0001")
            try await s.exec("ROLLBACK")
        }

        // And through the API nothing of it happened.
        let read = try await api.get(CommunityAPI.Path.post(open), token: ben).decode(APIPost.self)
        #expect(read.body == "ana's words" && !read.deleted && !read.hidden && read.votes == 0 && read.helped == 0)
    }
}
