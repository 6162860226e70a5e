/// Stage one's running score per thread id: ~1,000–3,000 additions a match, one per posting read.
///
/// Open addressing over two raw arrays: a `Dictionary<Int64, Double>` spent ~40% of stage one's
/// Swift time hashing ids with its seeded SipHash and checking uniqueness on every `+=`.
final class ThreadScores {
    private var keys: UnsafeMutablePointer<Int64>
    private var values: UnsafeMutablePointer<Double>
    private var used: UnsafeMutablePointer<Bool>
    private var mask: Int
    private(set) var count = 0

    /// A table for about `expected` threads before it grows.
    init(expected: Int) {
        var size = 64
        while size < expected * 2 { size <<= 1 }
        mask = size - 1
        keys = .allocate(capacity: size)
        values = .allocate(capacity: size)
        used = .allocate(capacity: size)
        used.initialize(repeating: false, count: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
        used.deallocate()
    }

    @inline(__always) private func slot(_ id: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Adds `gain` to the thread's score (a thread not seen yet starts at 0).
    @inline(__always) func add(_ id: Int64, _ gain: Double) {
        var i = slot(id)
        while used[i] {
            if keys[i] == id {
                values[i] += gain
                return
            }
            i = (i + 1) & mask
        }
        used[i] = true
        keys[i] = id
        values[i] = gain
        count += 1
        if count * 2 > mask + 1 { grow() }
    }

    /// The thread's score, if it has one.
    func score(_ id: Int64) -> Double? {
        var i = slot(id)
        while used[i] {
            if keys[i] == id { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Calls `body` with every thread and its score, in no particular order.
    func forEach(_ body: (Int64, Double) -> Void) {
        for i in 0...mask where used[i] { body(keys[i], values[i]) }
    }

    private func grow() {
        let (oldKeys, oldValues, oldUsed, oldSize) = (keys, values, used, mask + 1)
        let size = oldSize * 2
        mask = size - 1
        keys = .allocate(capacity: size)
        values = .allocate(capacity: size)
        used = .allocate(capacity: size)
        used.initialize(repeating: false, count: size)
        for k in 0..<oldSize where oldUsed[k] {
            var i = slot(oldKeys[k])
            while used[i] { i = (i + 1) & mask }
            used[i] = true
            keys[i] = oldKeys[k]
            values[i] = oldValues[k]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
        oldUsed.deallocate()
    }
}
