/// A map from 64-bit word hashes (FNV-1a, already well mixed) to small integers, by open
/// addressing: the rerank's per-word lookups without `Hasher` (SipHash) or allocation per word.
///
/// The slots live in memory of its own, reached through one pointer that never changes, so a
/// lookup or insert does no copy-on-write check, bounds check or exclusivity check (the rerank
/// does several per word). A copy of the table shares that memory: give each user its own table.
struct WordHashTable {
    private struct Header {
        var keys: UnsafeMutablePointer<UInt64>
        var values: UnsafeMutablePointer<Int32>
        /// Occupied slots, in insertion order (`removeAll` clears only these).
        var used: UnsafeMutablePointer<Int32>
        var mask: Int
        var count: Int
    }

    /// Owns the memory (freed with the last copy).
    private final class Storage {
        let header: UnsafeMutablePointer<Header>

        init(size: Int) {
            header = .allocate(capacity: 1)
            header.initialize(to: Header(keys: Storage.zeroed(size), values: .allocate(capacity: size),
                                         used: .allocate(capacity: size / 2 + 1), mask: size - 1, count: 0))
        }

        static func zeroed(_ size: Int) -> UnsafeMutablePointer<UInt64> {
            let keys = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
            keys.initialize(repeating: 0, count: size)
            return keys
        }

        deinit {
            header.pointee.keys.deallocate()
            header.pointee.values.deallocate()
            header.pointee.used.deallocate()
            header.deallocate()
        }
    }

    private let storage: Storage
    private let h: UnsafeMutablePointer<Header>

    /// An empty table with room for about `capacity / 2` keys before it grows.
    init(capacity: Int = 256) {
        var size = 16
        while size < capacity { size <<= 1 }
        storage = Storage(size: size)
        h = storage.header
    }

    var count: Int { h.pointee.count }
    var isEmpty: Bool { h.pointee.count == 0 }

    /// 0 marks an empty slot, so the key 0 is stored as 1 (a harmless collision).
    @inline(__always) private static func key(_ hash: UInt64) -> UInt64 { hash == 0 ? 1 : hash }

    @inline(__always) private func slot(_ k: UInt64) -> Int {
        let keys = h.pointee.keys, mask = h.pointee.mask
        var i = Int(truncatingIfNeeded: (k ^ (k >> 29)) & UInt64(mask))
        while keys[i] != 0 && keys[i] != k { i = (i &+ 1) & mask }
        return i
    }

    /// The value stored for `hash`, if any.
    @inline(__always) func value(_ hash: UInt64) -> Int? {
        let k = Self.key(hash)
        let i = slot(k)
        return h.pointee.keys[i] == k ? Int(h.pointee.values[i]) : nil
    }

    /// Stores `value` for `hash`; returns whether `hash` was new.
    @discardableResult
    @inline(__always) func set(_ hash: UInt64, _ value: Int) -> Bool {
        let k = Self.key(hash)
        let i = slot(k)
        h.pointee.values[i] = Int32(truncatingIfNeeded: value)
        guard h.pointee.keys[i] != k else { return false }
        add(k, at: i)
        return true
    }

    /// Adds `hash` (value 0) and returns whether it was new.
    @inline(__always) func insert(_ hash: UInt64) -> Bool {
        let k = Self.key(hash)
        let i = slot(k)
        guard h.pointee.keys[i] != k else { return false }
        h.pointee.values[i] = 0
        add(k, at: i)
        return true
    }

    @inline(__always) private func add(_ k: UInt64, at i: Int) {
        h.pointee.keys[i] = k
        h.pointee.used[h.pointee.count] = Int32(truncatingIfNeeded: i)
        h.pointee.count &+= 1
        if h.pointee.count &* 2 > h.pointee.mask { grow() }
    }

    /// Empties the table, keeping its memory (cost proportional to the keys held).
    func removeAll() {
        let keys = h.pointee.keys, used = h.pointee.used
        for n in 0..<h.pointee.count { keys[Int(used[n])] = 0 }
        h.pointee.count = 0
    }

    /// Doubles the slots (kept under half full, so `used` never overflows).
    private func grow() {
        let old = h.pointee
        let size = (old.mask + 1) * 2
        h.pointee = Header(keys: Storage.zeroed(size), values: .allocate(capacity: size),
                           used: .allocate(capacity: size / 2 + 1), mask: size - 1, count: 0)
        for n in 0..<old.count {
            let j = Int(old.used[n])
            let i = slot(old.keys[j])
            h.pointee.keys[i] = old.keys[j]
            h.pointee.values[i] = old.values[j]
            h.pointee.used[h.pointee.count] = Int32(i)
            h.pointee.count += 1
        }
        old.keys.deallocate()
        old.values.deallocate()
        old.used.deallocate()
    }
}
