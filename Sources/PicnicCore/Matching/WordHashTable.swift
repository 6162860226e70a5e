/// A map from 64-bit word hashes (FNV-1a, already well mixed) to small integers, by open
/// addressing: the rerank's per-word lookups without `Hasher` (SipHash) or allocation per word.
struct WordHashTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var used: [Int] = []
    private var mask: Int

    /// An empty table with room for about `capacity / 2` keys before it grows.
    init(capacity: Int = 256) {
        var size = 16
        while size < capacity { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { used.count }
    var isEmpty: Bool { used.isEmpty }

    /// 0 marks an empty slot, so the key 0 is stored as 1 (a harmless collision).
    @inline(__always) private static func key(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    @inline(__always) private func slot(_ k: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (k ^ (k >> 29)) & UInt64(mask))
        while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
        return i
    }

    /// The value stored for `h`, if any.
    @inline(__always) func value(_ h: UInt64) -> Int? {
        let k = Self.key(h)
        let i = slot(k)
        return keys[i] == k ? Int(values[i]) : nil
    }

    /// Stores `value` for `h`; returns whether `h` was new.
    @discardableResult
    @inline(__always) mutating func set(_ h: UInt64, _ value: Int) -> Bool {
        let k = Self.key(h)
        let i = slot(k)
        values[i] = Int32(truncatingIfNeeded: value)
        guard keys[i] != k else { return false }
        keys[i] = k
        used.append(i)
        if used.count * 2 > keys.count { grow() }
        return true
    }

    /// Adds `h` (value 0) and returns whether it was new.
    @inline(__always) mutating func insert(_ h: UInt64) -> Bool {
        let k = Self.key(h)
        let i = slot(k)
        guard keys[i] != k else { return false }
        keys[i] = k
        values[i] = 0
        used.append(i)
        if used.count * 2 > keys.count { grow() }
        return true
    }

    /// Empties the table, keeping its storage (cost proportional to the keys held).
    mutating func removeAll() {
        for i in used { keys[i] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let old = used.map { (keys[$0], values[$0]) }
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Int32](repeating: 0, count: size)
        mask = size - 1
        used.removeAll(keepingCapacity: true)
        for (k, v) in old {
            let i = slot(k)
            keys[i] = k
            values[i] = v
            used.append(i)
        }
    }
}
