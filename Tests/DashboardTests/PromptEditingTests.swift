import Foundation
import Testing
import PicnicCore
import TermUI
@testable import Dashboard

/// The prompts (`/`, `a`, `m`, `A`) edit with TermUI's `LineEditor`: readline keys, the kill
/// ring, history per prompt and Tab completion of tags and projects from the open tasks.
@Suite struct PromptEditingTests {
    typealias F = Fixtures

    /// More tasks sharing tags, so completion has an order to respect (most used first).
    static func state() -> AppState {
        var s = F.state()
        var tasks = F.tasks
        tasks.append(WorkTask(uuid: F.uuid(50), number: 50, title: "Watch CI costs", project: "infra.ci", tags: ["ci", "cost"], created: F.now))
        tasks.append(WorkTask(uuid: F.uuid(51), number: 51, title: "CI dashboards", tags: ["ci", "charts"], created: F.now))
        _ = Dashboard.update(&s, .tasksLoaded(tasks))
        return s
    }

    @Test func tabCompletesTagsMostUsedFirstAndCyclesEscPutsTheWordBack() {
        var s = Self.state()
        _ = s.press("a")
        _ = s.type("Fix it +c")
        _ = s.press("tab")
        #expect(s.prompt?.text == "Fix it +ci")              // ci is on three tasks
        #expect(s.prompt?.completions == ["+ci", "+charts", "+cost"])
        #expect(Dashboard.render(s).text.contains("+charts"))  // the cycle is shown on the prompt row
        _ = s.press("tab")
        #expect(s.prompt?.text == "Fix it +charts")
        _ = s.press("shift-tab", "shift-tab")
        #expect(s.prompt?.text == "Fix it +cost")
        _ = s.press("esc")
        #expect(s.mode == .add && s.prompt?.text == "Fix it +c")   // Esc left the cycle, not the prompt
        _ = s.press("esc")
        #expect(s.mode == .normal)
    }

    @Test func aSingleCandidateCompletesWithASpaceAndProjectsComplete() {
        var s = Self.state()
        _ = s.press("a")
        _ = s.type("Plan +rev")
        _ = s.press("tab")
        #expect(s.prompt?.text == "Plan +review ")
        _ = s.type("project:inf")
        _ = s.press("tab")
        #expect(s.prompt?.text == "Plan +review project:infra")
        #expect(s.prompt?.completions == ["project:infra", "project:infra.ci"])
        #expect(s.promptPreview?.contains("project:infra") == true)   // the live preview follows
    }

    @Test func modifyCompletesTagsToRemoveAndTheFilterCompletesToo() {
        var s = Self.state()
        _ = s.press("m")
        _ = s.type("-o")
        _ = s.press("tab")
        #expect(s.prompt?.text == "-ops ")
        _ = s.press("esc")
        _ = s.press("/")
        _ = s.type("+rev")
        _ = s.press("tab")
        #expect(s.prompt?.text == "+review ")
        #expect(s.rows.map(\.uuid) == [F.review.uuid])   // the live filter saw the completed word
    }

    @Test func annotationsAreFreeTextTabCompletesNothing() {
        var s = Self.state()
        _ = s.press("A")
        _ = s.type("see +c")
        _ = s.press("tab")
        #expect(s.prompt?.text == "see +c")
    }

    @Test func readlineKillRingAndWordMoves() {
        var s = Self.state()
        _ = s.press("a")
        _ = s.type("one two three")
        _ = s.press("alt-b", "ctrl-k")
        #expect(s.prompt?.text == "one two ")
        _ = s.press("ctrl-a", "ctrl-y")
        #expect(s.prompt?.text == "threeone two ")
        _ = s.press("alt-f", "ctrl-t")
        #expect(s.prompt?.text == "threeon etwo ")
        _ = s.press("ctrl-e", "ctrl-w", "ctrl-w", "ctrl-w")
        #expect(s.prompt?.text == "")
        _ = s.press("ctrl-y")
        #expect(s.prompt?.text == "threeon etwo ")      // consecutive kills were joined
    }

    @Test func historyIsPerPromptAndKeepsTheDraft() {
        var s = Self.state()
        _ = s.press("/")
        _ = s.type("flaky")
        _ = s.press("enter", "esc")
        _ = s.press("A")
        _ = s.type("called them")
        _ = s.press("enter")
        _ = s.press("/")
        _ = s.type("dra")
        _ = s.press("ctrl-p")                              // ↑ moves the selection in the filter
        #expect(s.prompt?.text == "flaky")
        #expect(s.rows.map(\.uuid) == [F.ci.uuid])
        _ = s.press("ctrl-n")
        #expect(s.prompt?.text == "dra")                   // back to the draft
        _ = s.press("esc", "A", "up")
        #expect(s.prompt?.text == "called them")           // annotate has its own history
    }

    @Test func bidiOverridesAndControlsNeverEnterTheLine() {
        var s = Self.state()
        _ = s.press("a")
        _ = s.type("a\u{202E}b\u{1B}c\u{2066}d\u{85}e")
        #expect(s.prompt?.text == "abcde")
    }
}
