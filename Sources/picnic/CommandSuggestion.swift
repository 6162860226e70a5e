import ArgumentParser
import PicnicCore

/// A mistyped command (`picnic lst`) is answered with the nearest real one instead of the
/// parser's "Unexpected argument".
enum CommandSuggestion {
    /// The names `picnic` takes as its first word.
    static var names: [String] { Picnic.commands.map { $0._commandName } + ["help"] }

    /// The usage error for `word` when it is not a command, or nil when it is one (or an option).
    static func error(for word: String) -> PicnicError? {
        guard !word.hasPrefix("-"), !names.contains(word) else { return nil }
        let shown = Terminal.safe(String(word.prefix(40)))
        if let near = nearest(to: word) {
            return PicnicError.usage("unknown command '\(shown)'; did you mean 'picnic \(near)'? ('picnic --help' lists them all)")
        }
        return PicnicError.usage("unknown command '\(shown)' ('picnic --help' lists the commands)")
    }

    /// The command closest to `word`: within two edits (one for short words), or the only
    /// command `word` begins.
    static func nearest(to word: String) -> String? {
        let w = word.lowercased()
        let starts = names.filter { $0.hasPrefix(w) }
        if starts.count == 1 { return starts[0] }
        let limit = w.count <= 3 ? 1 : 2
        let scored = names.map { ($0, distance(w, $0)) }.filter { $0.1 <= limit }
        return scored.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }?.0
    }

    /// Edit distance with adjacent swaps (optimal string alignment).
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty || y.isEmpty { return max(x.count, y.count) }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
