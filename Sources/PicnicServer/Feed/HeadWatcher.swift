import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle

/// Keeps this instance's live clients told of the feed's head: after a local commit at once,
/// after another instance's commit when its NOTIFY arrives, and every second regardless (a
/// notification lost to a reconnect is never waited for). The head comes from the primary.
final class HeadWatcher: Service, @unchecked Sendable {
    private let primary: PostgresClient
    private let hub: HeadHub
    private let logger: Logger
    private let wakeHead = Wakeup()
    private let wakeNotify = Wakeup()
    private let lock = NSLock()
    /// The largest position known to be committed (it may not be servable yet).
    private var target: Int64 = 0
    /// The largest committed position not yet announced to other instances.
    private var toAnnounce: Int64 = 0
    /// Where to LISTEN (the primary, as the server's role).
    var listenURL: DatabaseURL?

    init(primary: PostgresClient, hub: HeadHub, logger: Logger) {
        self.primary = primary
        self.hub = hub
        self.logger = logger
    }

    private func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// A write of this instance committed, up to `position`.
    func committed(_ position: Int64) {
        lock.lock()
        target = max(target, position)
        toAnnounce = max(toAnnounce, position)
        lock.unlock()
        wakeHead.signal()
        wakeNotify.signal()
    }

    /// Another instance (or an admin command) committed up to `position`.
    func notified(_ position: Int64) {
        lock.lock()
        target = max(target, position)
        lock.unlock()
        wakeHead.signal()
    }

    /// The head, read from the primary now.
    func currentHead() async throws -> Int64 {
        let rows = try await primary.query("SELECT picnic_head()")
        for try await head in rows.decode(Int64.self) { return head }
        return 0
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.headLoop() }
                group.addTask { await self.announceLoop() }
                group.addTask { await self.pingLoop() }
                if let url = self.listenURL {
                    group.addTask { await FeedListener(url: url, logger: self.logger) { self.notified($0) }.run() }
                }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.hub.close()
            self.wakeHead.signal()
            self.wakeNotify.signal()
        }
    }

    private func headLoop() async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let pending = withLock { target } > hub.head
            // While a committed position is not servable yet (an older transaction still runs),
            // look again soon; otherwise once a second.
            await wakeHead.wait(timeout: pending ? .milliseconds(20) : .seconds(1))
            do {
                hub.publish(try await currentHead())
            } catch {
                logger.debug("head check failed: \(error)")
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    /// One NOTIFY at a time, carrying the latest position: bursts of writes cost one each.
    private func announceLoop() async {
        var announced: Int64 = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await wakeNotify.wait(timeout: .seconds(5))
            let p = withLock { toAnnounce }
            guard p > announced else { continue }
            do {
                try await primary.query("SELECT pg_notify(\(FeedListener.channel), \(String(p)))")
                announced = p
            } catch {
                logger.debug("notify failed: \(error)")
                try? await Task.sleep(for: .milliseconds(200))
                wakeNotify.signal()
            }
        }
    }

    private func pingLoop() async {
        var pings = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: .seconds(15))
            hub.ping()
            pings += 1
            if pings % 40 == 0 {   // every ten minutes: the feed's positions table keeps only its top
                do { try await primary.query("SELECT picnic_prune_positions()") } catch { logger.debug("prune failed: \(error)") }
            }
        }
    }
}

/// The one LISTEN connection of an instance (LISTEN is not on the pool): it reconnects and
/// listens again by itself; notifications missed meanwhile are covered by the head check.
struct FeedListener: Sendable {
    static let channel = "picnic_feed"
    let url: DatabaseURL
    let logger: Logger
    let onPosition: @Sendable (Int64) -> Void

    func run() async {
        var backoff: Duration = .milliseconds(100)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let conn = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(),
                                                                id: 0, logger: logger)
                backoff = .milliseconds(100)
                defer { Task { try? await conn.close() } }
                try await withTaskCancellationHandler {
                    try await conn.listen(on: Self.channel) { notifications in
                        for try await n in notifications {
                            if let p = Int64(n.payload) { onPosition(p) }
                        }
                    }
                } onCancel: {
                    conn.close().whenComplete { _ in }
                }
            } catch {
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                logger.notice("feed listener: \(error); reconnecting")
            }
            onPosition(0)   // look at the head after any gap in listening
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }
}
