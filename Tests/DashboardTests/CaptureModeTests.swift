import Foundation
import Testing
import PicnicCore
import TermUI
import TestSupport
@testable import Dashboard

private typealias F = Fixtures

/// `picnic capture` as a mode of the dashboard: update (state and effects) and snapshots.
@Suite struct CaptureModeTests {
    static func capture(width: Int = 80, height: Int = 12, history: [String] = []) -> AppState {
        var s = F.state(width: width, height: height)
        #expect(Dashboard.startCapture(&s, history: history) == [])
        #expect(s.mode == .capture)
        // The first frame is drawn before the words Tab completes are loaded.
        #expect(Dashboard.firstFrameDrawn(&s) == [.loadTasks])
        #expect(Dashboard.update(&s, .tasksLoaded(F.tasks)) == [], "no scan, no matching of the queue")
        return s
    }

    @Test func typingPreviewsAndAsksForDraftMatchesThenEnterAddsAndEnds() {
        var s = Self.capture()
        let effects = s.type("Pin the runner +ci")
        #expect(effects.last == .matchDraft("Pin the runner +ci", generation: s.draftGeneration))
        #expect(s.promptPreview == "“Pin the runner” · +ci")
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration, matches: F.strongMatches))
        #expect(s.draftMatches == F.strongMatches)
        #expect(s.press("enter") == [.addTask("Pin the runner +ci")])
        #expect(s.captured == nil)
        let id = F.uuid(99)
        let end = Dashboard.update(&s, .effectSucceeded(.addTask("Pin the runner +ci"), message: "Added 6 “Pin the runner”.", task: id))
        #expect(end == [.appendHistory("Pin the runner +ci"), .quit])
        #expect(s.captured == .saved(id))
    }

    @Test func aLineThatDoesNotReadStaysOpenWithTheReason() {
        var s = Self.capture()
        _ = s.type("Call the bank due:fryday")
        #expect(s.press("enter") == [])
        #expect(s.mode == .capture)
        #expect(s.prompt?.text == "Call the bank due:fryday")
        #expect(s.message?.isError == true)
        #expect(s.message?.text == "Not saved: fix the line above, or Esc cancels")
        #expect(s.promptPreview?.contains("due:fryday: not a date") == true)
        #expect(s.press("enter").isEmpty && s.captured == nil)
        var empty = Self.capture()
        #expect(empty.press("enter") == [])
        #expect(empty.message?.text == "Type a task first; Esc cancels")
    }

    @Test func escAndCtrlCCancelButEscFirstEndsATabCycle() {
        var s = Self.capture()
        _ = s.type("Check +")
        _ = s.press("tab")
        #expect(s.prompt?.text == "Check +ci")
        #expect(!s.press("esc").contains(.quit))
        #expect(s.prompt?.text == "Check +")
        #expect(s.press("esc") == [.quit])
        #expect(s.captured == .cancelled)
        var c = Self.capture()
        #expect(c.press("ctrl-c") == [.quit])
        #expect(c.captured == .cancelled)
        var g = Self.capture()
        #expect(g.press("ctrl-g") == [.quit])
    }

    @Test func tabCompletesProjectsByEveryPrefixTheParserTakes() {
        for typed in ["project:inf", "pro:inf", "proj:inf"] {
            var s = Self.capture()
            _ = s.type("Deploy " + typed)
            _ = s.press("tab")
            let key = typed.prefix { $0 != ":" }
            #expect(s.prompt?.text == "Deploy \(key):infra ", "\(typed)")
        }
    }

    @Test func upRecallsTheCaptureHistory() {
        var s = Self.capture(history: ["first +home", "second"])
        _ = s.press("up")
        #expect(s.prompt?.text == "second")
        _ = s.press("up")
        #expect(s.prompt?.text == "first +home")
    }

    @Test func snapshotsAtPopupSizes() {
        var s = Self.capture(width: 80, height: 12)
        Snapshot.assert(Dashboard.render(s), named: "capture-empty-80x12")
        _ = s.type("Pin the runner image +ci due:2026-12-01")
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration, matches: F.strongMatches))
        Snapshot.assert(Dashboard.render(s), named: "capture-matches-80x12")
        var bad = Self.capture(width: 60, height: 6)
        _ = bad.type("Never due:fryday")
        _ = bad.press("enter")
        Snapshot.assert(Dashboard.render(bad), named: "capture-error-60x6")
    }

    @Test func everySizeDrawsWithoutCrashing() {
        var s = Self.capture()
        _ = s.type("Pin the runner image +ci")
        _ = Dashboard.update(&s, .draftMatchesLoaded(generation: s.draftGeneration, matches: F.strongMatches))
        for w in 0...90 { for h in 0...14 { _ = Dashboard.render(s, width: w, height: h) } }
    }
}
