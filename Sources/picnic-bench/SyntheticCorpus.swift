import Foundation
import PicnicCore
import PicnicStore

/// Synthetic community threads with a Zipf vocabulary and real thread shapes: questions with
/// 0…n answers, tags, votes, accepted answers, dates over three years. Deterministic per seed.
struct SyntheticCorpus {
    var rng: SplitMix
    let vocabulary: [String]
    let tagNames: [String]
    let wordCDF: [Double]
    let tagCDF: [Double]

    init(seed: UInt64, vocabularySize: Int = 50_000, tags: Int = 800) {
        rng = SplitMix(seed: seed)
        var words = Set<String>()
        var ordered: [String] = []
        let onsets = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "pl", "gr"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou"]
        var gen = SplitMix(seed: seed ^ 0xABCDEF)
        while ordered.count < vocabularySize + tags {
            let syllables = 2 + Int(gen.next() % 3)
            var w = ""
            for _ in 0..<syllables {
                w += onsets[Int(gen.next() % UInt64(onsets.count))] + vowels[Int(gen.next() % UInt64(vowels.count))]
            }
            if gen.next() % 3 == 0 { w += ["n", "r", "s", "x", "k"][Int(gen.next() % 5)] }
            if !Stopwords.contains(w), words.insert(w).inserted { ordered.append(w) }
        }
        vocabulary = Array(ordered.prefix(vocabularySize))
        tagNames = Array(ordered.suffix(tags))
        wordCDF = Self.zipf(vocabularySize, s: 1.07)
        tagCDF = Self.zipf(tags, s: 1.0)
    }

    /// Cumulative Zipf probabilities for ranks 1…n.
    static func zipf(_ n: Int, s: Double) -> [Double] {
        var cdf = [Double](repeating: 0, count: n)
        var total = 0.0
        for k in 0..<n {
            total += 1 / pow(Double(k + 1), s)
            cdf[k] = total
        }
        return cdf.map { $0 / total }
    }

    mutating func pick(_ cdf: [Double]) -> Int {
        let u = Double(rng.next() >> 11) / Double(1 << 53)
        var lo = 0, hi = cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    mutating func word() -> String { vocabulary[pick(wordCDF)] }

    mutating func text(_ n: Int) -> String {
        var out = ""
        out.reserveCapacity(n * 8)
        for i in 0..<n {
            if i > 0 { out += i % 12 == 0 ? ". " : " " }
            out += word()
        }
        return out
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    /// Answers per question: 25% none, then a long tail (mean ≈ 1.8).
    mutating func answerCount() -> Int {
        if rng.next() % 4 == 0 { return 0 }
        var n = 1
        while n < 30, rng.next() % 100 < 45 { n += 1 }
        return n
    }

    /// The next batch of posts (questions followed by their answers), about `posts` long.
    mutating func batch(posts: Int, startingAt serial: inout Int) -> [PostImport] {
        var out: [PostImport] = []
        out.reserveCapacity(posts + 32)
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        while out.count < posts {
            serial += 1
            let qid = "q\(serial)"
            let created = start.addingTimeInterval(Double(int(0...(3 * 365 * 86_400))))
            let tags = (0..<int(1...3)).map { _ in tagNames[pick(tagCDF)] }
            let answers = answerCount()
            let votes = Int(pow(Double(int(0...1000)) / 1000, 4) * 200) - 2
            out.append(PostImport(Post(kind: .question, title: text(int(4...10)), body: text(int(20...90)),
                                       tags: tags, author: "u\(int(1...5000))", space: "space\(int(1...40))",
                                       created: created, votes: votes, source: "bench", sourceID: qid)))
            let acceptedIndex = answers > 0 && rng.next() % 2 == 0 ? int(0...(answers - 1)) : -1
            for a in 0..<answers {
                serial += 1
                out.append(PostImport(Post(kind: .answer, title: "", body: text(int(15...70)), author: "u\(int(1...5000))",
                                           created: created.addingTimeInterval(Double(int(60...864_000))),
                                           votes: int(-1...20), accepted: a == acceptedIndex,
                                           source: "bench", sourceID: "a\(serial)"), parentSourceID: qid))
            }
        }
        return out
    }

    /// A realistic task: a few words of an existing thread's title (often reworded with other
    /// common and rare words), sometimes notes — the way people title their own work.
    mutating func task(from post: Post) -> WorkTask {
        var words = Tokenizer.words(post.title).shuffledPrefix(int(2...4), &rng)
        for _ in 0..<int(0...3) { words.append(word()) }
        let filler = ["fix", "the", "on", "for", "update", "check", "why", "is"]
        words.insert(filler[int(0...(filler.count - 1))], at: 0)
        let notes = rng.next() % 3 == 0 ? text(int(5...25)) : ""
        return WorkTask(title: words.joined(separator: " "), notes: notes)
    }
}

extension Array {
    func shuffledPrefix(_ n: Int, _ rng: inout SplitMix) -> [Element] {
        var a = self
        guard a.count > 1 else { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, Int(rng.next() % UInt64(i + 1)))
        }
        return Array(a.prefix(n))
    }
}
