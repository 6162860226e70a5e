import TermUI
import Foundation

extension StatusView {
    /// The figures at the right of the status bar: "offline · 3 to send" (only then), new answers,
    /// the questions one could answer (strong ones only), then due and helps. When the bar is
    /// narrow the figures at the right take their short forms first.
    static func counts(_ state: AppState, width: Int) -> StyledLine {
        var parts: [(long: String, short: String, style: Style)] = []
        let c = state.community
        if c.joined && !c.online && c.toSend > 0 {
            parts.append(("offline · \(c.toSend) to send", "offline·\(c.toSend)", Style.statusBar.with(.bold)))
        }
        let answers = c.newAnswers.count
        if answers > 0 {
            parts.append((Describe.count(answers, "new answer"), "\(answers) new", Style.statusBar.with(.bold)))
        }
        let could = c.joined ? state.couldHelp.strongCount : 0
        if could > 0 { parts.append(("\(could) you could answer", "\(could) to answer", .statusBar)) }
        let helps = state.strongHelpCount
        parts.append(("\(state.dueTodayCount) due · \(helps) help\(helps == 1 ? "" : "s")",
                      "\(state.dueTodayCount)d·\(helps)h", .statusBar))
        func line(_ short: Bool, _ upTo: Int) -> StyledLine {
            var l = StyledLine()
            for (i, p) in parts.enumerated() {
                l.append((i == 0 ? "" : " · ") + (short || i >= upTo ? p.short : p.long), p.style)
            }
            l.append(" ", .statusBar)
            return l
        }
        // The long forms while they leave room for the hints, then shorter ones from the right.
        let budget = width < 40 ? 0 : width / 2
        for upTo in stride(from: parts.count, through: 0, by: -1) {
            let l = line(false, upTo)
            if l.width <= budget { return l }
        }
        return line(true, 0)
    }
}
