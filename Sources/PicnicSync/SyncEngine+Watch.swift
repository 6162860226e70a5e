import CommunityAPI
import CommunityClient
import Foundation
import PicnicStore

extension SyncEngine {
    /// What wakes the watch loop.
    enum Wake: Sendable {
        /// The event stream is (again) connected: send everything waiting, then pull.
        case connected
        /// The feed's head moved to this position.
        case head(Int64)
        /// Someone asked for the outbox to go now (a new write).
        case push
        /// Once a second: send what has come due (backoff over, or written by another process).
        case tick
    }

    /// Follows the community live until `pokes` ends (or the task is cancelled): keeps the event
    /// stream open, pulls whenever its head passes the stored position, pushes on every poke and
    /// whenever entries come due, and reconnects while the server is away (its `retry` advice,
    /// doubling to 30 s), pulling from the stored position first so nothing is missed.
    /// `changed` hears after each pull or push that wrote something.
    public func watch(pokes: AsyncStream<Void>? = nil, tick: Double = 1, changed: (@Sendable () -> Void)? = nil) async {
        let (wakes, wake) = AsyncStream<Wake>.makeStream(bufferingPolicy: .bufferingNewest(16))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.followEvents(wake) }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(tick * 1e9))
                    wake.yield(.tick)
                }
            }
            if let pokes {
                group.addTask {
                    for await _ in pokes { wake.yield(.push) }
                    wake.finish()
                }
            }
            for await w in wakes {
                if Task.isCancelled { break }
                await handle(w, changed: changed)
            }
            group.cancelAll()
        }
    }

    func handle(_ w: Wake, changed: (@Sendable () -> Void)?) async {
        switch w {
        case .connected:
            if let pushed = try? await push(ignoringBackoff: true), pushed.sent + pushed.refused > 0 { changed?() }
            if let pulled = try? await pull(), pulled.posts > 0 { afterPull(pulled); changed?() }
        case .head(let head):
            guard let position = try? currentPosition(), head > position else { return }
            if let pulled = try? await pull(), pulled.posts > 0 { afterPull(pulled); changed?() }
        case .push:
            if let pushed = try? await push(ignoringBackoff: true), pushed.sent + pushed.refused > 0 { changed?() }
        case .tick:
            guard let due = try? store.dueOutbox(community: communityID), !due.isEmpty else { return }
            if let pushed = try? await push(), pushed.sent + pushed.refused > 0 { changed?() }
        }
    }

    /// Work a pull leaves: who could answer the new questions.
    func afterPull(_ pulled: PullSummary) {
        _ = try? store.refreshCouldHelp()
    }

    /// Keeps `GET /v1/events` open, announcing each connection and head; reconnects for ever.
    func followEvents(_ wake: AsyncStream<Wake>.Continuation) async {
        var failures = 0
        var advice: TimeInterval = 2
        while !Task.isCancelled {
            do {
                let stream = try await client.events(after: (try? currentPosition()) ?? 0)
                failures = 0
                try? store.recordSyncContact(community: communityID)
                wake.yield(.connected)
                for try await event in stream {
                    if let retry = event.retry { advice = max(0.1, Double(retry) / 1000) }
                    if let head = event.head { wake.yield(.head(head)) }
                }
                failures += 1   // the server closed the stream: come back after its advice
            } catch let error as CommunityError {
                failures += 1
                try? note(error)
                // A refused token does not heal by itself: ask again rarely.
                if error.kind == .unauthorized || error.kind == .forbidden { failures = max(failures, 8) }
            } catch {
                failures += 1
            }
            let delay = Backoff.reconnect(failures: failures, advice: advice)
            try? await Task.sleep(nanoseconds: UInt64(delay * 1e9))
        }
    }
}
