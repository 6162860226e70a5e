/// Folded ASCII words → small integers, by open addressing over a byte arena, compared byte for
/// byte (exact, unlike a hash-only table): the per-word lookup of `StemCounts` without a
/// `String` or SipHash per word. Words are looked up as they stand in the text, folded on the fly.
struct WordSlots {
    /// FNV-1a, 64-bit (of the folded bytes).
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    /// Every stored word's folded bytes, one after another.
    private var arena: [UInt8] = []
    private var hashes: [UInt64] = []
    private var offsets: [Int32] = []
    private var lengths: [Int32] = []
    private var slots: [Int32] = []
    /// Entry index + 1 per bucket, 0 when empty.
    private var buckets = [Int32](repeating: 0, count: 1 << 12)

    /// Past this many words the table starts over (it is a cache).
    static let capacity = 1 << 20

    /// The slot stored for `raw` folded by `fold` (hash `h`), or -1.
    @inline(__always) func find(_ h: UInt64, _ raw: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = buckets.count - 1
        var b = Int(truncatingIfNeeded: h ^ (h >> 31)) & mask
        while true {
            let e = Int(buckets[b]) - 1
            if e < 0 { return -1 }
            if hashes[e] == h && Int(lengths[e]) == raw.count && same(Int(offsets[e]), raw, fold) { return slots[e] }
            b = (b + 1) & mask
        }
    }

    @inline(__always) private func same(_ offset: Int, _ raw: UnsafeBufferPointer<UInt8>, _ fold: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { a in
            for i in 0..<raw.count where a[offset + i] != fold[Int(raw[i])] { return false }
            return true
        }
    }

    /// Stores `slot` for the folded `word` (hash `h`, not stored yet).
    mutating func insert(_ h: UInt64, _ word: [UInt8], slot: Int32) {
        if hashes.count >= Self.capacity { self = WordSlots() }
        if (hashes.count + 1) * 2 > buckets.count { grow() }
        let e = hashes.count
        hashes.append(h)
        offsets.append(Int32(arena.count))
        lengths.append(Int32(word.count))
        slots.append(slot)
        arena.append(contentsOf: word)
        place(e)
    }

    private mutating func place(_ e: Int) {
        let mask = buckets.count - 1
        let h = hashes[e]
        var b = Int(truncatingIfNeeded: h ^ (h >> 31)) & mask
        while buckets[b] != 0 { b = (b + 1) & mask }
        buckets[b] = Int32(e + 1)
    }

    private mutating func grow() {
        buckets = [Int32](repeating: 0, count: buckets.count * 2)
        for e in hashes.indices { place(e) }
    }
}
