import Foundation
import TermUI

/// Marks the words a thread matched on, so the reader shows why it was offered.
enum Highlight {
    /// The line with every occurrence of the words (case-insensitive, at word starts) restyled
    /// as `.match`; other text keeps its style.
    static func words(_ words: [String], in line: StyledLine) -> StyledLine {
        let needles = words.map { $0.lowercased() }.filter { $0.count >= 2 }
        guard !needles.isEmpty else { return line }
        var out: [Span] = []
        for span in line.spans {
            let chars = Array(span.text)
            let lower = chars.map { Character($0.lowercased()) }
            var marked = [Bool](repeating: false, count: chars.count)
            for needle in needles {
                let n = Array(needle)
                guard n.count <= lower.count else { continue }
                var i = 0
                while i + n.count <= lower.count {
                    let atWordStart = i == 0 || !(lower[i - 1].isLetter || lower[i - 1].isNumber)
                    if atWordStart && Array(lower[i..<(i + n.count)]) == n {
                        for k in i..<(i + n.count) { marked[k] = true }
                        i += n.count
                    } else {
                        i += 1
                    }
                }
            }
            var i = 0
            while i < chars.count {
                var j = i
                while j < chars.count && marked[j] == marked[i] { j += 1 }
                out.append(Span(String(chars[i..<j]), marked[i] ? Style.match.with(.bold) : span.style))
                i = j
            }
        }
        return StyledLine(out)
    }
}
