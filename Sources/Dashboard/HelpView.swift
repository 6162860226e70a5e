import TermUI
import Foundation
import PicnicCore

/// The help pane: threads matched to the selected task, each with its reason and confidence.
enum HelpView {
    /// Lines each match takes: title, facts, reason.
    static let linesPerMatch = 3

    /// Lines above the list: the plain "no strong match" notice when nothing is strong.
    static func headerLines(_ state: AppState) -> Int {
        state.help.status == .loaded && !state.help.hasStrong ? 3 : 0
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
        if state.help.matches.isEmpty {
            put(StyledLine(" Nothing in the community matches this task.", .normal))
            if let ask { put(StyledLine(" Press \(ask) to ask the community.", .info)) }
            return
        }
        if !state.help.hasStrong {
            put(StyledLine(" No strong match. These are weak guesses.", .warning))
            put(StyledLine(ask.map { " Press \($0) to ask the community." } ?? " Bind ask to post a question.", .info))
            put("")
        }
        let shown = state.help.matches.indices.dropFirst(state.help.scroll)
        for i in shown {
            guard y + 1 < inner.maxY || y < inner.maxY else { break }
            let selected = focused && i == state.help.cursor
            for line in lines(state.help.matches[i], width: inner.width, state: state, selected: i == state.help.cursor) {
                put(selected ? line.map { $0.selected() } : line)
            }
        }
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
