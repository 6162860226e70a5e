import Foundation
import Testing
@testable import TermUI

private func editor(_ text: String, cursor: Int? = nil, history: [String] = [],
                    completer: LineEditor.CompletionProvider? = nil) -> LineEditor {
    var e = LineEditor(text: text, history: history, completer: completer)
    if let cursor {
        e.handle(.home)
        for _ in 0..<cursor { e.handle(.right) }
    }
    return e
}

private func type(_ e: inout LineEditor, _ inputs: LineEditor.Input...) {
    for i in inputs { e.handle(i) }
}

@Suite struct LineEditorMotionTests {
    @Test func insertsAtCursorAndMovesWithReadlineKeys() {
        var e = LineEditor()
        type(&e, .text("world"), .ctrl("a"), .text("hello "))
        #expect(e.text == "hello world")
        #expect(e.cursor == 6)
        type(&e, .ctrl("e"))
        #expect(e.cursor == 11)
        type(&e, .ctrl("b"), .ctrl("b"), .left)
        #expect(e.cursor == 8)
        type(&e, .ctrl("f"), .right)
        #expect(e.cursor == 10)
        type(&e, .home)
        #expect(e.cursor == 0)
        type(&e, .left)
        #expect(e.cursor == 0)
        type(&e, .end, .right)
        #expect(e.cursor == 11)
    }

    @Test func altBAndAltFMoveByAlphanumericWords() {
        var e = editor("fix ci +arm64 project:infra")
        type(&e, .alt("b"))
        #expect(e.cursor == 22) // start of "infra"
        type(&e, .alt("b"))
        #expect(e.cursor == 14) // start of "project"
        type(&e, .alt("b"))
        #expect(e.cursor == 8)  // start of "arm64", skipping "+"
        type(&e, .alt("f"))
        #expect(e.cursor == 13)
        type(&e, .home, .alt("f"))
        #expect(e.cursor == 3)
    }

    @Test func cursorCountsGraphemeClusters() {
        // A family emoji (ZWJ sequence), a flag, CJK and an e with a combining accent.
        var e = LineEditor(text: "a👨‍👩‍👧🇯🇵漢e\u{301}")
        #expect(e.cursor == 5)
        type(&e, .backspace)
        #expect(e.text == "a👨‍👩‍👧🇯🇵漢")
        type(&e, .left, .left, .backspace)
        #expect(e.text == "a🇯🇵漢")
        #expect(e.cursor == 1)
        type(&e, .delete)
        #expect(e.text == "a漢")
    }

    @Test func aCombiningMarkTypedAloneJoinsThePreviousCluster() {
        var e = LineEditor(text: "cafe")
        type(&e, .text("\u{301}"))
        #expect(e.text == "café")
        #expect(e.cursor == 4)
        type(&e, .text("!"))
        #expect(e.text == "café!")
    }

    @Test func controlCharactersInPastedTextAreDropped() {
        var e = LineEditor()
        type(&e, .text("one\ntwo\u{1b}[31m\tthree"))
        #expect(e.text == "onetwo[31mthree")
    }

    @Test func ctrlTTransposes() {
        var e = editor("ab")
        type(&e, .ctrl("t"))
        #expect(e.text == "ba")
        var f = editor("abc", cursor: 1)
        type(&f, .ctrl("t"))
        #expect(f.text == "bac")
        #expect(f.cursor == 2)
    }
}

@Suite struct LineEditorDeletionTests {
    @Test func backspaceCtrlHDeleteAndCtrlD() {
        var e = editor("abcd", cursor: 2)
        type(&e, .backspace)
        #expect(e.text == "acd")
        type(&e, .ctrl("h"))
        #expect(e.text == "cd")
        #expect(e.cursor == 0)
        type(&e, .backspace)
        #expect(e.text == "cd")
        type(&e, .delete)
        #expect(e.text == "d")
        #expect(e.handle(.ctrl("d")) == .handled)
        #expect(e.text == "")
        #expect(e.handle(.ctrl("d")) == .endOfInput)
    }

    @Test func ctrlDAtEndOfNonEmptyLineDoesNothing() {
        var e = editor("abc")
        #expect(e.handle(.ctrl("d")) == .handled)
        #expect(e.text == "abc")
    }

    @Test func ctrlWKillsBackToWhitespaceAndCtrlYYanks() {
        var e = editor("fix ci project:infra  ")
        type(&e, .ctrl("w"))
        #expect(e.text == "fix ci ")
        #expect(e.killBuffer == "project:infra  ")
        type(&e, .ctrl("a"), .ctrl("y"))
        #expect(e.text == "project:infra  fix ci ")
        #expect(e.cursor == 15)
    }

    @Test func consecutiveKillsAccumulate() {
        var e = editor("one two three")
        type(&e, .ctrl("w"), .ctrl("w"))
        #expect(e.text == "one ")
        #expect(e.killBuffer == "two three")
        type(&e, .text("x"), .ctrl("w"))
        #expect(e.killBuffer == "x")
    }

    @Test func ctrlUAndCtrlKKillEitherSideOfCursor() {
        var e = editor("hello world", cursor: 5)
        type(&e, .ctrl("k"))
        #expect(e.text == "hello")
        #expect(e.killBuffer == " world")
        var f = editor("hello world", cursor: 6)
        type(&f, .ctrl("u"))
        #expect(f.text == "world")
        #expect(f.cursor == 0)
        #expect(f.killBuffer == "hello ")
        type(&f, .ctrl("e"), .ctrl("y"))
        #expect(f.text == "worldhello ")
    }

    @Test func altDKillsTheNextWord() {
        var e = editor("fix flaky ci", cursor: 3)
        type(&e, .alt("d"))
        #expect(e.text == "fix ci")
        #expect(e.killBuffer == " flaky")
    }

    @Test func unknownKeysAreLeftToTheCaller() {
        var e = editor("x")
        #expect(e.handle(.ctrl("g")) == .ignored)
        #expect(e.handle(.alt("z")) == .ignored)
        #expect(e.text == "x")
    }
}

@Suite struct LineEditorHistoryTests {
    @Test func upAndDownBrowseHistoryKeepingTheDraft() {
        var e = LineEditor(history: ["first", "second"])
        type(&e, .text("draft"))
        type(&e, .up)
        #expect(e.text == "second")
        #expect(e.cursor == 6)
        type(&e, .ctrl("p"))
        #expect(e.text == "first")
        type(&e, .up)
        #expect(e.text == "first")
        type(&e, .down)
        #expect(e.text == "second")
        type(&e, .ctrl("n"))
        #expect(e.text == "draft")
        type(&e, .down)
        #expect(e.text == "draft")
    }

    @Test func commitRecordsSkippingBlanksAndRepeats() {
        var e = LineEditor(history: ["a"], historyLimit: 3)
        type(&e, .text("b"))
        #expect(e.commit() == "b")
        #expect(e.text == "")
        type(&e, .text("b"))
        e.commit()
        type(&e, .text("   "))
        e.commit()
        type(&e, .text("c"))
        e.commit()
        type(&e, .text("d"))
        e.commit()
        #expect(e.history == ["b", "c", "d"])
        type(&e, .up)
        #expect(e.text == "d")
    }
}

@Suite struct LineEditorCompletionTests {
    static let words: LineEditor.CompletionProvider = { word in
        let all = ["+tag", "+tally", "+ops", "project:infra", "project:inbox"]
        return all.filter { $0.hasPrefix(word) && !word.isEmpty }
    }

    @Test func aSingleCandidateCompletesWithASpace() {
        var e = LineEditor(text: "Fix CI +op", completer: Self.words)
        type(&e, .tab)
        #expect(e.text == "Fix CI +ops ")
        #expect(e.completion == nil)
    }

    @Test func tabCyclesThroughCandidatesAndShiftTabGoesBack() {
        var e = LineEditor(text: "Fix +ta", completer: Self.words)
        type(&e, .tab)
        #expect(e.text == "Fix +tag")
        #expect(e.completion?.candidates == ["+tag", "+tally"])
        type(&e, .tab)
        #expect(e.text == "Fix +tally")
        type(&e, .tab)
        #expect(e.text == "Fix +tag")
        type(&e, .backTab)
        #expect(e.text == "Fix +tally")
        type(&e, .text(" "))
        #expect(e.completion == nil)
        #expect(e.text == "Fix +tally ")
    }

    @Test func completesInTheMiddleOfTheLine() {
        var e = LineEditor(text: "Fix project:inf due:fri", completer: Self.words)
        type(&e, .ctrl("e"))
        for _ in 0..<8 { type(&e, .left) }
        #expect(e.cursor == 15)
        type(&e, .tab)
        #expect(e.text == "Fix project:infra due:fri")
        #expect(e.cursor == 17)
    }

    @Test func cancelRestoresTheTypedWord() {
        var e = LineEditor(text: "x project:in", completer: Self.words)
        type(&e, .tab, .tab)
        #expect(e.text == "x project:inbox")
        let cancelled = e.cancelCompletion()
        #expect(cancelled)
        #expect(e.text == "x project:in")
        let again = e.cancelCompletion()
        #expect(!again)
    }

    @Test func noCandidatesOrNoCompleterLeavesTheLine() {
        var e = LineEditor(text: "x +zz", completer: Self.words)
        #expect(e.handle(.tab) == .handled)
        #expect(e.text == "x +zz")
        var f = LineEditor(text: "x")
        #expect(f.handle(.tab) == .ignored)
    }
}

@Suite struct LineEditorKeyTests {
    @Test func decodedKeysDriveTheEditor() {
        var e = LineEditor()
        for k: Key in [.char("b"), .char("漢"), .home, .char("a"), .ctrl("e"), .backspace, .alt("b")] {
            e.handleKey(k)
        }
        #expect(e.text == "ab")
        #expect(e.cursor == 0)
        #expect(e.handleKey(.enter) == .ignored)
        #expect(e.handleKey(.escape) == .ignored)
        #expect(e.handleKey(.function(5)) == .ignored)
    }
}
