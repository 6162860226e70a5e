import ArgumentParser

/// The argument parser's usage errors as one line in Picnic's voice
/// (`picnic: missing expected argument '<id>' (picnic show --help)`) instead of its
/// "Error: … Help: … Usage: …" block.
enum ParserErrorLine {
    /// The line for `full`, the parser's full message: its first sentence, the allowed values
    /// joined, and the command's help named.
    static func line(fromFullMessage full: String) -> String {
        var lines = full.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        var help = "picnic --help"
        if let see = lines.last(where: { $0.contains("See '") }),
           let open = see.range(of: "See '"), let close = see[open.upperBound...].firstIndex(of: "'") {
            help = String(see[open.upperBound..<close])
        }
        lines.removeAll { $0.hasPrefix("Usage:") || $0.contains("See '") || $0.hasPrefix("Help:") || $0.hasPrefix("  ") && !$0.hasPrefix("  - ") }
        guard var first = lines.first else { return "picnic: \(help)" }
        if first.hasPrefix("Error: ") { first.removeFirst("Error: ".count) }
        let values = lines.dropFirst().filter { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        if let please = first.range(of: ". Please provide one of the following:") {
            first = String(first[..<please.lowerBound]) + "; one of: " + values.joined(separator: ", ")
        }
        while first.hasSuffix(".") { first.removeLast() }
        if let c = first.first { first = c.lowercased() + first.dropFirst() }
        return "picnic: \(Terminal.safe(first)) (\(Terminal.safe(help)))"
    }
}
