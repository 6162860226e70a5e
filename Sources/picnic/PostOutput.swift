import Foundation
import PicnicCore
import TermUI

/// How posts and matches are printed: JSON objects for scripts, short lines for people.
enum PostOutput {
    /// Untrusted text made safe for one line (`Sanitizer.line`), whitespace runs collapsed, cut
    /// to `max` columns with one `…` (a text that already ends in `…` is not given a second).
    static func safe(_ text: String, max: Int = 200) -> String {
        let line = Sanitizer.line(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return TextLayout.clip(line, to: max)
    }

    static let iso: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f
    }()

    /// A post as the JSON object of `picnic posts --json`.
    static func json(_ p: Post) -> [String: Any] {
        [
            "id": p.id, "kind": p.kind.rawValue, "title": p.title, "body": p.body, "tags": p.tags,
            "author": p.author, "space": p.space, "created": iso.string(from: p.created),
            "votes": p.votes, "accepted": p.accepted, "parent": p.parent as Any? ?? NSNull(),
            "url": p.url as Any? ?? NSNull(), "source": p.source as Any? ?? NSNull(),
            "source_id": p.sourceID as Any? ?? NSNull(),
        ]
    }

    /// A match as the JSON object of `picnic match --json`.
    static func json(_ m: ThreadMatch) -> [String: Any] {
        [
            "post_id": m.post.id, "title": m.post.title, "kind": m.post.kind.rawValue,
            "score": (m.score * 1000).rounded() / 1000, "confidence": (m.confidence * 1000).rounded() / 1000,
            "strong": m.strong, "reason": m.reason, "space": m.post.space, "votes": m.post.votes,
            "answers": m.answers, "accepted": m.accepted, "tags": m.post.tags, "helpful": m.helpful,
            "url": m.post.url as Any? ?? NSNull(),
            "matched": m.matched.map { ["word": $0.word, "fields": $0.fields.map(\.rawValue)] },
        ]
    }

    /// Serialises JSON objects (sorted keys, pretty) and writes them with a final newline.
    static func write(_ object: Any) throws {
        if let array = object as? [Any], array.isEmpty {
            print("[]")
            return
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    /// The human lines for matches; says "no strong match" when none is strong.
    static func lines(_ matches: [ThreadMatch], now: Date = Date()) -> [String] {
        guard !matches.isEmpty else { return ["no match: nothing in the community posts is about this"] }
        var out: [String] = []
        for m in matches {
            let mark = m.helpful ? "+" : (m.strong ? "★" : " ")
            out.append("\(mark) \(String(format: "%.2f", m.confidence))  #\(m.post.id)  \(safe(m.post.title, max: 100))")
            var meta: [String] = []
            if !m.post.space.isEmpty { meta.append(safe(m.post.space, max: 40)) }
            meta.append(m.post.kind.rawValue)
            if m.post.votes != 0 { meta.append("\(m.post.votes) vote\(abs(m.post.votes) == 1 ? "" : "s")") }
            meta.append(m.answers == 0 ? "unanswered" : "\(m.answers) answer\(m.answers == 1 ? "" : "s")" + (m.accepted ? ", accepted" : ""))
            meta.append(age(m.post.created, now: now))
            out.append("        " + meta.joined(separator: " · "))
            out.append("        why: " + safe(m.reason, max: 160))
        }
        if !matches.contains(where: \.strong) { out.append("no strong match") }
        return out
    }

    static func age(_ date: Date, now: Date) -> String {
        let s = now.timeIntervalSince(date)
        if s < 0 { return "in the future" }
        let d = Int(s / 86_400)
        switch d {
        case 0: return "today"
        case 1: return "yesterday"
        case 2..<60: return "\(d) days ago"
        case 60..<730: return "\(d / 30) months ago"
        default: return "\(d / 365) years ago"
        }
    }
}
