import CommunityAPI
import CommunityClient
import Foundation
import PicnicCore
import PicnicStore

/// Keeps one joined community and the local store in step: pulls the feed after the stored
/// position (one transaction per page, with the new position), pushes the outbox in order with
/// retries and backoff, and (`watch`) follows the live event stream, reconnecting while the
/// server is away. Network state is written to the store, where the status line reads it.
public final class SyncEngine: @unchecked Sendable {
    public let store: AppDatabase
    public let communityID: Int64
    public let client: CommunityClient
    /// Hears of each page applied (posts so far, the feed position and head), e.g. for a progress bar.
    public var progress: ((SyncProgress) -> Void)?
    /// Feed page size (the API's largest: fewer round trips and transactions on a first join).
    public var pageSize = APIChangePage.maxLimit

    public init(store: AppDatabase, community: Community, client: CommunityClient) {
        self.store = store
        self.communityID = community.id
        self.client = client
    }

    /// Pulls every page after the stored position until the feed says there is no more.
    /// A failure leaves every page before it applied and the position at the last whole page.
    @discardableResult
    public func pull() async throws -> PullSummary {
        var summary = PullSummary()
        let start = try currentPosition()
        var position = start
        while true {
            let page: APIChangePage
            do {
                page = try await client.changes(after: position, limit: pageSize)
            } catch let error as CommunityError {
                try? note(error)
                throw error
            }
            guard !page.more || page.next > position else {
                throw CommunityError(.protocolViolation, "\(client.server.baseURL): the feed did not move past \(position)")
            }
            let result = try store.applySyncPage(community: communityID, SyncPage(page))
            summary.add(result, pages: 1)
            position = max(position, page.next)
            progress?(SyncProgress(posts: summary.posts, position: position, start: start, head: page.head, done: !page.more))
            if !page.more { break }
        }
        return summary
    }

    /// Sends the outbox entries that are due (all of them with `ignoringBackoff`), oldest first.
    /// Stops at the first failure worth retrying (order matters: a question before its answer)
    /// and rethrows it; a refusal marks that entry refused and goes on with the next.
    @discardableResult
    public func push(ignoringBackoff: Bool = false, now: () -> Date = Date.init) async throws -> PushSummary {
        var summary = PushSummary()
        let due = try store.dueOutbox(community: communityID, now: ignoringBackoff ? .distantFuture : now())
        for entry in due {
            do {
                let post = try await send(entry)
                try store.outboxDelivered(entry, post: post.map(SyncedPost.init))
                summary.sent += 1
            } catch let error as CommunityError where error.isRetryable || error.kind == .unauthorized || error.kind == .usage
                                                        || error.kind == .configuration || error.kind == .protocolViolation {
                // Not the entry's fault: it waits (a revoked token waits for a new join).
                let delay = Backoff.outbox(attempt: entry.attempts + 1, retryAfter: error.retryAfter)
                try store.outboxDeferred(entry, error: error.message, retryAt: now().addingTimeInterval(delay))
                try? note(error)
                throw error
            } catch let error as CommunityError {
                try store.outboxRefused(entry, error: error.message)
                summary.refused += 1
            }
        }
        return summary
    }

    /// One request for one entry; the post the server answered with, if any.
    func send(_ entry: OutboxEntry) async throws -> APIPost? {
        if entry.op == .file {
            guard let bytes = FileManager.default.contents(atPath: entry.body) else {
                throw CommunityError(.refused, "\(entry.body): the shared file is no longer there")
            }
            _ = try await client.putFile(sha256: entry.target, bytes)
            return nil
        }
        guard let uuid = UUID(uuidString: entry.target) else {
            throw CommunityError(.refused, "outbox entry \(entry.id): not a post id (\(entry.target))")
        }
        switch entry.op {
        case .post:
            guard let row = try store.postForSending(community: communityID, uuid: entry.target) else { return nil }
            return try await client.putPost(uuid, APIPostWrite(row.post, parent: row.parent, questionTitle: row.questionTitle,
                                                               file: row.file)).post
        case .delete:
            return try await client.deletePost(uuid)
        case .vote:
            return try await client.vote(uuid, Int(entry.body) ?? 0)
        case .helped:
            return try await client.setHelped(uuid, entry.body == "1")
        case .accept:
            return try await client.accept(question: uuid, answer: UUID(uuidString: entry.body))
        case .file:
            return nil
        }
    }

    /// Push, then pull: what `picnic sync` does once.
    @discardableResult
    public func syncOnce() async throws -> (push: PushSummary, pull: PullSummary) {
        let pushed = try await push(ignoringBackoff: true)
        let pulled = try await pull()
        return (pushed, pulled)
    }

    func currentPosition() throws -> Int64 {
        guard let c = try store.community(id: communityID), c.isActive else {
            throw CommunityError(.usage, "community \(communityID) is not joined")
        }
        return c.position
    }

    /// Writes what the failure says about the server to the store (offline, or the last error).
    func note(_ error: CommunityError) throws {
        try store.recordSyncFailure(community: communityID, message: error.message, offline: error.isRetryable)
    }
}

/// Where a pull stands.
public struct SyncProgress: Sendable, Equatable {
    /// Posts stored or changed so far by this pull.
    public var posts: Int
    public var position: Int64
    /// The position the pull started from.
    public var start: Int64
    public var head: Int64
    public var done: Bool

    /// The share of the feed between `start` and `head` pulled so far.
    public var fraction: Double {
        guard head > start else { return 1 }
        return min(1, Double(position - start) / Double(head - start))
    }
}

/// What a pull did.
public struct PullSummary: Sendable, Equatable {
    public var pages = 0
    public var added = 0
    public var updated = 0
    public var removed = 0
    public var skipped = 0
    public var newAnswers = 0
    public var posts: Int { added + updated + removed }

    mutating func add(_ r: SyncPageResult, pages: Int) {
        self.pages += pages
        added += r.added
        updated += r.updated
        removed += r.removed
        skipped += r.skipped
        newAnswers += r.newAnswers
    }
}

/// What a push did.
public struct PushSummary: Sendable, Equatable {
    public var sent = 0
    public var refused = 0
}
