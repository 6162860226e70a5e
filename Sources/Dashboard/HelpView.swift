import TermUI
import Foundation
import PicnicCore

/// The help pane: threads matched to the selected task, each with its reason and confidence.
enum HelpView {
    /// Lines each match takes: title, facts, reason.
    static let linesPerMatch = 3

    /// Lines above the scrolled list: the person's own questions for the task, and the plain
    /// "no strong match" notice when nothing is strong.
    static func headerLines(_ state: AppState) -> Int {
        state.help.questions.count * linesPerMatch
            + (state.help.status == .loaded && !state.help.hasStrong && !state.help.matches.isEmpty ? 3 : 0)
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let task = state.selectedTask
        let title = task.map { "Help for “\(Sanitizer.line($0.title))”" } ?? "Help"
        let strong = state.help.matches.filter(\.strong).count
        let figure = state.help.matches.isEmpty ? "" : strong > 0 ? "\(strong) strong" : "\(state.help.matches.count) weak"
        buffer.render(Box(title: StyledLine(title), count: figure, focused: focused), in: rect)
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        var y = inner.y
        func put(_ line: StyledLine) {
            guard y < inner.maxY else { return }
            buffer.write(line.clipped(to: inner.width), x: inner.x, y: y, clip: inner)
            y += 1
        }
        let ask = state.keymap.label(for: .ask, in: .normal)
        guard task != nil else {
            put(StyledLine(state.loaded ? " Select a task to see the help for it." : "", .dim))
            return
        }
        switch state.help.status {
        case .idle:
            put(StyledLine(" Looking for threads…", .dim))
            return
        case .loading where state.help.matches.isEmpty:
            put(StyledLine(" Looking for threads…", .dim))
            return
        case .failed(let message):
            put(StyledLine(" Matching failed: " + Sanitizer.line(message), .error))
            return
        default: break
        }
        for (i, q) in state.help.questions.enumerated() {
            let selected = focused && i == state.help.cursor
            for line in questionLines(q, width: inner.width, state: state, selected: i == state.help.cursor) {
                put(selected ? line.map { $0.selected() } : line)
            }
        }
        if state.help.matches.isEmpty {
            if !state.help.questions.isEmpty {
                put(StyledLine(" Nothing else matches this task yet.", .dim))
                return
            }
            put(StyledLine(" Nothing in the community matches this task.", .normal))
            if let ask { put(StyledLine(" Press \(ask) to ask the community.", .info)) }
            return
        }
        if !state.help.hasStrong {
            put(StyledLine(" No strong match. These are weak guesses.", .warning))
            if !state.help.questions.isEmpty {
                put(StyledLine(" Answers to your question show above.", .info))
            } else {
                put(StyledLine(ask.map { " Press \($0) to ask the community." } ?? " Bind ask to post a question.", .info))
            }
            put("")
        }
        let shown = state.help.matches.indices.dropFirst(state.help.scroll)
        for i in shown {
            guard y + 1 < inner.maxY || y < inner.maxY else { break }
            let row = state.help.questions.count + i
            let selected = focused && row == state.help.cursor
            for line in lines(state.help.matches[i], width: inner.width, state: state, selected: row == state.help.cursor) {
                put(selected ? line.map { $0.selected() } : line)
            }
        }
    }

    /// The three lines of the person's own question: "your question · asked 2 h ago · 0 answers".
    static func questionLines(_ q: TaskQuestion, width: Int, state: AppState, selected: Bool) -> [StyledLine] {
        var first = StyledLine()
        first.append(selected ? "›" : " ", .accent)
        first.append(q.unseen > 0 ? "◆ " : "? ", q.unseen > 0 ? Style.accent.with(.bold) : .dim)
        first.append(Sanitizer.line(q.post.title), Style.normal.with(.bold))
        var facts = ["your question", Describe.asked(q.post.created, now: state.now), Describe.count(q.answers, "answer")]
        if q.unseen > 0 { facts.append("\(q.unseen) new") }
        if q.accepted { facts.append("✓ accepted") }
        if state.community.sending.contains(q.post.id) { facts.append("sending…") }
        let second = StyledLine("   " + facts.joined(separator: " · "), q.unseen > 0 ? .accent : .dim)
        let third: StyledLine
        if q.unseen > 0, let key = state.keymap.label(for: .newAnswer, in: .normal) {
            third = StyledLine("   \(key) reads the new answer", .info)
        } else if q.answers == 0 {
            third = StyledLine("   answers arrive here as they are written", .dim)
        } else {
            third = StyledLine("   \(state.keymap.label(for: .open, in: .normal) ?? "enter") reads the answers", .dim)
        }
        return [first.clipped(to: width), second.clipped(to: width), third.clipped(to: width)]
    }

    /// The three lines of one match.
    static func lines(_ m: ThreadMatch, width: Int, state: AppState, selected: Bool) -> [StyledLine] {
        let mark: String
        if m.strong { mark = "★" } else if m.post.kind == .question && m.answers == 0 { mark = "?" } else { mark = "·" }
        let conf = String(format: "%.2f", m.confidence)
        var first = StyledLine()
        first.append(selected ? "›" : " ", .accent)
        first.append(mark + " ", m.strong ? Style.strong.with(.bold) : .weak)
        var title = Sanitizer.line(m.post.title)
        if m.post.kind == .question && m.answers == 0 { title += " (unanswered)" }
        let room = max(0, width - first.width - conf.count - 1)
        let clipped = TextLayout.clip(title, to: room)
        first.append(clipped, m.strong ? Style.normal.with(.bold) : .normal)
        first.append(String(repeating: " ", count: max(0, room - clipped.displayWidth)) + " ")
        first.append(conf, m.strong ? .strong : .weak)
        var facts: [String] = []
        if !m.post.space.isEmpty { facts.append(Sanitizer.line(m.post.space)) }
        facts.append(m.post.kind.rawValue)
        if m.answers > 0 { facts.append("\(m.answers) answer\(m.answers == 1 ? "" : "s")") }
        facts.append("\(m.post.votes) vote\(m.post.votes == 1 ? "" : "s")")
        if m.accepted || m.post.accepted { facts.append("✓ accepted") }
        if m.helpful { facts.append("+ helped you") }
        facts.append(Describe.age(m.post.created, now: state.now))
        let second = StyledLine("   " + facts.joined(separator: " · "), .dim)
        let third = StyledLine([Span("   why: ", .dim), Span(Sanitizer.line(m.reason), .match)])
        return [first, second.clipped(to: width), third.clipped(to: width)]
    }
}
