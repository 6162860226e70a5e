import Foundation
import PicnicCore
import PicnicStore

/// A question as the preview shows it: exactly what is sent, nothing else.
struct QuestionDraft: Equatable {
    var title: String
    var body: String
    var tags: [String]
    var space: String

    /// The draft a task suggests: its title, its notes and annotations as the body, its tags.
    /// The project stays out (it names the person's work, not the question).
    init(task: WorkTask, space: String) {
        title = task.title.trimmingCharacters(in: .whitespacesAndNewlines)
        var lines: [String] = []
        if !task.notes.isEmpty { lines.append(task.notes.trimmingCharacters(in: .whitespacesAndNewlines)) }
        for a in task.annotations { lines.append(a.text) }
        body = lines.joined(separator: "\n\n")
        tags = task.tags
        self.space = space
    }

    init(title: String, body: String, tags: [String], space: String) {
        self.title = title
        self.body = body
        self.tags = tags
        self.space = space
    }

    /// The text people edit: three header lines, a blank line, the body.
    var editable: String {
        "Title: \(title)\nTags: \(tags.joined(separator: ", "))\nSpace: \(space)\n\n\(body)\n"
    }

    /// Reads an edited text back; a usage error names the line that does not read.
    static func parse(_ text: String, defaultSpace: String) throws -> QuestionDraft {
        var title: String?, tags: [String] = [], space: String?
        var lines = text.components(separatedBy: "\n")
        var n = 0
        while let line = lines.first {
            n += 1
            lines.removeFirst()
            if line.trimmingCharacters(in: .whitespaces).isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else {
                throw PicnicError.usage("line \(n): expected 'Title:', 'Tags:' or 'Space:' before the blank line")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "title": title = value
            case "tags": tags = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            case "space": space = value
            default: throw PicnicError.usage("line \(n): unknown field '\(key)' (Title, Tags, Space)")
            }
        }
        guard let title, !title.isEmpty else { throw PicnicError.usage("the question needs a title (the Title: line)") }
        let body = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return QuestionDraft(title: title, body: body, tags: tags, space: space.flatMap { $0.isEmpty ? nil : $0 } ?? defaultSpace)
    }

    /// The preview: the question as it will be sent, then "already answered?" matches, strong ones
    /// as such and weak ones marked weak (below `weakFloor` they are left out).
    func preview(community: String, matches: [ThreadMatch], weakFloor: Double = 0.25) -> [String] {
        let safe = { (s: String) in PostOutput.safe(s, max: 200) }
        var out = ["Question for \(safe(community)) (space \(safe(space))) — only this is sent:",
                   "  Title: \(safe(title))"]
        if !tags.isEmpty { out.append("  Tags:  \(safe(tags.joined(separator: ", ")))") }
        for line in (body.isEmpty ? ["(no body)"] : body.components(separatedBy: "\n").prefix(12)) {
            out.append("  │ " + safe(line))
        }
        let strong = matches.filter(\.strong), weak = matches.filter { !$0.strong && $0.confidence >= weakFloor }
        if strong.isEmpty && weak.isEmpty {
            out.append("Already answered? Nothing here looks like it.")
        } else {
            out.append("Already answered?")
            for m in strong { out.append("  ★ \(m.post.id)  \(safe(m.post.title))  (\(m.answers) answer\(m.answers == 1 ? "" : "s"), strong)") }
            for m in weak.prefix(3) { out.append("    \(m.post.id)  \(safe(m.post.title))  (weak guess, \(Int((m.confidence * 100).rounded()))%)") }
        }
        return out
    }
}
