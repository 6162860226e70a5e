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

    /// Reads ASCII text into the current document; false (stopping early) at the first
    /// non-ASCII byte, when the document must go to FTS5's own tokenizer instead.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var n = 0
        var h = WordSlots.seed
        for v in bytes {
            var c = v
            if c >= 0x80 { return false }
            if c >= 0x41 && c <= 0x5A { c += 32 }
            if c >= 0x61 && c <= 0x7A || c >= 0x30 && c <= 0x39 {
                words.put(c, at: n)
                n += 1
                h = (h ^ UInt64(c)) &* WordSlots.prime
            } else if n > 0 {
                take(h, n)
                n = 0
                h = WordSlots.seed
            }
        }
        if n > 0 { take(h, n) }
        return true
    }

    /// The word of `n` bytes being read (hash `h`) counts for the current document.
    @inline(__always) private mutating func take(_ h: UInt64, _ n: Int) {
        var s = words.find(h, n)
        if s < 0 {
            var w = words.word(n)
            PorterStemmer.stem(&w)
            s = slot(stem: String(decoding: w, as: UTF8.self))
            words.insert(h, n, slot: s)
        }
        if seenIn[Int(s)] != document {
            seenIn[Int(s)] = document
            pending.append(s)
        }
    }
}
