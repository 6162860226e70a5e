import TermUI
import Foundation
import PicnicCore

/// What Tab completes in the dashboard's prompts: `+tag` / `-tag` and `project:name` from the
/// open tasks, most used first (the words `picnic capture` completes).
enum PromptCompletion {
    /// The completer for a prompt mode, or nil when Tab has nothing to offer (annotations are
    /// free text). The words are counted when Tab is pressed, not when the prompt opens.
    static func completer(for mode: Mode, tasks: [WorkTask]) -> LineEditor.CompletionProvider? {
        guard mode == .add || mode == .modify || mode == .filter || mode == .capture else { return nil }
        return { word in candidates(for: word, tasks: tasks) }
    }

    /// Full replacements for the word before the cursor.
    static func candidates(for word: String, tasks: [WorkTask]) -> [String] {
        if let sign = word.first, sign == "+" || sign == "-" {
            let typed = word.dropFirst()
            var counts: [String: Int] = [:]
            for task in tasks { for tag in task.tags where tag.hasPrefix(typed) { counts[tag, default: 0] += 1 } }
            return ranked(counts).map { String(sign) + $0 }.filter { $0 != word }
        }
        guard let colon = word.firstIndex(of: ":"),
              ["project", "pro", "proj"].contains(word[..<colon].lowercased()) else { return [] }
        let key = word[...colon]
        let typed = word[word.index(after: colon)...]
        var counts: [String: Int] = [:]
        for task in tasks {
            if let p = task.project, !p.isEmpty, p.hasPrefix(typed) { counts[p, default: 0] += 1 }
        }
        return ranked(counts).map { key + $0 }.filter { $0 != word }
    }

    /// Most used first, then by name.
    static func ranked(_ counts: [String: Int]) -> [String] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }
}
