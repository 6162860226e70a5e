import TermUI
import Foundation
import PicnicCore

/// The reader: the question and all its answers (or a task's details), wrapped to the width, scrolled.
enum ReaderView {
    /// All lines of the open thread (or task) at a text width.
    static func lines(_ state: AppState, width: Int) -> [StyledLine] {
        layout(state, width: width).lines
    }

    /// All lines of the open thread at a text width, and the line each answer starts at.
    static func layout(_ state: AppState, width: Int) -> (lines: [StyledLine], answerStarts: [Int64: Int]) {
        var starts: [Int64: Int] = [:]
        let lines = lines(state, width: width, starts: &starts)
        return (lines, starts)
    }

    private static func lines(_ state: AppState, width: Int, starts: inout [Int64: Int]) -> [StyledLine] {
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
        let replies = reader.orderedReplies
        if replies.isEmpty {
            out.append("")
            out.append(StyledLine("No answers yet.", .dim))
        }
        for (i, reply) in replies.enumerated() {
            out.append("")
            starts[reply.id] = out.count
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
        let me = state.community.user
        if !me.isEmpty && post.author == me {
            f.append(post.parent == nil && post.kind == .question ? "your question" : "you")
        } else if !post.author.isEmpty {
            f.append(Sanitizer.line(post.author))
        }
        if !post.space.isEmpty { f.append(Sanitizer.line(post.space)) }
        f.append(post.kind.rawValue)
        f.append("\(post.votes) vote\(post.votes == 1 ? "" : "s")")
        f.append(Describe.age(post.created, now: state.now))
        if state.community.sending.contains(post.id) { f.append("sending…") }
        return f.joined(separator: " · ")
    }

    /// Rows of the answer box under the thread while typing an answer.
    static func answerBoxHeight(_ state: AppState, _ body: Rect) -> Int {
        state.mode == .answer ? min(max(5, body.height / 3), max(0, body.height - 6)) : 0
    }

    /// Lines of thread text shown (the answer box takes the bottom while answering).
    static func textHeight(_ state: AppState, _ layout: Layout) -> Int {
        max(1, layout.readerText.height - answerBoxHeight(state, layout.body))
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ body: Rect) {
        guard let reader = state.reader, !body.isEmpty else { return }
        let box = answerBoxHeight(state, body)
        let rect = Rect(x: body.x, y: body.y, width: body.width, height: body.height - box)
        let text = rect.inset(by: 1)
        var starts: [Int64: Int] = reader.answerStarts
        let all: [StyledLine]
        if reader.wrapWidth == text.width { all = reader.wrapped } else { all = lines(state, width: text.width, starts: &starts) }
        let selectedLine = reader.selectedAnswer.flatMap { starts[$0] }
        let pageLines = max(1, text.height)
        let figure = all.count > pageLines ? "\(min(all.count, reader.scroll + pageLines))/\(all.count)" : ""
        let title = Sanitizer.line(reader.task.map { t in t.number.map { "Task \($0)" } ?? "Task" }
                                   ?? reader.root?.title ?? reader.match?.post.title ?? "Thread")
        buffer.fill(rect)
        buffer.render(Box(title: StyledLine(title), count: figure, focused: true), in: rect)
        for (row, line) in all.dropFirst(reader.scroll).prefix(pageLines).enumerated() {
            // The selected answer (n/N; a and + act on it) is marked on its rule.
            let marked = reader.scroll + row == selectedLine && reader.replies.count > 1 && state.community.joined
                ? StyledLine([Span("▶", Style.accent.with(.bold))] + StyledLine(String(line.plainText.dropFirst()), .accent).spans)
                : line
            buffer.write(marked, x: text.x, y: text.y + row, clip: text)
        }
        if box > 0 {
            AnswerView.draw(&buffer, state, Rect(x: body.x, y: rect.maxY, width: body.width, height: box))
        }
    }
}
