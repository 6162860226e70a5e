import Foundation

/// Porter stems of the words already seen, shared by every match in the process: the rerank
/// stems each distinct word of its 40 candidates that could be a query term (~300 a match),
/// mostly the same words from one match to the next. Keyed by the word's bytes (compared in
/// full, so a hash collision never gives another word's stem); starts over when full.
public final class StemCache: @unchecked Sendable {
    /// The cache every match uses.
    public static let shared = StemCache()

    private struct Entry {
        var hash: UInt64 = 0  // 0: empty slot
        var offset: Int32 = 0 // the word's bytes in `arena`, then the stem's
        var wordLength: UInt8 = 0
        var stemLength: UInt8 = 0
    }

    private let lock = NSLock()
    // Raw storage, reached only under `lock`: no copy-on-write or exclusivity checks per lookup.
    private var slots: UnsafeMutablePointer<Entry>
    private var mask: Int
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaCount = 0
    private var count = 0
    private let maxWords: Int

    /// A cache of at most `maxWords` words (then it is emptied and fills again). It starts small
    /// and grows as words come.
    public init(maxWords: Int = 100_000) {
        self.maxWords = max(1, maxWords)
        let size = 1024
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Entry(), count: size)
        mask = size - 1
        arenaCapacity = 16 * 1024
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        slots.deallocate()
        arena.deallocate()
    }

    /// Words cached now.
    public var wordCount: Int {
        lock.lock(); defer { lock.unlock() }
        return count
    }

    /// The stem of `word` (folded UTF-8, as `PorterStemmer.stem`).
    public func stem(_ word: [UInt8]) -> [UInt8] {
        word.withUnsafeBufferPointer { w in withStem(of: w, hash: MatchFeatures.hash(w)) { Array($0) } }
    }

    /// Calls `body` with the stem of `word` (folded UTF-8 whose FNV-1a hash is `hash`), valid only
    /// during the call. Words shorter than 3 or longer than 64 bytes are their own stems.
    func withStem<R>(of word: UnsafeBufferPointer<UInt8>, hash: UInt64, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard word.count >= 3, word.count <= 64, let bytes = word.baseAddress else { return body(word) }
        let key = hash == 0 ? 1 : hash
        lock.lock(); defer { lock.unlock() }
        var i = slot(key)
        while slots[i].hash != 0 {
            let e = slots[i]
            if e.hash == key, Int(e.wordLength) == word.count, Self.same(arena + Int(e.offset), bytes, word.count) {
                return body(UnsafeBufferPointer(start: arena + Int(e.offset) + word.count, count: Int(e.stemLength)))
            }
            i = (i + 1) & mask
        }
        var stem = Array(word)
        PorterStemmer.stem(&stem)
        if count >= maxWords {
            slots.update(repeating: Entry(), count: mask + 1)
            arenaCount = 0
            count = 0
        } else if (count + 1) * 2 > mask + 1 {
            grow()
        }
        if arenaCount + word.count + stem.count > arenaCapacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity * 2)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity *= 2
        }
        i = slot(key)
        while slots[i].hash != 0 { i = (i + 1) & mask }
        slots[i] = Entry(hash: key, offset: Int32(arenaCount), wordLength: UInt8(word.count), stemLength: UInt8(stem.count))
        (arena + arenaCount).update(from: bytes, count: word.count)
        arenaCount += word.count
        stem.withUnsafeBufferPointer { s in
            if let from = s.baseAddress { (arena + arenaCount).update(from: from, count: s.count) }
        }
        arenaCount += stem.count
        count += 1
        return stem.withUnsafeBufferPointer(body)
    }

    /// Byte equality of two short words (a loop beats a call to `memcmp` at these lengths).
    @inline(__always) private static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        for k in 0..<n where a[k] != b[k] { return false }
        return true
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key ^ (key >> 29)) & UInt64(mask))
    }

    /// Doubles the table (entries keep their arena bytes).
    private func grow() {
        let old = slots
        let oldSize = mask + 1
        let size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Entry(), count: size)
        mask = size - 1
        for k in 0..<oldSize where old[k].hash != 0 {
            var i = slot(old[k].hash)
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = old[k]
        }
        old.deallocate()
    }
}
