import CommunityAPI
import CommunityClient
import Foundation
import TestSupport

/// A migrated community database with users, and the real servers on it, for the fault tests.
final class FaultRig: @unchecked Sendable {
    let database: PostgresDatabase
    let transport: CommunityTransport
    private(set) var tokens: [String: String] = [:]

    /// A fresh database on `cluster` (the shared one by default), migrated by the real binary,
    /// with `users` users made by `picnic-server user add`.
    init(cluster: PostgresCluster? = nil, users: [String] = ["ana", "ben"]) throws {
        let c = try cluster ?? PostgresTest.cluster()
        database = try c.createDatabase(label: "fault")
        try Self.admin(["migrate"], db: database.url, environment: ["PICNIC_SERVER_ROLE_PASSWORD": database.password])
        for name in users {
            tokens[name] = try Self.admin(["user", "add", name], db: database.url)
        }
        var options = CommunityTransport.Options()
        options.connectionsPerHost = 64
        options.connectTimeout = 2
        transport = try CommunityTransport(options)
    }

    /// `serve --db` as the server's role on this database (and `--read-db` on a replica's copy).
    func serve(readReplica: PostgresCluster? = nil, extra: [String] = []) throws -> PicnicServerProcess {
        try PicnicServerProcess.serve(db: database.url(user: "picnic_server", password: database.password),
                                      readDB: readReplica?.url(database: database.name, user: "picnic_server",
                                                               password: database.password),
                                      extraArguments: ["--community", "faults"] + extra)
    }

    /// A client of `server` as `user`.
    func client(_ user: String, of server: PicnicServerProcess) throws -> CommunityClient {
        var c = CommunityClient(server: try CommunityServer(server.baseURL), token: tokens[user], transport: transport)
        c.requestTimeout = 30   // a loaded test machine; retries are by id anyway
        return c
    }

    func close() async {
        await transport.shutdown()
        database.drop()
    }

    /// Runs an admin command; returns its stdout trimmed, throws with its stderr unless it exits 0.
    @discardableResult
    static func admin(_ args: [String], db: String, environment: [String: String] = [:]) throws -> String {
        let r = try PicnicServerProcess.run(args, db: db, environment: environment)
        guard r.status == 0 else {
            throw PostgresError("picnic-server \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)")
        }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A question from a writer, by number (the title says whose and which, to find duplicates).
func question(_ writer: Int, _ n: Int, tag: String = "fault") -> APIPostWrite {
    APIPostWrite(kind: .question, title: "writer \(writer) post \(n)", body: "written under a fault", tags: [tag])
}

/// Sends a write until it gets an answer that is not retryable, as clients do (same id each
/// time); nil when `deadline` passed first.
func putUntilAnswered(_ client: CommunityClient, _ id: UUID, _ write: APIPostWrite,
                      deadline: Date) async throws -> APIPost? {
    while Date() < deadline {
        do {
            return try await client.putPost(id, write).post
        } catch let error as CommunityError where error.isRetryable {
            try await Task.sleep(nanoseconds: 50_000_000) // client retry backoff
        }
    }
    return nil
}

/// Pulls the whole feed after `position` (page by page, until `more` is false).
func pullAll(_ client: CommunityClient, after position: Int64 = 0) async throws -> (changes: [APIChange], next: Int64) {
    var all: [APIChange] = []
    var after = position
    while true {
        let page = try await client.changes(after: after, limit: 500)
        all += page.changes
        after = page.next
        if !page.more { return (all, after) }
    }
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: TimeInterval, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(nanoseconds: 10_000_000) // polling a condition with a deadline
    }
    return try await condition()
}

/// Ids seen by a follower, from any thread.
final class SeenPosts: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [UUID: Date] = [:]
    private(set) var positions: [Int64] = []

    func add(_ change: APIChange) {
        lock.lock()
        positions.append(change.position)
        if let p = change.post, ids[p.id] == nil { ids[p.id] = Date() }
        lock.unlock()
    }

    func when(_ id: UUID) -> Date? { lock.lock(); defer { lock.unlock() }; return ids[id] }
    var all: Set<UUID> { lock.lock(); defer { lock.unlock() }; return Set(ids.keys) }
}

/// Follows the event stream from `position`, pulling when the head moves, reconnecting after a
/// cut, until cancelled; every change pulled goes to `seen`. Returns the last position.
func follow(_ client: CommunityClient, from position: Int64, into seen: SeenPosts) async -> Int64 {
    var at = position
    while !Task.isCancelled {
        do {
            // Pull first, as a reconnecting client must, then wait for the head to move.
            let (changes, next) = try await pullAll(client, after: at)
            changes.forEach(seen.add)
            at = next
            for try await event in try await client.events(after: at) {
                if Task.isCancelled { return at }
                guard event.event == "head",
                      let head = try? APIJSON.decode(APIHeadEvent.self, from: Data(event.data.utf8)).head,
                      head > at else { continue }
                let (more, n) = try await pullAll(client, after: at)
                more.forEach(seen.add)
                at = n
            }
        } catch {
            if Task.isCancelled { return at }
            try? await Task.sleep(nanoseconds: 100_000_000) // reconnect backoff
        }
    }
    return at
}
