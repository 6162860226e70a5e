import Foundation
import GRDB
import PicnicCore

/// Knobs of one match run.
public struct MatchOptions: Sendable {
    /// How many threads to return.
    public var limit: Int
    /// Rank exactly these threads (root ids) instead of asking the index for candidates
    /// (used by the evaluation, where each question comes with its own candidates).
    public var within: [Int64]?
    /// Record the outcome in `match_cache` (for `picnic status`); only for real tasks.
    public var recordCache: Bool
    /// "Now", for recency.
    public var now: Date
    public var ranker: Ranker

    public init(limit: Int = 10, within: [Int64]? = nil, recordCache: Bool = true, now: Date = Date(),
                ranker: Ranker = Ranker()) {
        self.limit = limit
        self.within = within
        self.recordCache = recordCache
        self.now = now
        self.ranker = ranker
    }
}

extension AppDatabase {
    /// Threads that may help with `task`, best first: the one entry point every front end uses.
    /// Records the outcome in the match cache.
    public func match(task: WorkTask, limit: Int = 10) throws -> [ThreadMatch] {
        try match(task: task, options: MatchOptions(limit: limit))
    }

    /// Matches for a task with explicit options.
    public func match(task: WorkTask, options: MatchOptions) throws -> [ThreadMatch] {
        let query = MatchQuery(task: task)
        var result = try match(query: query, taskUUID: task.uuid, options: options)
        // A person's own question is never help for their task (the help pane shows it apart).
        if !result.isEmpty, options.within == nil {
            let own = try matchRead { db in try Self.ownQuestions(among: result.map(\.post.id), task: task.uuid, db) }
            if !own.isEmpty { result.removeAll { own.contains($0.post.id) } }
        }
        if options.recordCache && options.within == nil {
            try recordMatch(task: task, result: result)
        }
        return result
    }

    /// Matches for free text being typed (a quick-add draft, a capture line): "already answered?".
    /// Nothing is recorded.
    public func match(draft: String, limit: Int = 5) throws -> [ThreadMatch] {
        var options = MatchOptions(limit: limit)
        options.recordCache = false
        return try match(query: MatchQuery(text: draft), taskUUID: nil, options: options)
    }

    /// The matcher proper: candidates from FTS5, features, rerank.
    public func match(query: MatchQuery, taskUUID: UUID?, options: MatchOptions) throws -> [ThreadMatch] {
        guard options.limit > 0 else { return [] }
        let (candidates, stats) = try matchRead { db -> ([ThreadCandidate], CorpusStats) in
            try MatchCandidates.load(query: query, taskUUID: taskUUID, options: options,
                                     cache: dfCache, db)
        }
        return options.ranker.rank(query: query, candidates: candidates, stats: stats,
                                   limit: options.limit, now: options.now)
    }
}

extension AppDatabase {
    /// Stage one alone: the candidate threads and corpus figures the ranker would see for a query
    /// (for evaluation and fitting the ranker's weights on labelled data).
    public func matchCandidates(query: MatchQuery, taskUUID: UUID?, options: MatchOptions) throws
        -> (candidates: [ThreadCandidate], stats: CorpusStats) {
        try matchRead { db in
            try MatchCandidates.load(query: query, taskUUID: taskUUID, options: options,
                                     cache: dfCache, db)
        }
    }
}

extension AppDatabase {
    /// A read in one transaction (one snapshot), like `pool.read`, but on the default single
    /// connection without GRDB's read-only guard: it toggles `PRAGMA query_only`, and SQLite
    /// expires every prepared statement of the connection at each flag pragma, so every cached
    /// statement of the matcher would be compiled again at each match (~25% of stage one).
    ///
    /// The connection also reads the file through a memory map (`PRAGMA mmap_size`): the ~40
    /// candidates and their answers are random rows, and a `pread` per page cost ~40% of
    /// reading them (0.27 → 0.17 ms a match at 100k posts, C, 1,000 fetches).
    func matchRead<T>(_ body: (Database) throws -> T) throws -> T {
        guard let queue = pool as? DatabaseQueue else {
            return try pool.read { db in
                try Self.mapFile(db)
                return try body(db)
            }
        }
        return try queue.unsafeRead { db in
            guard db.isInsideTransaction == false else { return try body(db) }
            try Self.mapFile(db)
            var result: T?
            try db.inTransaction(.deferred) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }
}

extension AppDatabase {
    /// How much of the file the matcher's connection maps (address space, not memory).
    static let matchMapBytes = 1 << 30

    /// Maps the file on this connection, once (reading the setting is a cached statement).
    static func mapFile(_ db: Database) throws {
        if try Int.fetchOne(db.cachedStatement(sql: "PRAGMA mmap_size")) == 0 {
            try db.execute(sql: "PRAGMA mmap_size = \(matchMapBytes)")
        }
    }
}
