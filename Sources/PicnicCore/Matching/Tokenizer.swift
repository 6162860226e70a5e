import Foundation

/// Splits text into words the way SQLite FTS5's `unicode61 remove_diacritics 2` tokenizer does:
/// letters and digits (any script) form words; case and diacritics are folded away.
///
/// Keeping the two in agreement lets the matcher look terms up in the FTS5 vocabulary and explain
/// matches with the same words the index saw.
public enum Tokenizer {
    /// Folded words of `text`, in order (no stemming, no stopword removal).
    public static func words(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(text) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// Porter stems of the folded words of `text`, in order.
    public static func stems(_ text: String) -> [String] {
        var out: [String] = []
        forEachWord(text) { word in
            var w = word
            PorterStemmer.stem(&w)
            out.append(String(decoding: w, as: UTF8.self))
        }
        return out
    }

    /// Calls `body` with each folded word as lowercase UTF-8 bytes (never empty). Reads at most
    /// `limit` bytes of input.
    public static func forEachWord(_ text: String, limit: Int = .max, _ body: ([UInt8]) -> Void) {
        forEachWordBuffer(text, limit: limit) { body(Array($0)) }
    }

    /// `forEachWord` without an array per word: `body` gets each folded word in a scratch buffer
    /// that is valid only during the call (the rerank reads every word of 40 threads per match).
    @inline(__always)
    static func forEachWordBuffer(_ text: String, limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        words(text, limit: limit, hashing: false) { word, _ in body(word) }
    }

    /// `forEachWordBuffer` that also gives each word's 64-bit FNV-1a hash (`MatchFeatures.hash`),
    /// worked out in the same pass over the bytes for a plain ASCII word.
    @inline(__always)
    static func forEachHashedWord(_ text: String, limit: Int = .max, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        words(text, limit: limit, hashing: true, body)
    }

    /// The word loop of both: `hashing` is a constant at each call, so the loop without it has no
    /// hash arithmetic at all.
    @inline(__always)
    private static func words(_ text: String, limit: Int, hashing: Bool,
                              _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let end = min(bytes.count, limit)
            var word = ByteBuffer() // the word being read when it must be folded
            defer { word.free() }
            @inline(__always) func emit(_ w: UnsafeBufferPointer<UInt8>) {
                body(w, hashing ? MatchFeatures.hash(w) : 0)
            }
            let plain = plainByte
            var i = 0
            while i < end {
                if word.count == 0 {
                    // The common case: a word of lowercase ASCII letters and digits, passed straight
                    // from the text when it ends at ASCII punctuation, a space or the limit.
                    var j = i
                    var h: UInt64 = 0xcbf29ce484222325
                    while j < end {
                        let b = base[j]
                        guard plain[Int(b)] else { break }
                        if hashing { h = (h ^ UInt64(b)) &* 0x100000001b3 }
                        j += 1
                    }
                    if j == end || base[j] < 0x80 && !(base[j] >= 0x41 && base[j] <= 0x5A) {
                        if j > i { body(UnsafeBufferPointer(start: base + i, count: j - i), h) }
                        i = j == end ? j : j + 1
                        continue
                    }
                    // Upper case or a multi-byte scalar follows: fold the rest byte by byte.
                    for k in i..<j { word.append(base[k]) }
                    i = j
                }
                let v = base[i]
                if v < 0x80 {
                    i += 1
                    if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                        word.append(v)
                    } else if v >= 0x41 && v <= 0x5A {
                        word.append(v + 32)
                    } else if word.count > 0 {
                        emit(word.bytes)
                        word.count = 0
                    }
                    continue
                }
                // A multi-byte scalar: decode it (invalid bytes count as separators).
                let n = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1
                var value = UInt32(v) & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F)
                var ok = n > 1 && i + n <= bytes.count
                if ok {
                    for k in 1..<n {
                        let c = base[i + k]
                        if c & 0xC0 != 0x80 { ok = false; break }
                        value = (value << 6) | UInt32(c & 0x3F)
                    }
                }
                i += ok ? n : 1
                guard ok, let scalar = Unicode.Scalar(value) else {
                    if word.count > 0 { emit(word.bytes); word.count = 0 }
                    continue
                }
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                    for b in fold(scalar) { word.append(b) }
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    continue // diacritics are dropped, and do not split a word
                default:
                    if word.count > 0 {
                        emit(word.bytes)
                        word.count = 0
                    }
                }
            }
            if word.count > 0 { emit(word.bytes) }
        }
    }

    /// Lowercase, without diacritics: "É" → "e", "ß" stays "ß".
    static func fold(_ scalar: Unicode.Scalar) -> [UInt8] {
        var out: [UInt8] = []
        let lower = scalar.properties.lowercaseMapping
        for s in lower.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(contentsOf: Array(String(s).utf8))
            }
        }
        return out
    }
}

/// Whether each byte is a lowercase ASCII letter or a digit (a word's byte as it stands).
private let plainByte: UnsafePointer<Bool> = {
    let table = UnsafeMutablePointer<Bool>.allocate(capacity: 256)
    for v in 0..<256 { table[v] = v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 }
    return UnsafePointer(table)
}()
