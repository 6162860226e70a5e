import Foundation
import PicnicCore

/// What a Slack message is called and what kind of post it is, from its text as people read it:
/// without code fences, quote marks, emphasis markers, emoji codes or a leading `@Name:`.
extension SlackImporter {
    /// Longest title, in characters.
    static let titleLimit = 100

    /// A readable title: the first line of prose (markup removed, a bare link shortened to its
    /// address without the scheme); `Code: …` for a message that is only code; else who wrote.
    static func title(for text: String, author: String) -> String {
        let (prose, code) = split(text)
        var line = prose.split(separator: "\n").lazy.map { clean($0) }.first { !$0.isEmpty } ?? ""
        if line.isEmpty, let first = code.first { line = "Code: " + first }
        if line.isEmpty { line = author.isEmpty ? "Slack message" : "Message from \(author)" }
        line = SafeText.line(line)
        guard line.count > titleLimit else { return line }
        let cut = line.prefix(titleLimit - 1)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return String(word.count > titleLimit / 2 ? word : cut) + "…"
    }

    /// The kind of a thread root: a question when its prose asks one (a `?` ending a sentence,
    /// not one inside a link or code); a link when it is a link with a few words at most; a tip
    /// otherwise. A root that has replies becomes a question in `read`.
    static func kind(for text: String) -> PostKind {
        let (prose, _) = split(text)
        let words = withoutLinks(prose)
        if words.range(of: #"\?(\s|$|["')\]])"#, options: .regularExpression) != nil { return .question }
        if link(in: prose) != nil, words.split(whereSeparator: \.isWhitespace).filter({ !$0.hasPrefix("@") }).count <= 4 {
            return .link
        }
        return .tip
    }

    /// The first http(s) address in a message (as `resolve` left it: bare, or `label (url)`).
    static func link(in text: String) -> String? {
        guard let r = text.range(of: #"https?://[^\s()<>]+"#, options: .regularExpression) else { return nil }
        var url = String(text[r])
        while let last = url.last, ".,;:!?'\"".contains(last) { url.removeLast() }
        return url
    }

    /// The message's prose lines and its code lines (inside ``` fences), apart.
    static func split(_ text: String) -> (prose: String, code: [String]) {
        var prose: [Substring] = [], code: [String] = []
        var inCode = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw[...]
            var codeLine = ""
            while let fence = line.range(of: "```") {
                let before = line[..<fence.lowerBound]
                if inCode { codeLine += before } else { prose.append(before) }
                inCode.toggle()
                line = line[fence.upperBound...]
            }
            if inCode { codeLine += line } else { prose.append(line) }
            let c = codeLine.trimmingCharacters(in: .whitespaces)
            if !c.isEmpty { code.append(c) }
        }
        return (prose.joined(separator: "\n"), code)
    }

    /// One line as people read it: no `>` quote mark, no leading `@Name:`, no `*`/`_`/`~`/`` ` ``
    /// markers, no `:emoji:` codes, `label (url)` as the label, a bare link as its address.
    static func clean(_ line: Substring) -> String {
        var s = String(line).trimmingCharacters(in: .whitespaces)
        while s.hasPrefix(">") { s = String(s.dropFirst()).trimmingCharacters(in: .whitespaces) }
        if let m = s.range(of: #"^@[^:@]{1,60}:\s*"#, options: .regularExpression) { s.removeSubrange(m) }
        s = s.replacingOccurrences(of: #":[a-z0-9_+\-]+:"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: #"(^|\s)[*_~]+(\S)"#, with: "$1$2", options: .regularExpression)
        s = s.replacingOccurrences(of: #"(\S)[*_~]+(\s|$|[.,;:!?])"#, with: "$1$2", options: .regularExpression)
        s = s.replacingOccurrences(of: "`", with: "")
        s = s.replacingOccurrences(of: #"(\S+) \((https?://[^\s)]+)\)"#, with: "$1", options: .regularExpression)
        s = s.replacingOccurrences(of: #"https?://(www\.)?"#, with: "", options: .regularExpression)
        return s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Prose without its links (a `?` in `watch?v=` asks nothing).
    static func withoutLinks(_ text: String) -> String {
        text.replacingOccurrences(of: #"https?://[^\s()<>]+"#, with: " ", options: .regularExpression)
    }
}
