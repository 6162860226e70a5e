import Foundation
import PicnicCore
import PicnicStore

/// Runs draft matching off the keystroke path: one request at a time on a background queue,
/// newest text wins, results kept only for the text they were computed for.
final class DraftMatcher: @unchecked Sendable {
    private let db: AppDatabase
    private let queue = DispatchQueue(label: "picnic.capture.match")
    private let lock = NSLock()
    private var requested = ""
    private var running = false
    private var computed: (text: String, matches: [ThreadMatch]) = ("", [])

    init(db: AppDatabase) { self.db = db }

    /// Asks for matches of `text` (ignored when already asked or running).
    func request(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        lock.lock()
        defer { lock.unlock() }
        guard trimmed.count >= 3, trimmed != requested, !running else { return }
        requested = trimmed
        running = true
        queue.async { [self] in
            let matches = (try? db.match(draft: trimmed, limit: 3)) ?? []
            lock.lock()
            computed = (trimmed, matches)
            running = false
            lock.unlock()
        }
    }

    /// The last results, or none when the line has moved on to unrelated text.
    func results(for text: String) -> [ThreadMatch] {
        lock.lock()
        defer { lock.unlock() }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty || computed.text.isEmpty ? [] : computed.matches
    }
}
