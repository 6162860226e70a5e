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
        var pendingWait: Duration = .milliseconds(20)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let before = hub.head
            let pending = withLock { target } > before
            // While a committed position is not servable yet (an older transaction still runs),
            // look again soon, backing off to half a second if it stays so; otherwise once a second.
            await wakeHead.wait(timeout: pending ? pendingWait : .seconds(1))
            do {
                hub.publish(try await currentHead())
                pendingWait = hub.head > before || !pending ? .milliseconds(20) : min(pendingWait * 2, .milliseconds(500))
            } catch {
                logger.debug("head check failed: \((error as? PSQLError)?.logText ?? "\(error)")")
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
                logger.debug("notify failed: \((error as? PSQLError)?.logText ?? "\(error)")")
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
        var failures = 0
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let conn = try await PostgresConnection.connect(configuration: try url.connectionConfiguration(),
                                                                id: 0, logger: logger)
                backoff = .milliseconds(100)
                if failures > 0 { logger.notice("feed listener: listening again after \(failures) failed attempt(s)") }
                failures = 0
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
                let why = (error as? PSQLError)?.logText ?? "\(error)"
                if failures == 0 { logger.notice("feed listener: \(why); reconnecting") } else { logger.debug("feed listener: \(why)") }
                failures += 1
            }
            onPosition(0)   // look at the head after any gap in listening
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }
}
