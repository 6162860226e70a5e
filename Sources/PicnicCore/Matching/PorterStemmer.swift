/// The Porter (1980) stemmer, written to agree with SQLite FTS5's `porter` tokenizer byte for byte,
/// so that terms we stem in Swift can be looked up in the FTS5 vocabulary.
///
/// Works on lowercased UTF-8 bytes. Tokens shorter than 3 or longer than 64 bytes pass through,
/// as in FTS5. Non-ASCII bytes count as consonants (FTS5 does the same).
public enum PorterStemmer {
    /// The stem of one lowercased token.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count >= 3, bytes.count <= 64 else { return word }
        stem(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Stems lowercased UTF-8 bytes in place.
    public static func stem(_ b: inout [UInt8]) {
        guard b.count >= 3, b.count <= 64 else { return }
        step1a(&b)
        if step1b(&b) {
            if !step1b2(&b), b.count >= 2 {
                let c = b[b.count - 1]
                if !isVowel(c, yIsVowel: false), c != ch("l"), c != ch("s"), c != ch("z"), c == b[b.count - 2] {
                    b.removeLast()
                } else if mEq1(b, b.count), oStar(b, b.count) {
                    b.append(ch("e"))
                }
            }
        }
        if b.count >= 1, b[b.count - 1] == ch("y"), hasVowel(b, b.count - 1) {
            b[b.count - 1] = ch("i")
        }
        apply(&b, step2Rules)
        apply(&b, step3Rules)
        apply(&b, step4Rules)
        if let last = b.last, last == ch("e") {
            let n = b.count - 1
            if mGt1(b, n) || (mEq1(b, n) && !oStar(b, n)) { b.removeLast() }
        }
        if b.count > 1, b[b.count - 1] == ch("l"), b[b.count - 2] == ch("l"), mGt1(b, b.count - 1) {
            b.removeLast()
        }
    }

    // MARK: - Rules

    private enum Condition { case none, mGt0, mGt1, mGt1ST, vowel }

    private struct Rule {
        let suffix: [UInt8]
        let replacement: [UInt8]
        let condition: Condition
        init(_ s: String, _ r: String, _ c: Condition) {
            suffix = Array(s.utf8); replacement = Array(r.utf8); condition = c
        }
    }

    /// Rules grouped by the suffix's next-to-last letter; within a group the first suffix that
    /// matches decides (its condition failing means no change), as in FTS5.
    private typealias RuleTable = [UInt8: [Rule]]

    private static func table(_ rules: [Rule]) -> RuleTable {
        var t: RuleTable = [:]
        for r in rules { t[r.suffix[r.suffix.count - 2], default: []].append(r) }
        return t
    }

    private static let step2Rules = table([
        Rule("ational", "ate", .mGt0), Rule("tional", "tion", .mGt0),
        Rule("enci", "ence", .mGt0), Rule("anci", "ance", .mGt0),
        Rule("izer", "ize", .mGt0), Rule("logi", "log", .mGt0),
        Rule("bli", "ble", .mGt0), Rule("alli", "al", .mGt0), Rule("entli", "ent", .mGt0),
        Rule("eli", "e", .mGt0), Rule("ousli", "ous", .mGt0),
        Rule("ization", "ize", .mGt0), Rule("ation", "ate", .mGt0), Rule("ator", "ate", .mGt0),
        Rule("alism", "al", .mGt0), Rule("iveness", "ive", .mGt0), Rule("fulness", "ful", .mGt0),
        Rule("ousness", "ous", .mGt0),
        Rule("aliti", "al", .mGt0), Rule("iviti", "ive", .mGt0), Rule("biliti", "ble", .mGt0),
    ])

    private static let step3Rules = table([
        Rule("ical", "ic", .mGt0), Rule("ness", "", .mGt0),
        Rule("icate", "ic", .mGt0), Rule("iciti", "ic", .mGt0),
        Rule("ful", "", .mGt0), Rule("ative", "", .mGt0), Rule("alize", "al", .mGt0),
    ])

    private static let step4Rules = table([
        Rule("al", "", .mGt1), Rule("ance", "", .mGt1), Rule("ence", "", .mGt1),
        Rule("er", "", .mGt1), Rule("ic", "", .mGt1), Rule("able", "", .mGt1), Rule("ible", "", .mGt1),
        Rule("ant", "", .mGt1), Rule("ement", "", .mGt1), Rule("ment", "", .mGt1), Rule("ent", "", .mGt1),
        Rule("ion", "", .mGt1ST), Rule("ou", "", .mGt1),
        Rule("ism", "", .mGt1), Rule("ate", "", .mGt1), Rule("iti", "", .mGt1),
        Rule("ous", "", .mGt1), Rule("ive", "", .mGt1), Rule("ize", "", .mGt1),
    ])

    private static let step1bRules = table([
        Rule("eed", "ee", .mGt0), Rule("ed", "", .vowel), Rule("ing", "", .vowel),
    ])

    private static let step1b2Rules = table([
        Rule("at", "ate", .none), Rule("bl", "ble", .none), Rule("iz", "ize", .none),
    ])

    /// Applies the first matching rule of the group; returns whether a rewrite happened.
    @discardableResult
    private static func apply(_ b: inout [UInt8], _ rules: RuleTable) -> Bool {
        guard b.count >= 2, let group = rules[b[b.count - 2]] else { return false }
        for rule in group where b.count > rule.suffix.count && b.ends(with: rule.suffix) {
            let stemLength = b.count - rule.suffix.count
            let ok: Bool
            switch rule.condition {
            case .none: ok = true
            case .mGt0: ok = mGt0(b, stemLength)
            case .mGt1: ok = mGt1(b, stemLength)
            case .mGt1ST:
                let last = b[stemLength - 1]
                ok = (last == ch("s") || last == ch("t")) && mGt1(b, stemLength)
            case .vowel: ok = hasVowel(b, stemLength)
            }
            if ok {
                b.removeLast(rule.suffix.count)
                b.append(contentsOf: rule.replacement)
            }
            return ok
        }
        return false
    }

    private static func step1a(_ b: inout [UInt8]) {
        let n = b.count
        guard n >= 2, b[n - 1] == ch("s") else { return }
        if b[n - 2] == ch("e") {
            if (n > 4 && b[n - 4] == ch("s") && b[n - 3] == ch("s")) || (n > 3 && b[n - 3] == ch("i")) {
                b.removeLast(2)
            } else {
                b.removeLast()
            }
        } else if b[n - 2] != ch("s") {
            b.removeLast()
        }
    }

    /// Step 1b: returns true when "ed" or "ing" was removed (then step 1b2 runs).
    private static func step1b(_ b: inout [UInt8]) -> Bool {
        guard b.count >= 2, let group = step1bRules[b[b.count - 2]] else { return false }
        for rule in group where b.count > rule.suffix.count && b.ends(with: rule.suffix) {
            let stemLength = b.count - rule.suffix.count
            if rule.condition == .mGt0 {
                if mGt0(b, stemLength) { b.removeLast(1) }
                return false
            }
            if hasVowel(b, stemLength) {
                b.removeLast(rule.suffix.count)
                return true
            }
            return false
        }
        return false
    }

    private static func step1b2(_ b: inout [UInt8]) -> Bool { apply(&b, step1b2Rules) }

    // MARK: - Measures

    @inline(__always) private static func ch(_ s: Unicode.Scalar) -> UInt8 { UInt8(s.value) }

    @inline(__always) private static func isVowel(_ c: UInt8, yIsVowel: Bool) -> Bool {
        c == 97 || c == 101 || c == 105 || c == 111 || c == 117 || (yIsVowel && c == 121)
    }

    /// Length of the shortest prefix holding one vowel run followed by a consonant (0 if none).
    private static func gobbleVC(_ b: [UInt8], _ start: Int, _ end: Int, prevConsonant: Bool) -> Int {
        var cons = prevConsonant
        var i = start
        while i < end {
            cons = !isVowel(b[i], yIsVowel: cons)
            if !cons { break }
            i += 1
        }
        i += 1
        while i < end {
            cons = !isVowel(b[i], yIsVowel: cons)
            if cons { return i + 1 - start }
            i += 1
        }
        return 0
    }

    private static func mGt0(_ b: [UInt8], _ n: Int) -> Bool { gobbleVC(b, 0, n, prevConsonant: false) > 0 }

    private static func mGt1(_ b: [UInt8], _ n: Int) -> Bool {
        let k = gobbleVC(b, 0, n, prevConsonant: false)
        return k > 0 && gobbleVC(b, k, n, prevConsonant: true) > 0
    }

    private static func mEq1(_ b: [UInt8], _ n: Int) -> Bool {
        let k = gobbleVC(b, 0, n, prevConsonant: false)
        return k > 0 && gobbleVC(b, k, n, prevConsonant: true) == 0
    }

    /// *o: the stem ends consonant-vowel-consonant, the last not w, x or y.
    private static func oStar(_ b: [UInt8], _ n: Int) -> Bool {
        guard n > 0 else { return false }
        let last = b[n - 1]
        if last == ch("w") || last == ch("x") || last == ch("y") { return false }
        var mask = 0
        var cons = false
        for i in 0..<n {
            cons = !isVowel(b[i], yIsVowel: cons)
            mask = (mask << 1) + (cons ? 1 : 0)
        }
        return (mask & 7) == 5
    }

    /// *v*: the stem holds a vowel (y counts after the first letter).
    private static func hasVowel(_ b: [UInt8], _ n: Int) -> Bool {
        for i in 0..<max(0, n) where isVowel(b[i], yIsVowel: i > 0) { return true }
        return false
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        var i = count - suffix.count
        for c in suffix {
            if self[i] != c { return false }
            i += 1
        }
        return true
    }
}
