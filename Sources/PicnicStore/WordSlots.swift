/// Folded ASCII words → small integers, by open addressing over a byte arena, compared byte for
/// byte (exact, unlike a hash-only table): the per-word lookup of `DocumentFrequencyChanges`
/// without a `String` or SipHash per word. The word being read is built in its own buffer
/// (`put`), then looked up (`find`) or added (`insert`).
struct WordSlots {
    /// FNV-1a, 64-bit.
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// The word being read.
    private var current = [UInt8](repeating: 0, count: 64)
    /// Every stored word's bytes, one after another.
    private var arena: [UInt8] = []
    private var hashes: [UInt64] = []
    private var offsets: [Int32] = []
    private var lengths: [Int32] = []
    private var slots: [Int32] = []
    /// Entry index + 1 per bucket, 0 when empty.
    private var buckets = [Int32](repeating: 0, count: 1 << 14)

    /// Past this many words the table starts over (it is a cache).
    static let capacity = 1 << 20

    /// Sets byte `i` of the word being read.
    @inline(__always) mutating func put(_ byte: UInt8, at i: Int) {
        if i >= current.count { current += [UInt8](repeating: 0, count: current.count) }
        current[i] = byte
    }

    /// The first `n` bytes of the word being read.
    func word(_ n: Int) -> [UInt8] { Array(current[0..<n]) }

    /// The slot stored for the word being read (`n` bytes, hash `h`), or -1.
    @inline(__always) func find(_ h: UInt64, _ n: Int) -> Int32 {
        let mask = buckets.count - 1
        var b = Int(truncatingIfNeeded: (h ^ (h >> 31))) & mask
        while true {
            let e = Int(buckets[b]) - 1
            if e < 0 { return -1 }
            if hashes[e] == h && Int(lengths[e]) == n && same(Int(offsets[e]), n) { return slots[e] }
            b = (b + 1) & mask
        }
    }

    @inline(__always) private func same(_ offset: Int, _ n: Int) -> Bool {
        arena.withUnsafeBufferPointer { a in
            current.withUnsafeBufferPointer { c in
                var i = 0
                while i < n {
                    if a[offset + i] != c[i] { return false }
                    i += 1
                }
                return true
            }
        }
    }

    /// Stores `slot` for the word being read (not stored yet).
    mutating func insert(_ h: UInt64, _ n: Int, slot: Int32) {
        if hashes.count >= Self.capacity { self = WordSlots() }
        if (hashes.count + 1) * 2 > buckets.count { grow() }
        let e = hashes.count
        hashes.append(h)
        offsets.append(Int32(arena.count))
        lengths.append(Int32(n))
        slots.append(slot)
        arena.append(contentsOf: current[0..<n])
        place(e)
    }

    private mutating func place(_ e: Int) {
        let mask = buckets.count - 1
        let h = hashes[e]
        var b = Int(truncatingIfNeeded: (h ^ (h >> 31))) & mask
        while buckets[b] != 0 { b = (b + 1) & mask }
        buckets[b] = Int32(e + 1)
    }

    private mutating func grow() {
        buckets = [Int32](repeating: 0, count: buckets.count * 2)
        for e in hashes.indices { place(e) }
    }
}
