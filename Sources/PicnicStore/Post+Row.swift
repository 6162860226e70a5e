import Foundation
import GRDB
import PicnicCore

/// How a `Post` maps to a `posts` row.
enum PostRow {
    static let columns = "id, kind, title, body, tags, author, space, created, votes, accepted, parent, url, source, source_id"

    static let insertSQL = """
        INSERT INTO posts (kind, title, body, tags, author, space, created, votes, accepted, parent, url, source, source_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    static let updateSQL = """
        UPDATE posts SET kind = ?, title = ?, body = ?, tags = ?, author = ?, space = ?, created = ?,
               votes = ?, accepted = ?, parent = ?, url = ?, source = ?, source_id = ?
         WHERE id = ?
        """

    /// The values of every column but `id`, in `insertSQL` order.
    static func arguments(_ p: Post) -> StatementArguments {
        [p.kind.rawValue, p.title, p.body, encodeTags(p.tags), p.author, p.space,
         p.created.timeIntervalSince1970, p.votes, p.accepted, p.parent, p.url, p.source, p.sourceID]
    }

    static func decode(_ row: Row) -> Post {
        Post(id: row[0], kind: PostKind(rawValue: row[1]) ?? .question, title: row[2], body: row[3],
             tags: decodeTags(row[4]), author: row[5], space: row[6],
             created: Date(timeIntervalSince1970: row[7]), votes: row[8], accepted: row[9],
             parent: row[10], url: row[11], source: row[12], sourceID: row[13])
    }

    static func encodeTags(_ tags: [String]) -> String {
        guard !tags.isEmpty else { return "[]" }
        // Fast path for plain tags (bulk imports write ~100k of these); JSONEncoder otherwise.
        if tags.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F } }) {
            return "[\"" + tags.joined(separator: "\",\"") + "\"]"
        }
        guard let data = try? JSONEncoder().encode(tags) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decodeTags(_ text: String) -> [String] {
        guard text != "[]" else { return [] }
        // Without a backslash no string holds a quote, so `","` only separates (re-imports and the
        // matcher read many of these); anything else (escapes, control bytes) goes through JSONDecoder.
        let u = text.utf8
        if u.count >= 4, u.starts(with: [0x5B, 0x22]), u.reversed().starts(with: [0x5D, 0x22]),
           !u.contains(where: { $0 < 0x20 || $0 == 0x5C }) {
            let inner = Array(u.dropFirst(2).dropLast(2))
            var tags: [String] = []
            var start = 0, i = 0
            while i + 2 < inner.count {
                if inner[i] == 0x22, inner[i + 1] == 0x2C, inner[i + 2] == 0x22 {
                    tags.append(String(decoding: inner[start..<i], as: UTF8.self))
                    i += 3
                    start = i
                } else {
                    i += 1
                }
            }
            tags.append(String(decoding: inner[start...], as: UTF8.self))
            if !tags.contains(where: { $0.utf8.contains(0x22) }) { return tags }
        }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// Tags as people type them: split on commas, trimmed, empty ones dropped, duplicates removed.
    static func normalizedTags(_ tags: [String]) -> [String] {
        // Already normal (the common case for imports): no commas, no edge spaces, no repeats.
        if tags.count <= 8, tags.allSatisfy({ t in
            !t.isEmpty && !t.utf8.contains(0x2C) && t.utf8.first.map { $0 > 0x20 } == true && t.utf8.last.map { $0 > 0x20 } == true
        }), Set(tags).count == tags.count {
            return tags
        }
        var seen = Set<String>()
        var out: [String] = []
        for raw in tags.flatMap({ $0.split(separator: ",") }) {
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty, seen.insert(t).inserted { out.append(t) }
        }
        return out
    }
}
