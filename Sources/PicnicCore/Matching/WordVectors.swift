import CWordVectors

/// The static word vectors compiled into the binary (`CWordVectors`, made by
/// scripts/gen_word_vectors.py from all-MiniLM-L6-v2): 64 signed bytes per word, for ~21,500
/// lowercase English words. Nothing to load: the slot table is generated with the data, so a
/// lookup is a probe or two in read-only memory, and untouched pages are never read in.
enum WordVectors {
    static let dims = 64
    static let count = Int(picnic_word_vector_count)
    private static let mask = UInt64(picnic_word_vector_slot_count) - 1

    /// The index of `word` (folded UTF-8, hashed with `MatchFeatures.hash`) in the table, or -1.
    /// The word's bytes are compared in full: a hash shared with another word never gives its vector.
    @inline(__always) static func index(of word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int {
        let n = word.count
        guard n >= 2, n <= 24, word[0] &- 0x61 < 26 else { return -1 }
        let slots = picnic_word_vector_slot_table()!, offsets = picnic_word_vector_offset_table()!
        let names = UnsafeRawPointer(picnic_word_vector_name_bytes()!).assumingMemoryBound(to: UInt8.self)
        var k = Int(hash & mask)
        while true {
            let i = Int(slots[k])
            if i == 0xFFFF { return -1 }
            let start = Int(offsets[i])
            if Int(offsets[i + 1]) - start == n {
                var same = true
                for j in 0..<n where names[start + j] != word[j] { same = false; break }
                if same { return i }
            }
            k = (k + 1) & Int(mask)
        }
    }

    /// `index(of:hash:)` for a String (the query's words).
    static func index(of word: String) -> Int {
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { b in
            index(of: UnsafeBufferPointer(b), hash: MatchFeatures.hash(UnsafeBufferPointer(b)))
        }
    }

    /// Adds word `i`'s vector to `sum` (integers: exact, and the same in any order).
    @inline(__always) static func add(_ i: Int, to sum: inout SIMD64<Int32>) {
        let row = UnsafeRawPointer(picnic_word_vector_value_table()!).advanced(by: i &* dims)
        let bytes = row.loadUnaligned(as: SIMD64<Int8>.self)
        sum &+= SIMD64<Int32>(truncatingIfNeeded: bytes)
    }

    /// Word `i`'s vector as doubles.
    static func vector(_ i: Int) -> [Double] {
        let values = picnic_word_vector_value_table()!
        return (0..<dims).map { Double(values[i * dims + $0]) }
    }
}
