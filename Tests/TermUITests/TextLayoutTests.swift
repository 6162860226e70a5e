import Testing
@testable import TermUI

@Suite struct TextLayoutTests {
    @Test func clipAddsEllipsisByWidth() {
        #expect(TextLayout.clip("Fix flaky CI on arm64", to: 10) == "Fix flaky…")
        #expect(TextLayout.clip("short", to: 10) == "short")
        #expect(TextLayout.clip("exactly10!", to: 10) == "exactly10!")
        #expect(TextLayout.clip("abc", to: 0) == "")
        #expect(TextLayout.clip("abcdef", to: 1) == "…")
    }

    @Test func clipNeverSplitsAWideCluster() {
        // 日本語 is 6 columns; in 4 columns there is room for 日 and the ellipsis only (日 + … = 3).
        #expect(TextLayout.clip("日本語", to: 4) == "日…")
        #expect(TextLayout.clip("日本語", to: 4).displayWidth <= 4)
        #expect(TextLayout.clip("👨‍👩‍👧‍👦👨‍👩‍👧‍👦", to: 3) == "👨‍👩‍👧‍👦…")
        #expect(TextLayout.prefix("ab日", width: 3) == "ab")
        #expect(TextLayout.suffix("日ab", width: 3) == "ab")
    }

    @Test func padAlignsByWidth() {
        #expect(TextLayout.pad("日本", to: 6) == "日本  ")
        #expect(TextLayout.pad("7", to: 3, align: .right) == "  7")
        #expect(TextLayout.pad("ab", to: 6, align: .center) == "  ab  ")
    }

    @Test func wrapsAtWordsByWidth() {
        #expect(TextLayout.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextLayout.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextLayout.wrap("", width: 10) == [""])
    }

    @Test func wrapBreaksLongWordsAndCJK() {
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        let lines = TextLayout.wrap("日本語のテキスト", width: 5)
        #expect(lines == ["日本", "語の", "テキ", "スト"])
        for line in lines { #expect(line.displayWidth <= 5) }
    }

    @Test func wrapKeepsStyles() {
        let line = StyledLine([Span("bold words ", .strong), Span("and tags", .tag)])
        let wrapped = TextLayout.wrap(line, width: 12)
        #expect(wrapped.map(\.plainText) == ["bold words", "and tags"])
        #expect(wrapped[1].spans == [Span("and tags", .tag)])
    }

    @Test func styledLineClipKeepsSpans() {
        let line = StyledLine([Span("Fix CI ", .normal), Span("+ops", .tag)])
        let clipped = line.clipped(to: 9)
        #expect(clipped.plainText == "Fix CI +…")
        #expect(clipped.spans.last == Span("…", .tag))
    }

    @Test func splitsByConstraints() {
        let r = Rect(width: 100, height: 10)
        let cols = r.columns([.ratio(2), .ratio(3)])
        #expect(cols.map(\.width) == [40, 60])
        #expect(cols[1].x == 40)
        let rows = r.rows([.fixed(1), .fill, .fixed(1)])
        #expect(rows.map(\.height) == [1, 8, 1])
        #expect(rows[2].y == 9)
        let gapped = Rect(width: 21, height: 1).columns([.fill, .fill], gap: 1)
        #expect(gapped.map(\.width) == [10, 10])
        #expect(gapped[1].x == 11)
    }

    @Test func splitHonoursMinimumsAndNeverOverflows() {
        let cols = Rect(width: 30, height: 5).columns([.ratio(1, min: 25), .ratio(3)])
        #expect(cols[0].width == 25)
        #expect(cols[0].width + cols[1].width == 30)
        let tight = Rect(width: 5, height: 5).columns([.fixed(4), .fixed(4)])
        #expect(tight.map(\.width).reduce(0, +) == 5)
        let pc = Rect(width: 200, height: 1).columns([.percent(40), .fill])
        #expect(pc.map(\.width) == [80, 120])
    }

    @Test func rectHelpers() {
        let r = Rect(x: 2, y: 3, width: 10, height: 6)
        #expect(r.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(r.centered(width: 4, height: 2) == Rect(x: 5, y: 5, width: 4, height: 2))
        #expect(r.inset(by: 10).isEmpty)
        #expect(r.intersection(Rect(x: 10, y: 0, width: 10, height: 4)) == Rect(x: 10, y: 3, width: 2, height: 1))
    }
}
