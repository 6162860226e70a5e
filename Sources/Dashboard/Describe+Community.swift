import Foundation

extension Describe {
    /// A short age for the person's own questions: `asked just now`, `asked 5 min ago`,
    /// `asked 2 h ago`, `asked 3 d ago`.
    static func asked(_ date: Date, now: Date) -> String {
        let s = max(0, now.timeIntervalSince(date))
        switch s {
        case ..<60: return "asked just now"
        case ..<3600: return "asked \(Int(s / 60)) min ago"
        case ..<86400: return "asked \(Int(s / 3600)) h ago"
        default: return "asked \(Int(s / 86400)) d ago"
        }
    }

    /// A duration in words for the ledger: `40 s`, `38 min`, `1 h 30 min`, `2 d 4 h`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded())
        switch s {
        case ..<60: return "\(s) s"
        case ..<3600: return "\(s / 60) min"
        case ..<86400:
            let m = (s % 3600) / 60
            return "\(s / 3600) h" + (m > 0 ? " \(m) min" : "")
        default:
            let h = (s % 86400) / 3600
            return "\(s / 86400) d" + (h > 0 ? " \(h) h" : "")
        }
    }

    /// `1 answer`, `0 answers`.
    static func count(_ n: Int, _ word: String) -> String {
        "\(n) \(word)\(n == 1 ? "" : "s")"
    }
}
