import Testing
@testable import PicnicCore

@Suite struct PorterStemmerTests {
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("cats", "cat"), ("feed", "feed"),
        ("agreed", "agre"), ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"),
        ("conflated", "conflat"), ("hopping", "hop"), ("filing", "file"), ("happy", "happi"),
        ("relational", "relat"), ("conditional", "condit"), ("digitizer", "digit"),
        ("hopeful", "hope"), ("goodness", "good"), ("revival", "reviv"), ("adjustment", "adjust"),
        ("adoption", "adopt"), ("controll", "control"), ("running", "run"), ("runner", "runner"),
        ("flaky", "flaki"), ("generalization", "gener"), ("arm64", "arm64"), ("ci", "ci"),
    ])
    func stemsLikePorter(_ word: String, _ stem: String) {
        #expect(PorterStemmer.stem(word) == stem)
    }

    @Test func shortAndLongTokensPassThrough() {
        #expect(PorterStemmer.stem("is") == "is")
        let long = String(repeating: "ing", count: 30)
        #expect(PorterStemmer.stem(long) == long)
    }

    @Test func oddInputsNeverCrash() {
        for w in ["aed", "eed", "ied", "ies", "sss", "yyy", "ying", "ated", "bled", "izzing", "aaa", "e1s", "über"] {
            _ = PorterStemmer.stem(w)
        }
    }
}
