import TermUI
import Foundation
import PicnicCore

/// Finds links and copyable text in tasks and threads.
enum Links {
    /// The first http(s) URL in a text, without trailing punctuation.
    static func first(inText text: String) -> String? {
        guard let start = text.range(of: "https://") ?? text.range(of: "http://") else { return nil }
        var url = ""
        for c in text[start.lowerBound...] {
            if c.isWhitespace || "<>\"'`".contains(c) || c.asciiValue.map({ $0 < 32 || $0 == 127 }) ?? true { break }
            url.append(c)
        }
        while let last = url.last, ".,;:!?)]}".contains(last) { url.removeLast() }
        return url.count > 8 ? url : nil
    }

    /// What `o` opens in normal mode: in the help pane the selected thread's link; in the queue
    /// the task's own link, else the link of the thread selected beside it.
    static func toOpen(_ state: AppState) -> String? {
        let thread = state.help.selectedMatch.flatMap { first(in: $0.post) }
        if state.focus == .help { return thread }
        return state.selectedTask.flatMap { first(in: $0) } ?? thread
    }

    static func first(in post: Post) -> String? {
        if let u = post.url, u.hasPrefix("http://") || u.hasPrefix("https://") { return u }
        return first(inText: post.title) ?? first(inText: post.body)
    }

    static func first(in task: WorkTask) -> String? {
        first(inText: task.title) ?? first(inText: task.notes)
            ?? task.annotations.lazy.compactMap { first(inText: $0.text) }.first
    }

    static func first(in reader: Reader) -> String? {
        if let task = reader.task { return first(in: task) }
        if let root = reader.root, let u = first(in: root) { return u }
        if let m = reader.match, let u = first(in: m.post) { return u }
        return reader.replies.lazy.compactMap { first(in: $0) }.first
    }

    /// A post as plain text: title, blank line, body.
    static func plainText(_ post: Post) -> String {
        post.body.isEmpty ? post.title : post.title + "\n\n" + post.body
    }

    /// What `y` copies in the reader: the accepted answer, else the best-voted one, else the
    /// question; for a task, its notes and annotations (else its title).
    static func answerText(_ reader: Reader) -> String {
        if let task = reader.task {
            let notes = ([task.notes] + task.annotations.map(\.text)).filter { !$0.isEmpty }
            return notes.isEmpty ? task.title : notes.joined(separator: "\n\n")
        }
        let best = reader.replies.first(where: \.accepted) ?? reader.replies.max { $0.votes < $1.votes }
        if let best { return best.body.isEmpty ? best.title : best.body }
        if let root = reader.root ?? reader.match?.post { return plainText(root) }
        return ""
    }
}
