import TermUI
import Foundation

extension Binding {
    /// Keys the community modes add to actions whose records are in the main table (moving,
    /// going back, cancelling, opening), merged into those records by `all`.
    static let communityKeys: [Action: [Mode: [KeySequence]]] = [
        .back: [.couldHelp: ["esc", "q", "h", "left"], .ledger: ["esc", "q", "L"]],
        .moveDown: [.couldHelp: ["j", "down"]],
        .moveUp: [.couldHelp: ["k", "up"]],
        .moveTop: [.couldHelp: ["g", "home"]],
        .moveBottom: [.couldHelp: ["G", "end"]],
        .halfPageDown: [.couldHelp: ["ctrl-d", "pagedown"]],
        .halfPageUp: [.couldHelp: ["ctrl-u", "pageup"]],
        .open: [.couldHelp: ["enter"]],
        .cancel: [.ask: ["esc", "ctrl-c"], .answer: ["esc", "ctrl-c"], .whatHelped: ["esc"]],
    ]

    /// Where the community keys are hinted, beyond the main table's places.
    static let communityHints: [Action: Set<HintPlace>] = [
        .back: [.couldHelp, .ledger],
        .open: [.couldHelp],
        .cancel: [.ask, .answer],
    ]

    /// Hinted only when they can be used (a single-person workspace never sees them).
    static let hintedOnlyWhenUsable: Set<Action> = [.newAnswer, .couldHelp, .answer, .accept]

    private static let notJoined: @Sendable (AppState) -> String? = {
        $0.community.joined ? nil : "No community joined (picnic community join URL)"
    }

    /// The records of the give-and-receive loop (issue 13), after the main table.
    static let community: [Binding] = [
        Binding(.newAnswer, [.normal: ["w"]], "Read the newest answer to your questions", hint: "new answer",
                hintedIn: [.queue, .help], unavailable: { $0.community.newAnswers.isEmpty ? "No new answer" : nil }),
        Binding(.couldHelp, [.normal: ["H"]], "Others' questions matched to what you know", hint: "could help",
                hintedIn: [.help], unavailable: notJoined),
        Binding(.ledger, [.normal: ["L"]], "The ledger: what you gave and received", hint: "ledger",
                unavailable: notJoined),
        Binding(.copyRefused, [.normal: ["Y"]], "Copy the text of the write the server refused",
                unavailable: { $0.lastRefused == nil ? "Nothing was refused" : nil }),
        Binding(.answer, [.reader: ["r"]], "Answer this question (prompt or $EDITOR)", hint: "answer",
                hintedIn: [.reader], unavailable: { s in
                    if let reason = notJoined(s) { return reason }
                    if s.reader?.postID == nil { return "Answers go to threads, not tasks" }
                    guard let root = s.reader?.root else { return "The thread is still loading" }
                    if root.kind != .question { return "Only questions take answers" }
                    return s.community.mine.contains(root.id) ? "This is your own question" : nil
                }),
        Binding(.accept, [.reader: ["a"]], "Accept the selected answer (again: take it back)", hint: "accept",
                hintedIn: [.reader], unavailable: { s in
                    guard let reader = s.reader, let root = reader.root, s.community.mine.contains(root.id) else {
                        return "Only the question's author accepts an answer"
                    }
                    guard let answer = reader.selectedReply else { return "No answer to accept yet" }
                    return answer.author == s.community.user ? "That answer is your own" : nil
                }),
        Binding(.nextAnswer, [.reader: ["n"]], "Select the next answer",
                unavailable: { ($0.reader?.replies.isEmpty ?? true) ? "No answers yet" : nil }),
        Binding(.previousAnswer, [.reader: ["N"]], "Select the previous answer",
                unavailable: { ($0.reader?.replies.isEmpty ?? true) ? "No answers yet" : nil }),
        Binding(.send, [.ask: ["ctrl-d"], .answer: ["ctrl-d"]], "Send it, as shown (nothing is sent before)", hint: "send",
                hintedIn: [.ask, .answer], unavailable: { s in
                    switch s.mode {
                    case .ask: return s.askForm?.problem
                    case .answer: return (s.answerDraft?.isBlank ?? true) ? "Type the answer first" : nil
                    default: return nil
                    }
                }),
        Binding(.editInEditor, [.ask: ["ctrl-o"], .answer: ["ctrl-o"]], "Edit the text in $EDITOR", hint: "$EDITOR",
                hintedIn: [.ask, .answer]),
        Binding(.nextField, [.ask: ["tab", "down"]], "Next field of the question", hint: "next field", hintedIn: [.ask]),
        Binding(.previousField, [.ask: ["backtab", "up"]], "Previous field of the question"),
        Binding(.helped1, [.whatHelped: ["1"]], "The first thread helped (a mark to its author)"),
        Binding(.helped2, [.whatHelped: ["2"]], "The second thread helped",
                unavailable: { ($0.whatHelped?.threads.count ?? 0) < 2 ? "There is no second thread" : nil }),
        Binding(.helped3, [.whatHelped: ["3"]], "The third thread helped",
                unavailable: { ($0.whatHelped?.threads.count ?? 0) < 3 ? "There is no third thread" : nil }),
    ]

    /// The main table with the community keys merged into its records, and the community records
    /// before its closing confirm/submit/cancel records (so "send" is hinted before "cancel").
    static func merged(_ table: [Binding]) -> [Binding] {
        let withKeys = table.map { b in
            guard communityKeys[b.action] != nil || communityHints[b.action] != nil else { return b }
            let keys = b.keys.merging(communityKeys[b.action] ?? [:]) { a, extra in a + extra }
            return Binding(b.action, keys, b.summary, hint: b.hint, hintedIn: b.hintedIn.union(communityHints[b.action] ?? []),
                           unavailable: b.unavailable)
        }
        let end = withKeys.firstIndex { $0.action == .confirm } ?? withKeys.count
        return Array(withKeys[..<end]) + community + withKeys[end...]
    }
}
