import Testing
@testable import TermUI

@Suite struct ScreenBufferTests {
    @Test func writesTextAndClipsAtTheEdge() {
        var b = ScreenBuffer(width: 8, height: 2)
        let n = b.write("hello world", x: 2, y: 0)
        #expect(n == 6)
        #expect(b.lines == ["  hello ", "        "])
        #expect(b.text == "  hello\n")
    }

    @Test func wideClustersTakeTwoCellsWithContinuation() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.write("日本", x: 0, y: 0)
        #expect(b[0, 0].text == "日")
        #expect(b[0, 0].width == 2)
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].text == "本")
        #expect(b.lines == ["日本  "])
    }

    @Test func wideClusterAtTheRightEdgeBecomesABlank() {
        var b = ScreenBuffer(width: 5, height: 1)
        b.write("ab日本", x: 0, y: 0)        // 本 would need columns 4-5
        #expect(b.lines == ["ab日 "])
        #expect(!b[4, 0].isContinuation)
        var c = ScreenBuffer(width: 10, height: 1)
        c.write("xx日本", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(c.lines[0].hasPrefix("xx "))
        #expect(!c[3, 0].isContinuation)
    }

    @Test func wideClusterCutByTheLeftClipEdgeBecomesABlank() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.write("日本", x: 1, y: 0, clip: Rect(x: 2, y: 0, width: 4, height: 1))
        #expect(b.lines == ["   本 "])
        #expect(!b[2, 0].isContinuation && b[3, 0].width == 2)
    }

    @Test func overwritingHalfAWideClusterBlanksTheOtherHalf() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.write("日本語", x: 0, y: 0)
        b.write("x", x: 1, y: 0)            // right half of 日
        #expect(b.lines == [" x本語"])
        b.write("y", x: 2, y: 0)            // left half of 本
        #expect(b.lines == [" xy 語"])
        b.write("ZZ", x: 3, y: 0)
        #expect(b.lines == [" xyZZ "])
        for x in 0..<6 where b[x, 0].isContinuation { #expect(b[x - 1, 0].width == 2) }
    }

    @Test func wideOverWideShiftedByOne() {
        var b = ScreenBuffer(width: 6, height: 1)
        b.write("日本語", x: 0, y: 0)
        b.write("中", x: 1, y: 0)
        #expect(b.lines == [" 中 語"])
        #expect(b[1, 0].width == 2 && b[2, 0].isContinuation && !b[3, 0].isContinuation)
    }

    @Test func controlsAndZeroWidthOrphansAreNotStored() {
        var b = ScreenBuffer(width: 10, height: 1)
        b.write("a\u{1B}[2Jb\u{202E}c\n\u{301}\u{2028}\u{9B}", x: 0, y: 0)
        #expect(b.lines == ["a[2Jbc    "])
    }

    @Test func fillAndRestyle() {
        var b = ScreenBuffer(width: 4, height: 2)
        b.write("日本", x: 0, y: 0)
        b.fill(Rect(x: 1, y: 0, width: 1, height: 1), style: .accent)
        #expect(b.lines[0] == "  本")
        b.restyle(Rect(width: 4, height: 1)) { $0.selected() }
        #expect(b[3, 0].style.selected && !b[0, 1].style.selected)
    }

    @Test func diffOfIdenticalBuffersIsEmpty() {
        var a = ScreenBuffer(width: 20, height: 5)
        a.write("same", x: 1, y: 1)
        #expect(ScreenBuffer.diff(a, a).isEmpty)
    }

    @Test func diffYieldsOnlyChangedRuns() {
        var a = ScreenBuffer(width: 20, height: 3)
        a.write("hello world", x: 0, y: 1)
        var b = a
        b.write("J", x: 0, y: 1)
        b.write("W", x: 6, y: 1)
        let runs = ScreenBuffer.diff(a, b)
        #expect(runs == [Run(x: 0, y: 1, cells: [b[0, 1]]), Run(x: 6, y: 1, cells: [b[6, 1]])])
        let merged = ScreenBuffer.diff(a, b, mergeGap: 5)
        #expect(merged.count == 1)
        #expect(merged[0].text == "Jello W")
    }

    @Test func diffWidensToWholeWideClusters() {
        var a = ScreenBuffer(width: 10, height: 1)
        a.write("ab日本", x: 0, y: 0)
        var b = a
        b.write("語", x: 4, y: 0)           // replaces 本 (cols 4-5)
        let runs = ScreenBuffer.diff(a, b)
        #expect(runs.count == 1)
        #expect(runs[0].x == 4 && runs[0].cells.count == 2 && runs[0].text == "語")
        var c = a
        c.write("x", x: 3, y: 0)            // right half of 日: lead at 2 becomes blank
        let r2 = ScreenBuffer.diff(a, c)
        #expect(r2.count == 1)
        #expect(r2[0].x == 2 && r2[0].text == " x")
        for run in r2 + runs {
            #expect(!run.cells.first!.isContinuation)
            #expect(run.cells.last!.width != 2)
        }
    }

    @Test func diffAfterResizeRedrawsEverything() {
        let a = ScreenBuffer(width: 10, height: 2)
        let b = ScreenBuffer(width: 12, height: 3)
        let runs = ScreenBuffer.diff(a, b)
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.x == 0 && $0.cells.count == 12 })
        #expect(ScreenBuffer.diff(nil, a).count == 2)
    }

    @Test func styleChangeAloneIsADiff() {
        var a = ScreenBuffer(width: 5, height: 1)
        a.write("abc", x: 0, y: 0)
        var b = a
        b.restyle(Rect(x: 1, y: 0, width: 1, height: 1)) { _ in .accent }
        #expect(ScreenBuffer.diff(a, b) == [Run(x: 1, y: 0, cells: [Cell("b", style: .accent)])])
    }
}
