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
    }

    @Test func boxClipsALongTitleAndDropsTheCountWhenNarrow() {
        var b = ScreenBuffer(width: 16, height: 2)
        b.render(Box(title: "Help for “Fix flaky CI”", count: "3", focused: true), in: b.bounds)
        #expect(b.lines[0] == "┌ Help fo… ─ 3 ┐")
        #expect(b.lines[0].displayWidth == 16)
        #expect(b.lines[0].contains("…"))
        #expect(b[0, 0].style == .borderFocused)
        var n = ScreenBuffer(width: 6, height: 2)
        n.render(Box(title: "Queue", count: "123"), in: n.bounds)
        #expect(n.lines[0] == "┌ Q… ┐")
    }

    @Test func listViewSelectsAndScrolls() {
        let items = (0..<10).map { ListItem(StyledLine("task \($0)"), right: StyledLine("\($0)d", .due)) }
        var b = ScreenBuffer(width: 12, height: 3)
        b.render(ListView(items: items, selected: 5, offset: 0), in: b.bounds)
        #expect(b.lines == ["task 3    3d", "task 4    4d", "task 5    5d"])
        #expect(b[0, 2].style.selected && b[11, 2].style.selected)
        #expect(b[11, 2].style.role == .due)
        #expect(!b[0, 1].style.selected)
    }

    @Test func listViewScrollOffsetMovesMinimally() {
        #expect(ListView.scrollOffset(selected: 5, offset: 0, visible: 3, count: 10) == 3)
        #expect(ListView.scrollOffset(selected: 4, offset: 3, visible: 3, count: 10) == 3)
        #expect(ListView.scrollOffset(selected: 1, offset: 3, visible: 3, count: 10) == 1)
        #expect(ListView.scrollOffset(selected: 9, offset: 0, visible: 3, count: 10, margin: 1) == 7)
        #expect(ListView.scrollOffset(selected: 2, offset: 5, visible: 3, count: 4) == 1)
        #expect(ListView.scrollOffset(selected: 0, offset: 5, visible: 10, count: 4) == 0)
    }

    @Test func listViewClipsLeftBeforeRightAndShowsEmptyText() {
        let items = [ListItem(StyledLine("Review the payments pull request"), right: StyledLine("+review", .tag))]
        var b = ScreenBuffer(width: 20, height: 2)
        b.render(ListView(items: items, selected: nil, offset: 0), in: b.bounds)
        #expect(b.lines[0] == "Review the…  +review")
        var e = ScreenBuffer(width: 20, height: 1)
        e.render(ListView(items: [], selected: nil, offset: 0, emptyText: StyledLine("Nothing here", .dim)), in: e.bounds)
        #expect(e.text == "Nothing here")
    }

    @Test func textViewWrapsAndScrolls() {
        let view = TextView(paragraphs: [StyledLine("one two three four five six")], width: 9, offset: 1)
        #expect(view.lines.map(\.plainText) == ["one two", "three", "four five", "six"])
        #expect(view.maxOffset(height: 2) == 2)
        var b = ScreenBuffer(width: 9, height: 2)
        b.render(view, in: b.bounds)
        #expect(b.text == "three\nfour five")
        var c = ScreenBuffer(width: 9, height: 2)
        c.render(TextView(wrapped: view.lines, offset: 99), in: c.bounds)
        #expect(c.text == "four five\nsix")
    }

    @Test func statusBarShowsHintsThatFitAndCountsRight() {
        var b = ScreenBuffer(width: 42, height: 1)
        let hints = [KeyHint("a", "add"), KeyHint("d", "done"), KeyHint("/", "filter"), KeyHint("?", "keys")]
        b.render(StatusBar(hints: hints, right: StyledLine("2 due · 3 helps")), in: b.bounds)
        #expect(b.lines[0] == " a add  d done  / filter  2 due · 3 helps ")
        #expect(b[1, 0].style == .keyHint)
        #expect(b[3, 0].style == .statusBar)
        #expect(b[41, 0].style == .statusBar)
        var narrow = ScreenBuffer(width: 30, height: 1)
        narrow.render(StatusBar(hints: hints, right: StyledLine("2 due · 3 helps")), in: narrow.bounds)
        #expect(narrow.lines[0] == " a add        2 due · 3 helps ")
    }

    @Test func modalIsCentredAndReturnsItsInside() {
        var b = ScreenBuffer(width: 20, height: 7)
        b.write(String(repeating: "x", count: 20), x: 0, y: 3)
        let inner = Modal.render(in: b.bounds, width: 10, height: 3, title: "Keys", into: &b)
        #expect(inner == Rect(x: 6, y: 3, width: 8, height: 1))
        #expect(b.lines[2] == "     ┌ Keys ──┐     ")
        #expect(b.lines[3] == "xxxxx│        │xxxxx")
        let huge = Modal.frame(in: b.bounds, width: 100, height: 100)
        #expect(huge == Rect(x: 1, y: 1, width: 18, height: 5))
    }

    @Test func inputFieldScrollsToKeepTheCursorVisible() {
        var b = ScreenBuffer(width: 10, height: 1)
        b.render(InputField(prompt: "> ", text: "hello", cursor: 5), in: b.bounds)
        #expect(b.text == "> hello")
        #expect(b.cursor == Point(x: 7, y: 0))
        var c = ScreenBuffer(width: 10, height: 1)
        c.render(InputField(prompt: "> ", text: "abcdefghijklmnop", cursor: 16), in: c.bounds)
        #expect(c.text == "> jklmnop")
        #expect(c.cursor == Point(x: 9, y: 0))
        var d = ScreenBuffer(width: 10, height: 1)
        d.render(InputField(prompt: "> ", text: "日本語日本語", cursor: 0), in: d.bounds)
        #expect(d.text == "> 日本語日")
        #expect(d.cursor == Point(x: 2, y: 0))
        let v = InputField.viewport(text: "日本語日本語", cursor: 5, width: 5)
        #expect(v.visible.displayWidth <= 5)
        #expect(v.visible.hasSuffix("語"))
    }

    @Test func inputFieldShowsPlaceholderWhenEmpty() {
        var b = ScreenBuffer(width: 20, height: 1)
        b.render(InputField(prompt: "add: ", text: "", cursor: 0, placeholder: "Fix CI +ci due:fri"), in: b.bounds)
        #expect(b.text == "add: Fix CI +ci due…")
        #expect(b[5, 0].style == .dim)
        #expect(b.cursor == Point(x: 5, y: 0))
    }
}
