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
        var text = text
        text.withUTF8 { bytes in
            let end = min(bytes.count, limit)
            var word: [UInt8] = []
            word.reserveCapacity(32)
            var i = 0
            while i < end {
                let v = bytes[i]
                if v < 0x80 {
                    i += 1
                    if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                        word.append(v)
                    } else if v >= 0x41 && v <= 0x5A {
                        word.append(v + 32)
                    } else if !word.isEmpty {
                        body(word)
                        word.removeAll(keepingCapacity: true)
                    }
                    continue
                }
                // A multi-byte scalar: decode it (invalid bytes count as separators).
                let n = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : v >= 0xC0 ? 2 : 1
                var value = UInt32(v) & (n == 4 ? 0x07 : n == 3 ? 0x0F : 0x1F)
                var ok = n > 1 && i + n <= bytes.count
                if ok {
                    for k in 1..<n {
                        let c = bytes[i + k]
                        if c & 0xC0 != 0x80 { ok = false; break }
                        value = (value << 6) | UInt32(c & 0x3F)
                    }
                }
                i += ok ? n : 1
                guard ok, let scalar = Unicode.Scalar(value) else {
                    if !word.isEmpty { body(word); word.removeAll(keepingCapacity: true) }
                    continue
                }
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber, .privateUse:
                    word.append(contentsOf: fold(scalar))
                case .nonspacingMark, .spacingMark, .enclosingMark:
                    continue // diacritics are dropped, and do not split a word
                default:
                    if !word.isEmpty {
                        body(word)
                        word.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !word.isEmpty { body(word) }
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
