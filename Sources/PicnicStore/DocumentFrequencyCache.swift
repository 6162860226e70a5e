import Foundation
import GRDB
import PicnicCore

/// Per-stem document frequencies remembered between matches while the index is unchanged.
///
/// Counting a stem's threads in `posts_fts_vocab` walks its whole doclist, so a common stem costs
/// milliseconds at 100k threads and is asked again by nearly every match. The cache is dropped
/// whenever the index changed, by any process: FTS5's structure record (its segments, rewritten
/// by every write to the index, one row read by rowid) or its totals record differs. Writes that
/// leave the index alone (the match cache, tasks) keep the cache.
final class DocumentFrequencyCache: @unchecked Sendable {
    /// What the cached figures were counted against.
    struct Key: Equatable {
        var threads: Int
        var lengths: [Double]
        var structure: Data
    }

    /// Past this many stems the cache starts over (a match asks at most 32).
    static let capacity = 200_000

    private let lock = NSLock()
    private var key: Key?
    private var counts: [String: Int] = [:]

    /// The state of the index the counts belong to.
    static func key(_ stats: CorpusStats, _ db: Database) throws -> Key {
        let fields: [MatchField] = [.title, .body, .answers, .tags]
        let structure = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM posts_fts_data WHERE id = 10"))
        return Key(threads: stats.threads, lengths: fields.map { stats.averageLength[$0] ?? 0 },
                   structure: structure ?? Data())
    }

    /// The known counts for `stems` under `key`, and the stems still to count.
    func lookup(_ stems: [String], key: Key) -> (known: [String: Int], missing: [String]) {
        lock.lock(); defer { lock.unlock() }
        if self.key != key {
            self.key = key
            counts.removeAll(keepingCapacity: true)
        }
        var known: [String: Int] = [:]
        var missing: [String] = []
        for s in stems where known[s] == nil {
            if let n = counts[s] { known[s] = n } else if !missing.contains(s) { missing.append(s) }
        }
        return (known, missing)
    }

    /// Remembers counts made under `key` (ignored if the index moved on meanwhile).
    func store(_ new: [String: Int], key: Key) {
        lock.lock(); defer { lock.unlock() }
        guard self.key == key else { return }
        if counts.count + new.count > Self.capacity { counts.removeAll(keepingCapacity: true) }
        counts.merge(new) { _, b in b }
    }
}
