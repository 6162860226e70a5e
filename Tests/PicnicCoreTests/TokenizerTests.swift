import Testing
@testable import PicnicCore

@Suite struct TokenizerTests {
    @Test func splitsOnPunctuationAndFoldsCase() {
        #expect(Tokenizer.words("Fix flaky CI on arm64 (again)!") == ["fix", "flaky", "ci", "on", "arm64", "again"])
        #expect(Tokenizer.words("ci/cd: node_modules x86-64") == ["ci", "cd", "node", "modules", "x86", "64"])
    }

    @Test func removesDiacriticsAndHandlesOtherScripts() {
        #expect(Tokenizer.words("Café ÜBER naïve") == ["cafe", "uber", "naive"])
        #expect(Tokenizer.words("Привет мир") == ["привет", "мир"])
        #expect(Tokenizer.words("東京 2024") == ["東京", "2024"])
    }

    @Test func emptyAndSymbolOnlyTextHasNoWords() {
        #expect(Tokenizer.words("").isEmpty)
        #expect(Tokenizer.words("\" * ( ) ^ : - --- !!!").isEmpty)
    }

    @Test func stemsFollowThePorterStemmer() {
        #expect(Tokenizer.stems("Running runners") == ["run", "runner"])
    }
}
