import CursesBackend
import Dashboard
import Foundation
import PicnicStore
import TermUI

/// The dashboard's run loop: keys, resizes, ticks, store changes and effect answers become
/// events; `Dashboard.update` turns them into state and effects; `Dashboard.render` is drawn by
/// difference. Ends on the `.quit` effect.
final class DashboardLoop {
    let terminal: CursesTerminal
    let db: AppDatabase
    let runner: EffectRunner
    let inbox: EventInbox
    var state: AppState
    private var quit = false
    private var dirty = true
    private var lastVersion: Int?
    private var lastVersionCheck = Date.distantPast
    private var lastTick = Date()
    /// How often another process's writes are looked for (PRAGMA data_version, ~0.2 ms).
    static let versionInterval: TimeInterval = 0.25

    /// A loop for the dashboard; `capture` (with the runner's settings for it) opens the
    /// capture line instead (`picnic capture`).
    init(terminal: CursesTerminal, db: AppDatabase, keymap: Keymap, capture: EffectRunner.Capture? = nil, dbPath: String? = nil) {
        self.terminal = terminal
        self.db = db
        let inbox = EventInbox()
        self.inbox = inbox
        runner = EffectRunner(db: db, inbox: inbox, outside: OutsideWorld(terminal: terminal), capture: capture, dbPath: dbPath)
        let size = terminal.size
        state = AppState(keymap: keymap, width: size.width, height: size.height, now: Date())
    }

    /// Runs until the person quits (or the capture ends).
    func run() {
        lastVersion = try? db.dataVersion()
        // The first frame needs only the rows it shows; the rest of the queue loads after it.
        if let capture = runner.capture {
            perform(Dashboard.startCapture(&state, history: capture.history.load()))
        } else {
            perform(Dashboard.start(&state))
        }
        draw()
        ReadySignal.send()
        perform(Dashboard.firstFrameDrawn(&state))
        runner.startSync()
        defer { runner.community.stopSync() }
        while !quit {
            // Short waits while answers are due, so they show without a key press.
            let timeout = inbox.busy ? 10 : 100
            if let key = terminal.readKey(timeout: timeout) {
                handle(key)
                // Keys already typed (a paste, a held key) are applied before the next frame.
                var burst = 0
                while !quit, burst < 256, let more = terminal.readKey(timeout: 0) {
                    handle(more)
                    burst += 1
                }
            }
            for event in inbox.drain() where !quit { apply(event) }
            let now = Date()
            if now.timeIntervalSince(lastVersionCheck) >= Self.versionInterval {
                lastVersionCheck = now
                pollStore()
            }
            if now.timeIntervalSince(lastTick) >= 1 {
                lastTick = now
                apply(.tick(now))
            }
            if dirty && !quit { draw() }
        }
    }

    private func handle(_ key: Key) {
        if key == .resize {
            let size = terminal.size
            apply(.resize(width: size.width, height: size.height))
        } else {
            apply(.key(key))
        }
    }

    /// Another process committed (a `picnic add`, a capture popup): reload.
    private func pollStore() {
        guard let v = try? db.dataVersion(), v != lastVersion else { return }
        lastVersion = v
        apply(.storeChanged)
    }

    /// Applies an event and runs its effects; immediate answers are applied in turn.
    func apply(_ event: Event) {
        var queue = [event]
        while !queue.isEmpty, !quit {
            let e = queue.removeFirst()
            let effects = Dashboard.update(&state, e)
            dirty = true
            for effect in effects {
                if effect == .quit { quit = true; return }
                if case .editNotes = effect { terminal.invalidate() }
                queue += runner.run(effect)
                // Our own write is not news for the store poll.
                if effect.changesQueue, let v = try? db.dataVersion() { lastVersion = v }
            }
        }
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            for event in runner.run(effect) { apply(event) }
        }
    }

    private func draw() {
        terminal.draw(Dashboard.render(state))
        dirty = false
    }
}
