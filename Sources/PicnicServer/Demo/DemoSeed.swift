import CommunityAPI
import Foundation
import Logging
import PicnicCore
import PostgresNIO

/// The demo community's people, spaces and posts (our own words), written through the same
/// code as the API's writes, so the demo's feed is a real one.
public enum DemoSeed {
    /// The demo's users and their tokens.
    public struct Person: Sendable {
        public var name: String
        public var token: String
    }

    /// Adds ana and ben, the private space `ops`, and a few threads; returns the users' tokens.
    public static func seed(owner: DatabaseURL, server: DatabaseURL, logger: Logger) async throws -> [Person] {
        let admin = Admin(url: owner, logger: logger)
        let ana = try await admin.addUser("ana", displayName: "Ana")
        let ben = try await admin.addUser("ben", displayName: "Ben")
        try await admin.addSpace("ops", isPrivate: true, title: "Operations")
        try await admin.changeMembers(space: "ops", add: ["ben"], remove: [], moderators: ["ana"])

        let client = PostgresClient(configuration: server.clientConfiguration(), backgroundLogger: logger)
        let community = Community(config: ServerConfiguration(database: server), primary: client, replica: nil, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let a = try await community.authenticated(token: ana)
            let b = try await community.authenticated(token: ben)
            try await write(community, a: a, b: b)
        }
        return [Person(name: "ana", token: ana), Person(name: "ben", token: ben)]
    }

    private static func write(_ c: Community, a: AuthUser, b: AuthUser) async throws {
        let flaky = UUID(), quarantine = UUID(), timeout = UUID(), alerts = UUID()
        _ = try await c.submit(APIPostWrite(kind: .question, title: "How do you keep a flaky test from blocking the merge queue?",
            body: "One integration test fails about one run in twenty on the arm64 runners. Re-running works, but the queue stalls every time. What do you do while the real cause is found?",
            tags: ["ci", "testing", "arm64"]), id: flaky, as: a)
        _ = try await c.submit(APIPostWrite(kind: .answer, parent: flaky, title: "Quarantine it, with an owner and a date",
            body: "Move it to a quarantine job that runs but does not gate the merge, and open a ticket with a name and a date on it. Most flaky tests we had were waiting on a port or a clock; the quarantine job's logs usually show which within a week.",
            tags: ["ci", "testing"]), id: quarantine, as: b)
        _ = try await c.submitAccept(question: flaky, answer: quarantine, as: a)
        _ = try await c.submitVote(post: quarantine, value: 1, as: a)
        _ = try await c.submit(APIPostWrite(kind: .tip, title: "Let git bisect run the failing test for you",
            body: "`git bisect start BAD GOOD` and then `git bisect run ./scripts/test-one.sh`: git checks out each step and reads the exit code. A script that exits 125 skips a commit that does not build.",
            tags: ["git", "debugging"]), id: UUID(), as: b)
        _ = try await c.submit(APIPostWrite(kind: .link, title: "PostgreSQL manual: row security policies",
            body: "How the community server checks every read and write again inside PostgreSQL.",
            tags: ["postgres", "security"], url: "https://www.postgresql.org/docs/15/ddl-rowsecurity.html"), id: UUID(), as: a)
        _ = try await c.submit(APIPostWrite(kind: .question, title: "What is a sane statement_timeout for an API's connection pool?",
            body: "Our API pool has none, and one slow report query held connections for minutes last week. Is 5 s too strict for writes?",
            tags: ["postgres", "ops"]), id: timeout, as: b)
        _ = try await c.submit(APIPostWrite(space: "ops", kind: .doc, title: "Runbook: rotating the staging TLS certificate",
            body: "1. Make the new key and certificate with the staging CA.\n2. Put both in the secrets store under staging/tls.\n3. Reload the proxies one at a time and check the expiry date each serves.\n4. Revoke the old certificate once no proxy serves it.",
            tags: ["ops", "tls", "staging"]), id: UUID(), as: a)
        _ = try await c.submit(APIPostWrite(space: "ops", kind: .question, title: "Which alerts should page at night?",
            body: "Right now every warning pages. Which ones really cannot wait until morning?",
            tags: ["ops", "oncall"]), id: alerts, as: a)
        _ = try await c.submit(APIPostWrite(kind: .answer, parent: alerts, title: "Only what users feel now",
            body: "Page for errors users see and for anything that fills up within hours (disks, queues). Everything else goes to a ticket that the day shift reads first thing.",
            tags: ["oncall"]), id: UUID(), as: b)
        _ = try await c.submitHelped(post: quarantine, as: a)
    }
}

extension Community {
    /// Checks a token without a request (the demo's seeding).
    func authenticated(token: String) async throws -> AuthUser {
        try await leased(primary) { conn in
            let row = try await conn.firstRow(
                "SELECT user_id, name, display_name, status FROM picnic_auth(\(APIToken.hash(token)))", logger: self.logger)
            guard let (id, name, display, status) = try row?.decode((Int64?, String?, String?, String).self),
                  status == "ok", let id, let name, let display else { throw APIError(.unauthorized, "unknown token") }
            return AuthUser(id: id, name: name, displayName: display)
        }
    }

    /// A post written as a user, as `PUT /v1/posts/ID` writes it.
    func submit(_ w: APIPostWrite, id: UUID, as user: AuthUser) async throws -> APIPost {
        try APILimits.check(w)
        return try await write(as: user, positions: Self.positions(w)) { tx in try await self.putPost(tx, id: id, w) }.0
    }
}
