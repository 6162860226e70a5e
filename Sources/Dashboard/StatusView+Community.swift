import TermUI
import Foundation

extension StatusView {
    /// The figures at the right of the status bar, in the words of `picnic status`:
    /// "offline · 3 to send" (only then), new answers, the questions one could answer (strong
    /// ones only), then due and helps. When the bar is narrow the figures at the right shorten first.
    static func counts(_ state: AppState, width: Int) -> StyledLine {
        var parts: [(forms: [String], style: Style)] = []
        let c = state.community
        if c.joined && !c.online && c.toSend > 0 {
            parts.append((["offline · \(c.toSend) to send", "offline·\(c.toSend)"], Style.statusBar.with(.bold)))
        }
        let answers = c.newAnswers.count
        if answers > 0 {
            parts.append(([Describe.count(answers, "new answer"), "\(answers) new"], Style.statusBar.with(.bold)))
        }
        let could = c.joined ? state.couldHelp.strongCount : 0
        if could > 0 { parts.append((["\(could) you could answer", "\(could) to answer"], .statusBar)) }
        let due = state.due
        let helps = "\(state.strongHelpCount) help\(state.strongHelpCount == 1 ? "" : "s")"
        let short: String = due.overdue > 0 ? "\(due.today) today · \(due.overdue) overdue" : "\(due.today) due"
        let long: String = (due.text ?? "nothing due") + " · " + helps
        let tiny = "\(due.today)d·\(due.overdue)o·\(state.strongHelpCount)h"
        // The active context narrows the queue and these counts: say which.
        let context = state.context.map { "[\(Sanitizer.line($0.name))] " } ?? ""
        parts.append(([context + long, context + short + " · " + helps, context + tiny], .statusBar))
        // Each part's form: 0 is the longest. Shorten from the right until the figures fit.
        var form = parts.map { _ in 0 }
        func line() -> StyledLine {
            var l = StyledLine()
            for (i, p) in parts.enumerated() {
                l.append((i == 0 ? "" : " · ") + p.forms[min(form[i], p.forms.count - 1)], p.style)
            }
            l.append(" ", .statusBar)
            return l
        }
        // The queue's own figures keep to two fifths, as they always did; with the community's, three fifths.
        let budget = parts.count > 1 ? width * 3 / 5 : width * 2 / 5
        // The part furthest right takes its shortest form first: new answers and "offline" keep
        // their words longest.
        var i = parts.count - 1
        while line().width > budget && i >= 0 {
            if form[i] < parts[i].forms.count - 1 { form[i] += 1 } else { i -= 1 }
        }
        return line()
    }
}
