import Foundation
import PicnicStore
import TermUI

extension StatusSnapshot {
    /// One line for a terminal: `▶ 4 Fix flaky CI · 2 due today · 1 overdue · 3 with help`,
    /// or `nothing active, nothing due` when quiet.
    func plain(maxTitle: Int) -> String {
        var parts: [String] = []
        if let a = active { parts.append("▶ " + Self.label(a, maxTitle: maxTitle)) }
        if let due = due.text { parts.append(due) }
        if helpWaiting > 0 { parts.append("\(helpWaiting) with help") }
        parts += communityParts
        let line = parts.isEmpty ? "nothing active, nothing due" : parts.joined(separator: " · ")
        return context.map { "[\(Self.clean($0))] " + line } ?? line
    }

    /// A short tmux status segment with `#[fg=…]` styles, safe to embed in `status-right`:
    /// titles are stripped of control characters and every `#` is doubled, so nothing in a task
    /// title can start a `#(` command or a `#[` style. Empty when there is nothing to say.
    func tmux(maxTitle: Int, color: Bool) -> String {
        func styled(_ text: String, _ style: String) -> String {
            color ? "#[\(style)]\(text)#[default]" : text
        }
        var parts: [String] = []
        if let c = context { parts.append(styled("[" + Self.tmuxEscaped(Self.clean(c)) + "]", "fg=magenta")) }
        if let a = active {
            parts.append(styled("▶ " + Self.tmuxEscaped(Self.label(a, maxTitle: maxTitle)), "fg=green"))
        }
        if due.overdue > 0 {
            parts.append(styled("\(due.overdue) overdue", "fg=red,bold"))
        }
        if due.today > 0 {
            parts.append(styled("\(due.today) due", "fg=yellow"))
        }
        if helpWaiting > 0 {
            parts.append(styled("\(helpWaiting) help", "fg=cyan"))
        }
        for (i, part) in communityParts.enumerated() {
            parts.append(styled(part, i == 0 && offline ? "fg=yellow" : "fg=magenta"))
        }
        var line = ""
        for part in parts {
            if !line.isEmpty { line += " " }
            line += part
        }
        return line
    }

    /// "offline · 3 to send", "1 new answer", "2 you could answer": each only when so.
    var communityParts: [String] {
        var parts: [String] = []
        if offline && toSend > 0 {
            parts.append("offline · \(toSend) to send")
        } else if toSend > 0 {
            parts.append("\(toSend) to send")
        }
        if newAnswers > 0 { parts.append("\(newAnswers) new answer\(newAnswers == 1 ? "" : "s")") }
        if couldAnswer > 0 { parts.append("\(couldAnswer) you could answer") }
        return parts
    }

    /// The snapshot as a JSON object (stable keys, for scripts and status bars).
    func json() -> String {
        var object: [String: Any] = [
            "due_today": due.today, "overdue": due.overdue, "help_waiting": helpWaiting,
            "context": context.map { $0 as Any } ?? NSNull(),
        ]
        if joined {
            object.merge(["offline": offline, "to_send": toSend, "new_answers": newAnswers, "could_answer": couldAnswer]) { $1 }
        }
        if let a = active {
            object["active"] = ["id": a.number.map { $0 as Any } ?? NSNull(), "uuid": a.uuid, "title": a.title]
        } else {
            object["active"] = NSNull()
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// `4 Fix flaky CI…`: the short number and the title, clean and shortened to `maxTitle`.
    static func label(_ a: Active, maxTitle: Int) -> String {
        let title = shorten(clean(a.title), to: maxTitle)
        return a.number.map { "\($0) \(title)" } ?? title
    }

    /// TermUI's `Sanitizer.line` (escape sequences go with their payload), then drops format
    /// and separator characters and collapses runs of whitespace.
    static func clean(_ raw: String) -> String {
        let text = raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) ? raw : Sanitizer.line(raw)
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for s in text.unicodeScalars {
            switch s.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                if s == "\t" || s == "\n" || s == "\r" {
                    if !lastWasSpace { out.append(" "); lastWasSpace = true }
                }
                continue
            default:
                break
            }
            if s.properties.isWhitespace {
                if lastWasSpace { continue }
                out.append(" ")
                lastWasSpace = true
            } else {
                out.append(s)
                lastWasSpace = false
            }
        }
        var result = String(out)
        while result.last == " " { result.removeLast() }
        return result
    }

    /// Cuts `text` to `width` terminal columns (East Asian wide characters count two), with `…`.
    static func shorten(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        var used = 0
        var out = ""
        let total = text.reduce(0) { $0 + columns($1) }
        if total <= width { return text }
        for c in text {
            let w = columns(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        while out.last == " " { out.removeLast() }
        return out + "…"
    }

    /// Terminal columns of a character: TermUI's `displayWidth`, as everywhere else.
    static func columns(_ c: Character) -> Int { c.isASCII ? 1 : c.displayWidth }

    /// Doubles `#` so tmux shows it instead of reading `#(`, `#[` or `#{`.
    static func tmuxEscaped(_ text: String) -> String {
        // By hand: Foundation's replacingOccurrences costs more on its first call than the
        // rest of this formatting (docs/Performance.md).
        guard text.utf8.contains(UInt8(ascii: "#")) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for c in text.unicodeScalars {
            out.unicodeScalars.append(c)
            if c == "#" { out.unicodeScalars.append(c) }
        }
        return out
    }
}
