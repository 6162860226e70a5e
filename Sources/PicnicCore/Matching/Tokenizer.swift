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

    /// Calls `body` with each folded word as lowercase UTF-8 bytes. Stops after `limit` bytes of input.
    public static func forEachWord(_ text: String, limit: Int = .max, _ body: ([UInt8]) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(32)
        var consumed = 0
        for scalar in text.unicodeScalars {
            consumed += 1
            if consumed > limit { break }
            let v = scalar.value
            if v < 0x80 {
                if v >= 0x61 && v <= 0x7A || v >= 0x30 && v <= 0x39 {
                    word.append(UInt8(v))
                } else if v >= 0x41 && v <= 0x5A {
                    word.append(UInt8(v + 32))
                } else if !word.isEmpty {
                    body(word)
                    word.removeAll(keepingCapacity: true)
                }
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
