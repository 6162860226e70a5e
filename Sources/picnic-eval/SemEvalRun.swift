import Foundation
import PicnicCore
import PicnicStore

/// One evaluation: the SemEval threads loaded as posts into a temporary store, each original
/// question matched as a task with the same matcher `picnic match` uses.
struct SemEvalRun {
    struct Scored {
        var question: String
        var thread: String
        var score: Double
        var confidence: Double
        var strong: Bool
        var relevant: Bool
        var features: [Double]
    }

    struct FileResult {
        var file: String
        var ours = RankingMetrics()
        var engine = RankingMetrics()
        var scored: [Scored] = []
    }

    var files: [String]
    var pooled: Bool
    var ranker: Ranker
    /// Feature indices forced to 0 (ablations).
    var without: Set<Int>
    /// Pseudo-relevance feedback: expand each query with terms of its top threads.
    var prf: Bool

    func run() throws -> [FileResult] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("picnic-eval-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try AppDatabase(path: dir.appendingPathComponent("semeval.sqlite").path)
        let sets = try files.map { try SemEvalReader.read($0) }
        // Every file's threads share one corpus: idf over all of them.
        var rootOf: [String: Int64] = [:]
        var threadOf: [Int64: String] = [:]
        for (f, questions) in sets.enumerated() {
            var items: [PostImport] = []
            for q in questions {
                for t in q.threads {
                    let source = "semeval:\(f)"
                    items.append(PostImport(Post(kind: .question, title: t.subject, body: t.body, author: t.user,
                                                 space: t.category, created: t.date, source: source, sourceID: t.id)))
                    for c in t.comments {
                        items.append(PostImport(Post(kind: .answer, title: "", body: c.text, author: c.user, space: t.category,
                                                     created: c.date, source: source, sourceID: c.id), parentSourceID: t.id))
                    }
                }
            }
            let ids = try db.importPosts(items).ids
            var k = 0
            for q in questions {
                for t in q.threads {
                    rootOf["\(f)/\(t.id)"] = ids[k]
                    threadOf[ids[k]] = t.id
                    k += 1 + t.comments.count
                }
            }
        }
        var results: [FileResult] = []
        for (f, questions) in sets.enumerated() {
            var result = FileResult(file: files[f])
            for q in questions {
                let labels = Dictionary(q.threads.map { ($0.id, $0.relevant) }, uniquingKeysWith: { a, _ in a })
                result.engine.add(q.threads.sorted { $0.searchRank < $1.searchRank }.map(\.relevant))
                let task = WorkTask(title: q.subject, notes: q.body)
                var options = MatchOptions(limit: 10, recordCache: false, ranker: ranker)
                if !pooled { options.within = q.threads.compactMap { rootOf["\(f)/\($0.id)"] } }
                var query = MatchQuery(task: task)
                var ranked = try rank(db, query: query, options: options, threadOf: threadOf, labels: labels)
                if prf {
                    query = Self.expand(query, with: ranked.prefix(3).map(\.0))
                    ranked = try rank(db, query: query, options: options, threadOf: threadOf, labels: labels)
                }
                result.ours.add(ranked.map { $0.1.relevant })
                result.scored += ranked.map { var s = $0.1; s.question = q.id; return s }
            }
            results.append(result)
        }
        return results
    }

    private func rank(_ db: AppDatabase, query: MatchQuery, options: MatchOptions, threadOf: [Int64: String],
                      labels: [String: Bool]) throws -> [(ThreadCandidate, Scored)] {
        let (candidates, stats) = try db.matchCandidates(query: query, taskUUID: nil, options: options)
        let now = Date(timeIntervalSince1970: 1_420_070_400) // 2015-01-01: the data's own "now"
        var out: [(ThreadCandidate, Scored)] = []
        var masked = ranker
        for i in without { masked.weights.weights[i] = 0 }
        for c in candidates {
            let f = MatchFeatures.compute(query: query, candidate: c, stats: stats, now: now)
            var v = f.vector
            for i in without { v[i] = 0 }
            let m = masked.match(c, f, query: query, stats: stats)
            let thread = threadOf[c.post.id] ?? ""
            out.append((c, Scored(question: "", thread: thread, score: m.score, confidence: m.confidence,
                                  strong: m.strong, relevant: labels[thread] ?? false, features: v)))
        }
        // The ranker's own order: score, then newer first, then id (as Ranker.rank).
        out.sort { a, b in
            a.1.score != b.1.score ? a.1.score > b.1.score
                : (a.0.post.created != b.0.post.created ? a.0.post.created > b.0.post.created : a.0.post.id < b.0.post.id)
        }
        return Array(out.prefix(options.limit))
    }

    /// Adds up to 5 terms frequent in the top threads' titles and bodies, at a low weight.
    static func expand(_ query: MatchQuery, with top: [ThreadCandidate]) -> MatchQuery {
        var have = Set(query.stems)
        var counts: [String: (word: String, n: Int)] = [:]
        for c in top {
            var seen = Set<String>()
            for w in Tokenizer.words(c.post.title + " " + c.post.body) where !Stopwords.contains(w) {
                let s = PorterStemmer.stem(w)
                guard !have.contains(s), seen.insert(s).inserted else { continue }
                counts[s, default: (w, 0)].n += 1
            }
        }
        var q = query
        for (stem, v) in counts.filter({ $0.value.n >= 2 }).sorted(by: { $0.value.n > $1.value.n }).prefix(5) {
            q.terms.append(QueryTerm(word: v.word, stem: stem, weight: 0.5, inTitle: false))
            have.insert(stem)
        }
        return q
    }
}
