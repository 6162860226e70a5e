import Foundation
import PicnicCore

/// Decoding a `posts` row's columns straight from SQLite's bytes, for the matcher's candidate
/// reads (~40 threads a match): the same values `PostRow.decode` gives, without a `String` for
/// every column first.
extension PostRow {
    /// `decodeTags(String(decoding: bytes, as: UTF8.self))`, without that String or an array of
    /// the inner bytes for the common `["a","b"]`. Anything else (escapes, control bytes, a quote
    /// inside a tag) goes through the String decoder. Splitting the raw bytes at ASCII `","` gives
    /// the same tags as splitting the repaired String: a UTF-8 repair never crosses an ASCII byte.
    static func decodeTags(bytes u: UnsafeBufferPointer<UInt8>) -> [String] {
        let n = u.count
        if n == 2, u[0] == 0x5B, u[1] == 0x5D { return [] }
        guard n >= 4, u[0] == 0x5B, u[1] == 0x22, u[n - 2] == 0x22, u[n - 1] == 0x5D, let base = u.baseAddress else {
            return decodeTags(String(decoding: u, as: UTF8.self))
        }
        let end = n - 2
        var tags: [String] = []
        var start = 2, i = 2
        while i < end {
            let b = base[i]
            if b < 0x20 || b == 0x5C { return decodeTags(String(decoding: u, as: UTF8.self)) }
            if b == 0x22 {
                // Only `","` may hold a quote; any other quote is inside a tag (JSON decides).
                guard i + 2 < end, base[i + 1] == 0x2C, base[i + 2] == 0x22 else {
                    return decodeTags(String(decoding: u, as: UTF8.self))
                }
                tags.append(String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self))
                i += 3
                start = i
                continue
            }
            i += 1
        }
        tags.append(String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
        return tags
    }

    /// `PostKind(rawValue: String(decoding: bytes, as: UTF8.self))` by comparing the bytes.
    static func kind(bytes u: UnsafeBufferPointer<UInt8>) -> PostKind? {
        let kind: PostKind
        switch (u.count, u.first ?? 0) {
        case (8, 0x71): kind = .question
        case (6, 0x61): kind = .answer
        case (3, 0x74): kind = .tip
        case (3, 0x64): kind = .doc
        case (4, 0x66): kind = .file
        case (4, 0x6C): kind = .link
        default: return nil
        }
        return kind.rawValue.utf8.elementsEqual(u) ? kind : nil
    }
}
