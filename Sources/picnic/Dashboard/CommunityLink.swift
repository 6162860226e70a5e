import Foundation

/// What the effect runner keeps for the community between effects (thread-safe): the open tasks
/// it last loaded (their questions are read), the posts this dashboard wrote (drawn "sending…"
/// until sent), and the background sync helper, poked after each write.
final class CommunityLink: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [UUID] = []
    private var posts: Set<Int64> = []
    private var sync: BackgroundSync?
    let couldHelpGeneration = Generations()

    var openTasks: [UUID] { lock.lock(); defer { lock.unlock() }; return tasks }
    var written: Set<Int64> { lock.lock(); defer { lock.unlock() }; return posts }

    func setOpenTasks(_ ids: [UUID]) { lock.lock(); tasks = ids; lock.unlock() }
    func remember(_ post: Int64) { lock.lock(); posts.insert(post); lock.unlock() }

    /// Starts the sync helper once (nil when it cannot start: the dashboard then works from the store alone).
    func startSync(dbPath: String) {
        lock.lock(); defer { lock.unlock() }
        guard sync == nil else { return }
        sync = BackgroundSync(dbPath: dbPath)
    }

    /// Asks the helper to send the outbox now. Never blocks.
    func poke() { lock.lock(); let s = sync; lock.unlock(); s?.poke() }

    /// Ends the helper (at quit).
    func stopSync() { lock.lock(); let s = sync; sync = nil; lock.unlock(); s?.stop() }
}
