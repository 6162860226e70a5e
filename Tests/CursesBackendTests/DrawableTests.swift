import Foundation
import Glibc
import Testing
@testable import CursesBackend

@Suite struct DrawableTests {
    init() { setlocale(LC_CTYPE, "C.UTF-8") }

    func parts(_ text: String, _ width: Int) -> [String] {
        Terminal.drawable(text, width: width).map { "\($0.0):\($0.1)" }
    }

    @Test func plainClustersPassThrough() {
        #expect(parts("a", 1) == ["a:1"])
        #expect(parts("日", 2) == ["日:2"])
        #expect(parts("e\u{301}", 1) == ["e\u{301}:1"])
    }

    @Test func longZWJSequencesFallBackToTheirFirstScalar() {
        #expect(parts("👨‍👩‍👧‍👦", 2) == ["👨:2"])
    }

    @Test func clustersTheLibraryCountsNarrowerArePadded() {
        // U+2764 is narrow for the C library; with VS16 we count 2: drawn narrow, padded by one.
        #expect(parts("\u{2764}\u{FE0F}", 2) == ["\u{2764}:1"])
    }

    @Test func flagsGoAsTwoCellsTheTerminalMayJoin() {
        #expect(parts("🇯🇵", 2) == ["🇯:1", "🇵:1"])
    }
}
