import Foundation
import Testing
import TestSupport

/// The tmux driver itself, exercised with a tiny shell program that follows the ready contract.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: end-to-end tests skipped"))
struct TmuxSessionTests {
    @Test func readyLineExitStatusAndKeys() throws {
        let tmux = try TmuxSession(width: 60, height: 10)
        defer { tmux.close() }
        let program = """
        printf '\\033[?1049h'; echo hello-screen; printf 'ready %s\\n' $$ > "$PICNIC_READY_FIFO"; \
        read line; printf '\\033[?1049l'; exit 7
        """
        let run = try tmux.launch(["/bin/sh", "-c", program])
        let line = try run.waitForReady()
        #expect(line.hasPrefix("ready "))
        #expect(run.pid != nil)
        try tmux.waitFor("hello-screen")
        #expect(try tmux.alternateScreenOn())
        try tmux.type("bye")
        try tmux.sendKeys("Enter")
        #expect(try run.waitForExit() == 7)
        #expect(try !tmux.alternateScreenOn())
        // The shell in the pane still answers.
        try tmux.type("echo ok-$((6*7))")
        try tmux.sendKeys("Enter")
        try tmux.waitFor("ok-42")
    }

    @Test func earlyExitFailsReadyWithTheScreen() throws {
        let tmux = try TmuxSession(width: 60, height: 10)
        defer { tmux.close() }
        let run = try tmux.launch(["/bin/sh", "-c", "echo boom-early; exit 3"])
        #expect(throws: TmuxError.self) { try run.waitForReady(timeout: 10) }
        #expect(run.exitStatus == 3)
    }

    @Test func resizeChangesThePane() throws {
        let tmux = try TmuxSession(width: 60, height: 10)
        defer { tmux.close() }
        try tmux.resize(width: 100, height: 30)
        try tmux.waitForFormat("#{pane_width}x#{pane_height}", toBe: "100x30")
    }
}
