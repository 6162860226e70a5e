import Foundation

/// One versioned step of the server's PostgreSQL schema, applied in a transaction of its own.
public struct Migration: Sendable {
    public var version: Int
    public var name: String
    /// The SQL text; statements are split by `SQLScript` (the extended protocol runs one at a time).
    public var sql: String

    /// Every migration, oldest first. Add new ones at the end; never edit a released one.
    public static let all: [Migration] = [
        Migration(version: 1, name: "community", sql: v1Tables + v1Functions + v1Policies),
        Migration(version: 2, name: "content keys", sql: v2ContentKeys),
    ]

    /// The newest schema version this build knows.
    public static var latest: Int { all.last?.version ?? 0 }
}

/// Splits SQL text into statements at `;` outside quotes, dollar quotes and comments.
enum SQLScript {
    static func statements(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let chars = Array(text)
        var i = 0
        var dollarTag: String?
        var inQuote = false
        while i < chars.count {
            let c = chars[i]
            if let tag = dollarTag {
                if c == "$", String(chars[i..<min(chars.count, i + tag.count)]) == tag {
                    current += tag
                    i += tag.count
                    dollarTag = nil
                    continue
                }
            } else if inQuote {
                if c == "'" { inQuote = false }
            } else if c == "'" {
                inQuote = true
            } else if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { i += 1 }
                continue
            } else if c == "$" {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j] == "_" { j += 1 }
                if j < chars.count, chars[j] == "$" {
                    let tag = String(chars[i...j])
                    current += tag
                    i = j + 1
                    dollarTag = tag
                    continue
                }
            } else if c == ";" {
                let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !s.isEmpty { out.append(s) }
                current = ""
                i += 1
                continue
            }
            current.append(c)
            i += 1
        }
        let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !s.isEmpty { out.append(s) }
        return out
    }
}
