import TermUI
import Foundation
import PicnicCore

/// "You could help": others' open questions matched to what the person knows, best first;
/// strong ones marked ★, weak ones plainly weak.
enum CouldHelpView {
    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ rect: Rect) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let list = state.couldHelp
        let strong = list.strongCount
        let figure = list.matches.isEmpty ? "" : strong > 0 ? "\(strong) strong" : "\(list.matches.count) weak"
        Frame.draw(&buffer, rect, title: "You could help", figure: figure, focused: true)
        let inner = rect.inset(by: 1)
        guard !inner.isEmpty else { return }
        var y = inner.y
        func put(_ line: StyledLine) {
            guard y < inner.maxY else { return }
            buffer.write(line.clipped(to: inner.width), x: inner.x, y: y, clip: inner)
            y += 1
        }
        switch list.status {
        case .idle:
            put(StyledLine(" Looking for questions you could answer…", .dim))
            return
        case .loading where list.matches.isEmpty:
            put(StyledLine(" Looking for questions you could answer…", .dim))
            return
        case .failed(let message):
            put(StyledLine(" Could not look: " + Sanitizer.line(message), .error))
            return
        default: break
        }
        if list.matches.isEmpty {
            put(StyledLine(" No open question matches what you know yet.", .normal))
            put(StyledLine(" New questions show here as they are asked.", .dim))
            return
        }
        for i in list.matches.indices.dropFirst(list.scroll) {
            guard y < inner.maxY else { break }
            let selected = i == list.cursor
            for line in lines(list.matches[i], width: inner.width, state: state, selected: selected) {
                put(selected ? line.map { $0.selected() } : line)
            }
        }
    }

    /// One question: title and confidence (★ strong, · weak, said so), who asked where and when, why it matched.
    static func lines(_ m: ThreadMatch, width: Int, state: AppState, selected: Bool) -> [StyledLine] {
        var first = StyledLine()
        first.append(selected ? "›" : " ", .accent)
        first.append(m.strong ? "★ " : "· ", m.strong ? Style.strong.with(.bold) : .weak)
        let conf = (m.strong ? "" : "weak ") + String(format: "%.2f", m.confidence)
        let room = max(0, width - first.width - conf.count - 1)
        let title = TextLayout.clip(Sanitizer.line(m.post.title), to: room)
        first.append(title, m.strong ? Style.normal.with(.bold) : .normal)
        first.append(String(repeating: " ", count: max(0, room - title.displayWidth)) + " ")
        first.append(conf, m.strong ? .strong : .weak)
        var facts: [String] = []
        if !m.post.author.isEmpty { facts.append(Sanitizer.line(m.post.author)) }
        if !m.post.space.isEmpty { facts.append(Sanitizer.line(m.post.space)) }
        facts.append(Describe.asked(m.post.created, now: state.now))
        facts.append(Describe.count(m.answers, "answer"))
        let second = StyledLine("   " + facts.joined(separator: " · "), .dim)
        let third = StyledLine([Span("   why: ", .dim), Span(Sanitizer.line(m.reason), .match)])
        return [first, second.clipped(to: width), third.clipped(to: width)]
    }
}
