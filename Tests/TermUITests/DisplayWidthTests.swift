import Testing
@testable import TermUI

@Suite struct DisplayWidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect("hello, world".displayWidth == 12)
        #expect(Character("a").displayWidth == 1)
    }

    @Test func cjkAndFullwidthAreTwoColumns() {
        #expect("日本語".displayWidth == 6)
        #expect("한국어".displayWidth == 6)
        #expect("ＡＢ".displayWidth == 4)          // fullwidth Latin
        #expect("ｶﾀｶﾅ".displayWidth == 4)         // halfwidth katakana stays narrow
    }

    @Test func emojiAreTwoColumns() {
        #expect(Character("😀").displayWidth == 2)
        #expect(Character("🥲").displayWidth == 2)
        #expect(Character("👍🏽").displayWidth == 2)          // skin-tone modifier joins the base
    }

    @Test func zwjSequencesAndFlagsAreOneWideCell() {
        let family: Character = "👨‍👩‍👧‍👦"
        #expect(family.displayWidth == 2)
        #expect("👨‍👩‍👧‍👦".count == 1)
        #expect(Character("🏳️‍🌈").displayWidth == 2)
        #expect(Character("🇯🇵").displayWidth == 2)
        #expect("🇯🇵🇫🇷".displayWidth == 4)
        #expect(Character("🏴󠁧󠁢󠁳󠁣󠁴󠁿").displayWidth == 2)              // tag sequence flag
    }

    @Test func variationSelectorsChoosePresentation() {
        #expect(Character("\u{2764}").displayWidth == 1)            // ❤ text presentation
        #expect(Character("\u{2764}\u{FE0F}").displayWidth == 2)    // ❤️ emoji presentation
        #expect(Character("1\u{FE0F}\u{20E3}").displayWidth == 2)   // keycap 1️⃣
        #expect(DisplayWidth.of(Unicode.Scalar(0xFE0F)!) == 0)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect("e\u{301}".displayWidth == 1)                        // é decomposed
        #expect("a\u{300}\u{316}\u{35C}".displayWidth == 1)          // stacked marks
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect("\u{200B}".displayWidth == 0)                        // zero width space
    }

    @Test func hangulJamoComposeIntoOneWideCluster() {
        let syllable = "\u{1100}\u{1161}\u{11A8}"                    // ᄀ + ᅡ + ᆨ = 각 decomposed
        #expect(syllable.count == 1)
        #expect(syllable.displayWidth == 2)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1161)!) == 0)
    }

    @Test func rightToLeftScriptsAreNarrowWithZeroWidthPoints() {
        #expect("שלום".displayWidth == 4)
        #expect("مرحبا".displayWidth == 5)
        #expect("\u{5E9}\u{5C1}".displayWidth == 1)                  // shin with dot
        #expect("\u{628}\u{64E}".displayWidth == 1)                  // beh with fatha
    }

    @Test func controlsTakeNoColumn() {
        #expect("\u{1B}".displayWidth == 0)
        #expect("\u{9B}".displayWidth == 0)
        #expect("\t".displayWidth == 0)
    }
}
