import TermUI
import Foundation
import CommunityAPI

/// The ledger overlay: what the person gave and received, and how fast the community answers
/// (the same figures as `picnic ledger`).
enum LedgerView {
    static func lines(_ state: AppState) -> [StyledLine] {
        switch state.ledger {
        case .loading: return [StyledLine("Counting…", .dim)]
        case .failed(let message): return [StyledLine("No ledger: " + Sanitizer.line(message), .error)]
        case .loaded(let l):
            func row(_ label: String, _ value: String, _ note: String = "") -> StyledLine {
                StyledLine([Span("  " + TextLayout.pad(label, to: 24), .normal), Span(value, Style.accent.with(.bold)),
                            Span(note.isEmpty ? "" : "  " + note, .dim)])
            }
            let median = { (s: Double?) in s.map(Describe.duration) ?? "—" }
            var out: [StyledLine] = [StyledLine("You", Style.title.with(.bold))]
            out.append(row("answers given", "\(l.me.answersGiven)", "\(l.me.acceptedAnswers) accepted"))
            out.append(row("people helped", "\(l.me.peopleHelped)", Describe.count(l.me.helpedMarks, "helped mark")))
            out.append(row("help received", "\(l.me.answersReceived)",
                           "answers to your \(Describe.count(l.me.questions, "question"))"))
            out.append(row("time to a first answer", median(l.me.medianFirstAnswerSeconds), "median"))
            out.append("")
            let people = l.community.people == 1 ? "1 person" : "\(l.community.people) people"
            out.append(StyledLine("The community (\(people))", Style.title.with(.bold)))
            out.append(row("time to a first answer", median(l.community.medianFirstAnswerSeconds), "median"))
            let share = l.community.answeredWithinDay.map { "\(Int(($0 * 100).rounded())) %" } ?? "—"
            out.append(row("answered within a day", share, "of \(Describe.count(l.community.questions, "question"))"))
            return out
        }
    }

    static func draw(_ buffer: inout ScreenBuffer, _ state: AppState, _ body: Rect) {
        let all = lines(state)
        let width = min(body.width, max(40, min(70, (all.map(\.width).max() ?? 40) + 6)))
        let height = min(body.height - 2, all.count + 4)
        let box = Rect(x: body.x + (body.width - width) / 2, y: body.y + 1, width: width, height: max(0, height))
        guard box.width >= 4, box.height >= 3 else { return }
        buffer.fill(box)
        Frame.draw(&buffer, box, title: "Ledger", figure: state.community.name.isEmpty ? "" : Sanitizer.line(state.community.name),
                   focused: true)
        let text = box.inset(by: 1).inset(top: 1, left: 1, bottom: 0, right: 1)
        for (row, line) in all.prefix(text.height).enumerated() {
            buffer.write(line.clipped(to: text.width), x: text.x, y: text.y + row, clip: text)
        }
    }
}
