import Foundation
import PicnicCore

/// Per-stem document frequencies remembered between matches while the index is unchanged.
///
/// Counting a stem's threads in `posts_fts_vocab` walks its whole doclist, so a common stem costs
/// milliseconds at 100k threads and is asked again by nearly every match. The cache is dropped
/// whenever the index may have changed: FTS5's totals record (thread count and column lengths,
/// read anyway for every match) differs, or this process committed a write.
final class DocumentFrequencyCache: @unchecked Sendable {
    /// What the cached figures were counted against.
    struct Key: Equatable {
        var threads: Int
        var lengths: [Double]
        var localWrites: Int
    }

    /// Past this many stems the cache starts over (a match asks at most 32).
    static let capacity = 200_000

    private let lock = NSLock()
    private var key: Key?
    private var counts: [String: Int] = [:]

    static func key(_ stats: CorpusStats, localWrites: Int) -> Key {
        let fields: [MatchField] = [.title, .body, .answers, .tags]
        return Key(threads: stats.threads, lengths: fields.map { stats.averageLength[$0] ?? 0 },
                   localWrites: localWrites)
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
