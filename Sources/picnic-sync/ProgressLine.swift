import Foundation
import PicnicSync
import TermUI

/// The pull's progress bar on stderr, only on a terminal and only once a pull takes a moment.
final class ProgressLine: @unchecked Sendable {
    static let shared = ProgressLine()
    var label = "pulling"
    private let enabled = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let lock = NSLock()

    func update(_ p: SyncProgress) {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, !p.done else { return }
        let now = Date()
        guard now.timeIntervalSince(start) >= 0.4, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = Int(p.fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(Int(p.fraction * 100))% \(p.posts) posts\u{1B}[K".utf8))
        drawn = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }
}

/// Text from a server or a person, safe for one line of a terminal.
enum Printable {
    static func line(_ s: String) -> String { Sanitizer.line(s, maxWidth: 200) }
}
