import TermUI
import Foundation
import PicnicCore

/// The reader: the question and all its answers (or a task's details), wrapped to the width, scrolled.
enum ReaderView {
    /// All lines of the open thread (or task) at a text width.
    static func lines(_ state: AppState, width: Int) -> [StyledLine] {
        guard let reader = state.reader else { return [] }
        if let task = reader.task { return TaskDetailView.lines(task, state: state, width: width) }
        let w = max(1, width)
        var out: [StyledLine] = []
        let matched = reader.match?.matched.map(\.word) ?? []
        func text(_ s: String, _ style: Style = .normal) {
            for l in TextLayout.wrap(StyledLine(Sanitizer.clean(s), style), width: w) {
                out.append(Highlight.words(matched, in: l))
            }
        }
        guard let root = reader.root ?? reader.match?.post else { return [] }
        text(root.title, Style.title.with(.bold))
        out.append(StyledLine(facts(root, state: state), .dim).clipped(to: w))
        if let reason = reader.match?.reason {
            out.append(StyledLine([Span("why it matched: ", .dim), Span(Sanitizer.line(reason), .match)]).clipped(to: w))
        }
        if let url = root.url { out.append(StyledLine(Sanitizer.line(url), .link).clipped(to: w)) }
        out.append("")
        if reader.root == nil {
            out.append(StyledLine(reader.error.map { "Could not load the thread: " + $0 } ?? "Loading the thread…", reader.error == nil ? .dim : .error))
            return out
        }
        if !root.body.isEmpty { text(root.body) }
        let replies = reader.replies.sorted { a, b in
            a.accepted != b.accepted ? a.accepted : a.votes != b.votes ? a.votes > b.votes : a.created < b.created
        }
        if replies.isEmpty {
            out.append("")
            out.append(StyledLine("No answers yet.", .dim))
        }
        for (i, reply) in replies.enumerated() {
            out.append("")
            let head = "── " + (reply.accepted ? "✓ Accepted answer" : "Answer \(i + 1)") + " · " + facts(reply, state: state) + " "
            let rule = TextLayout.clip(head, to: w, ellipsis: "") + String(repeating: "─", count: max(0, w - head.displayWidth))
            out.append(StyledLine(rule, reply.accepted ? .success : .border))
            // Replies often repeat the question's title ("Re: …"): say it only when it is new.
            if !reply.title.isEmpty && reply.title != root.title && reply.title != "Re: " + root.title { text(reply.title, Style.normal.with(.bold)) }
            text(reply.body)
            if let url = reply.url { out.append(StyledLine(Sanitizer.line(url), .link).clipped(to: w)) }
        }
        return out
    }

    static func facts(_ post: Post, state: AppState) -> String {
        var f: [String] = []
        if !post.author.isEmpty { f.append(Sanitizer.line(post.author)) }
        if !post.space.isEmpty { f.append(Sanitizer.line(post.space)) }
        f.append(post.kind.rawValue)
        f.append("\(post.votes) vote\(post.votes == 1 ? "" : "s")")
        f.append(Describe.age(post.created, now: state.now))
        return f.joined(separator: " · ")
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard let reader = state.reader, !rect.isEmpty else { return }
        let text = rect.inset(by: 1)
        let all = reader.wrapWidth == text.width ? reader.wrapped : lines(state, width: text.width)
        let pageLines = max(1, text.height)
        let figure = all.count > pageLines ? "\(min(all.count, reader.scroll + pageLines))/\(all.count)" : ""
        let title = Sanitizer.line(reader.task.map { t in t.number.map { "Task \($0)" } ?? "Task" }
                                   ?? reader.root?.title ?? reader.match?.post.title ?? "Thread")
        buffer.fill(rect)
        buffer.render(Box(title: StyledLine(title), count: figure, focused: true), in: rect)
        for (row, line) in all.dropFirst(reader.scroll).prefix(pageLines).enumerated() {
            buffer.write(line, x: text.x, y: text.y + row, clip: text)
        }
    }
}
