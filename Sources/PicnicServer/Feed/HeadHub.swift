import Foundation

/// What an SSE stream is told.
enum HubEvent: Sendable {
    case head(Int64)
    case ping
}

/// Fans the feed's head out to this instance's live (SSE) clients.
final class HeadHub: @unchecked Sendable {
    private var subscribers: [Int: AsyncStream<HubEvent>.Continuation] = [:]
    private var nextID = 0
    private var current: Int64 = 0
    private var closed = false
    private let lock = NSLock()

    /// The largest head published so far.
    var head: Int64 { lock.lock(); defer { lock.unlock() }; return current }

    var subscriberCount: Int { lock.lock(); defer { lock.unlock() }; return subscribers.count }

    /// A stream of events for one client; it ends at shutdown.
    func subscribe() -> (id: Int, stream: AsyncStream<HubEvent>) {
        let (stream, continuation) = AsyncStream<HubEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        lock.lock()
        defer { lock.unlock() }
        nextID += 1
        if closed {
            continuation.finish()
        } else {
            subscribers[nextID] = continuation
        }
        return (nextID, stream)
    }

    func unsubscribe(_ id: Int) {
        lock.lock()
        let c = subscribers.removeValue(forKey: id)
        lock.unlock()
        c?.finish()
    }

    /// Tells every client the head moved (only forwards).
    func publish(_ head: Int64) {
        lock.lock()
        guard head > current else { lock.unlock(); return }
        current = head
        let all = Array(subscribers.values)
        lock.unlock()
        for c in all { c.yield(.head(head)) }
    }

    func ping() {
        lock.lock()
        let all = Array(subscribers.values)
        lock.unlock()
        for c in all { c.yield(.ping) }
    }

    /// Ends every stream (graceful shutdown) and refuses new ones.
    func close() {
        lock.lock()
        closed = true
        let all = Array(subscribers.values)
        subscribers.removeAll()
        lock.unlock()
        for c in all { c.finish() }
    }
}

/// A wake-up signal with a timeout, for a loop that polls faster when there is news.
final class Wakeup: @unchecked Sendable {
    private var continuation: CheckedContinuation<Void, Never>?
    private var signaled = false
    private var generation = 0
    private let lock = NSLock()

    /// Wakes the waiter now (or the next wait, at once).
    func signal() {
        lock.lock()
        if let c = continuation {
            continuation = nil
            lock.unlock()
            c.resume()
        } else {
            signaled = true
            lock.unlock()
        }
    }

    /// Waits for a signal, the timeout or cancellation, whichever comes first.
    func wait(timeout: Duration) async {
        await withTaskCancellationHandler {
            await waitOnce(timeout: timeout)
        } onCancel: {
            signal()
        }
    }

    private func waitOnce(timeout: Duration) async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if signaled {
                signaled = false
                lock.unlock()
                c.resume()
                return
            }
            generation += 1
            let gen = generation
            continuation = c
            lock.unlock()
            Task {
                try? await Task.sleep(for: timeout)
                self.fire(gen)
            }
        }
    }

    private func fire(_ gen: Int) {
        lock.lock()
        if gen == generation, let c = continuation {
            continuation = nil
            lock.unlock()
            c.resume()
        } else {
            lock.unlock()
        }
    }
}
