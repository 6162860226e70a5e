import Foundation

/// A progress bar on stderr, drawn only when stderr is a terminal and the work has already taken
/// a moment (so quick imports and pipes stay quiet). Redraws at most ten times a second.
final class ProgressBar {
    private let label: String
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let enabled: Bool
    /// How long work runs before the bar appears.
    static let delay: TimeInterval = 0.4

    init(label: String, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = PostOutput.safe(label, max: 40)
        self.enabled = enabled
    }

    /// Reports `done` of `total` units.
    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(start) >= Self.delay, now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
        lastDraw = now
        let width = 30
        let fraction = min(1, Double(done) / Double(total))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = "\r\(label) \(bar) \(Int(fraction * 100))% \(done)/\(total)"
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the bar (if it was drawn) so the summary line starts clean.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}
