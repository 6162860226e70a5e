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
        /// Whether the thread is one of the question's own labelled candidates (pooled runs also
        /// return threads of other questions, which nobody judged for this one).
        var judged: Bool
        var features: [Double]
    }

    struct FileResult {
        var file: String
        var ours = RankingMetrics()
        var engine = RankingMetrics()
        var scored: [Scored] = []
        /// Relevant threads per question (all of its labelled candidates, retrieved or not).
        var relevantCount: [String: Int] = [:]
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
        // Every file's threads share one corpus: idf over all of them. Pooled, a thread whose text
        // is already in the store (the files repeat ~20% of their threads, under other ids and
        // within and across files) is not imported again: it is one thread, judged by every
        // question that has it among its candidates, as a real community would hold it once.
        var rootOf: [String: Int64] = [:]
        var threadOf: [Int64: String] = [:]
        var byContent: [String: String] = [:] // content → the "file/id" key first holding it
        for (f, questions) in sets.enumerated() {
            var items: [PostImport] = []
            var imported: [String] = [], copies: [(String, String)] = []
            for q in questions {
                for t in q.threads {
                    let key = "\(f)/\(t.id)"
                    if pooled {
                        let content = ([t.subject, t.body] + t.comments.map(\.text)).joined(separator: "\u{1}")
                        if let first = byContent[content] { copies.append((key, first)); continue }
                        byContent[content] = key
                    }
                    imported.append(key)
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
            var comments: [String: Int] = [:]
            for q in questions { for t in q.threads { comments["\(f)/\(t.id)"] = t.comments.count } }
            for key in imported {
                rootOf[key] = ids[k]
                threadOf[ids[k]] = String(key.split(separator: "/", maxSplits: 1)[1])
                k += 1 + (comments[key] ?? 0)
            }
            for (key, first) in copies { rootOf[key] = rootOf[first] }
        }
        var results: [FileResult] = []
        for (f, questions) in sets.enumerated() {
            var result = FileResult(file: files[f])
            for q in questions {
                // Labels by root post: pooled, two labelled threads of one question may be one post
                // (relevant if either is); the thread id printed is the question's own.
                var labels: [Int64: (id: String, relevant: Bool)] = [:]
                for t in q.threads {
                    guard let root = rootOf["\(f)/\(t.id)"] else { continue }
                    if let known = labels[root] { labels[root] = (known.id, known.relevant || t.relevant) } else { labels[root] = (t.id, t.relevant) }
                }
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
                result.relevantCount[q.id] = labels.values.filter(\.relevant).count
                result.ours.add(ranked.map { $0.1.relevant })
                result.scored += ranked.map { var s = $0.1; s.question = q.id; return s }
            }
            results.append(result)
        }
        return results
    }

    private func rank(_ db: AppDatabase, query: MatchQuery, options: MatchOptions, threadOf: [Int64: String],
                      labels: [Int64: (id: String, relevant: Bool)]) throws -> [(ThreadCandidate, Scored)] {
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
            let label = labels[c.post.id]
            out.append((c, Scored(question: "", thread: label?.id ?? threadOf[c.post.id] ?? "", score: m.score, confidence: m.confidence,
                                  strong: m.strong, relevant: label?.relevant ?? false, judged: label != nil,
                                  features: v)))
        }
        // The ranker's own order: score, then newer first, then id (as Ranker.rank).
        out.sort { a, b in
            a.1.score != b.1.score ? a.1.score > b.1.score
                : (a.0.post.created != b.0.post.created ? a.0.post.created > b.0.post.created : a.0.post.id < b.0.post.id)
        }
        var top = Array(out.prefix(options.limit))
        for i in top.indices where i >= ranker.maxStrong { top[i].1.strong = false }
        return top
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
