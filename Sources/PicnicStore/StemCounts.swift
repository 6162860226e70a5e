import PicnicCore

/// Per-stem document counts for `DocumentFrequencyChanges`: ASCII text split as FTS5's
/// `unicode61` splits ASCII (runs of letters and digits, lowercased), each distinct word stemmed
/// once by `PorterStemmer`, each stem counted once per document.
///
/// A value type on purpose: the byte loop runs inside one mutating call, so Swift checks
/// exclusive access once per field instead of at every byte (as it would on a class's fields).
struct StemCounts {
    private var slotOfStem: [String: Int32] = [:]
    private(set) var stems: [String] = []
    private var delta: [Int] = []
    /// The last document that counted each slot.
    private var seenIn: [UInt32] = []
    private var document: UInt32 = 0
    /// Slots changed since the last `drain`.
    private var touched: [Int32] = []
    /// The current document's stems, counted by `end` once the document proved to be ASCII.
    private var pending: [Int32] = []
    private var words = WordSlots()

    /// Starts a document.
    mutating func begin() {
        document &+= 1
        if document == 0 {
            document = 1
            for i in seenIn.indices { seenIn[i] = 0 }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Counts the current document's stems, `sign` +1 (indexed) or −1 (unindexed).
    mutating func end(_ sign: Int) {
        for slot in pending { bump(slot, by: sign) }
    }

    /// Adds `n` to the count of `stem` (from FTS5's own vocabulary, for non-ASCII documents).
    mutating func add(stem: String, _ n: Int) { bump(slot(stem: stem), by: n) }

    /// Calls `body` with each stem whose count changed and the change, then starts over.
    mutating func drain(_ body: (String, Int) throws -> Void) rethrows {
        for slot in touched {
            let i = Int(slot)
            let n = delta[i]
            delta[i] = 0
            if n != 0 { try body(stems[i], n) }
        }
        touched.removeAll(keepingCapacity: true)
    }

    private mutating func bump(_ slot: Int32, by n: Int) {
        let i = Int(slot)
        if delta[i] == 0 { touched.append(slot) } // may repeat: `drain` skips a slot already done
        delta[i] += n
    }

    private mutating func slot(stem: String) -> Int32 {
        if let s = slotOfStem[stem] { return s }
        let s = Int32(stems.count)
        stems.append(stem)
        delta.append(0)
        seenIn.append(0)
        slotOfStem[stem] = s
        return s
    }

    /// Each byte as FTS5's `unicode61` sees it in ASCII: the folded letter or digit, 0 for a
    /// separator, 0xFF for a non-ASCII byte.
    private static let fold: [UInt8] = (0..<256).map { b -> UInt8 in
        if b >= 0x80 { return 0xFF }
        if b >= 0x41 && b <= 0x5A { return UInt8(b + 32) }
        if b >= 0x61 && b <= 0x7A || b >= 0x30 && b <= 0x39 { return UInt8(b) }
        return 0
    }

    /// Reads ASCII text into the current document; false (stopping early) at the first
    /// non-ASCII byte, when the document must go to FTS5's own tokenizer instead.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        Self.fold.withUnsafeBufferPointer { fold in
            var n = 0, start = 0
            var h = WordSlots.seed
            for i in 0..<bytes.count {
                let c = fold[Int(bytes[i])]
                if c == 0 {
                    if n > 0 {
                        take(h, UnsafeBufferPointer(rebasing: bytes[start..<i]), fold)
                        n = 0
                        h = WordSlots.seed
                    }
                } else if c == 0xFF {
                    return false
                } else {
                    if n == 0 { start = i }
                    n += 1
                    h = (h ^ UInt64(c)) &* WordSlots.prime
                }
            }
            if n > 0 { take(h, UnsafeBufferPointer(rebasing: bytes[start...]), fold) }
            return true
        }
    }

    /// The word `raw` (its bytes before folding, hash `h` after) counts for the current document.
    @inline(__always) private mutating func take(_ h: UInt64, _ raw: UnsafeBufferPointer<UInt8>,
                                                 _ fold: UnsafeBufferPointer<UInt8>) {
        var s = words.find(h, raw, fold)
        if s < 0 {
            let word = raw.map { fold[Int($0)] }
            var stem = word
            PorterStemmer.stem(&stem)
            s = slot(stem: String(decoding: stem, as: UTF8.self))
            words.insert(h, word, slot: s)
        }
        if seenIn[Int(s)] != document {
            seenIn[Int(s)] = document
            pending.append(s)
        }
    }
}
