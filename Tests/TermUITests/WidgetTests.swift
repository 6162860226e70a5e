import Testing
@testable import TermUI

@Suite struct WidgetTests {
    @Test func boxHasTitleLeftAndCountRight() {
        var b = ScreenBuffer(width: 20, height: 3)
        b.render(Box(title: "Queue", count: "7"), in: b.bounds)
        #expect(b.lines == ["┌ Queue ──────── 7 ┐",
                            "│                  │",
                            "└──────────────────┘"])
        #expect(b.lines[0].displayWidth == 20)
        #expect(b[0, 0].style == .border)
        #expect(b[2, 0].style == .title)
    }

    @Test func boxClipsALongTitleKeepsADashBeforeTheCountAndDropsTheCountWhenNarrow() {
        var b = ScreenBuffer(width: 16, height: 2)
        b.render(Box(title: "Help for “Fix flaky CI”", count: "3", focused: true), in: b.bounds)
        #expect(b.lines[0] == "┌ Help… ──── 3 ┐")
        #expect(b.lines[0].displayWidth == 16)
        #expect(b[0, 0].style == .borderFocused)
        #expect(b[2, 0].style == Style.title.with(.bold))
        var n = ScreenBuffer(width: 6, height: 2)
        n.render(Box(title: "Queue", count: "123"), in: n.bounds)
        #expect(n.lines[0] == "┌────┐")
        var t = ScreenBuffer(width: 8, height: 2)
        t.render(Box(title: "Queue", count: "123"), in: t.bounds)
        #expect(t.lines[0] == "┌ Q… ──┐")
    }

    @Test func boxKeepsTheStylesItIsGivenAndCleansHostileText() {
        var b = ScreenBuffer(width: 30, height: 2)
        b.render(Box(title: StyledLine([Span("Task "), Span("\u{202E}7\u{1B}[31m", .tag)])), in: b.bounds)
        #expect(b.lines[0].hasPrefix("┌ Task 7 ─"))
        #expect(b[2, 0].style == .title)
        #expect(b[7, 0].style == .tag)
    }
}
