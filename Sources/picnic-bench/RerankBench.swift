import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic-bench rerank --db match-100000.sqlite`: the Swift side of matching alone (query
/// building and the rerank, stage 2) on a database kept by `picnic-bench match --keep DIR`, with
/// the candidates of each task loaded once, so stage 1 neither costs nor varies. `--dump FILE`
/// writes every candidate's exact score, confidence, reason and features, to prove that a faster
/// rerank gives the same output as the one before it (compare two dumps byte for byte).
struct RerankBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerank",
        abstract: "Time the query builder and the rerank alone on a kept match-bench database.")

    @Option(help: "A database kept by `picnic-bench match --keep DIR` (DIR/match-N.sqlite).")
    var db: String

    @Option(help: "Tasks (reworded thread titles, as `picnic-bench match` writes them).")
    var queries = 200

    @Option(help: "Times each task's rerank is repeated.")
    var rounds = 10

    @Option(help: "Random seed for the tasks.")
    var seed: UInt64 = 7

    @Option(help: "Write every candidate's exact score, confidence, strong, reason, matched terms and features here.")
    var dump: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ValidationError("--db: \(db) does not exist (make it with `picnic-bench match --keep DIR`)")
        }
        let store = try AppDatabase(path: db)
        var corpus = SyntheticCorpus(seed: seed)
        var rng = SplitMix(seed: seed)
        let maxID = try store.pool.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM posts") ?? 1 }
        var tasks: [WorkTask] = []
        while tasks.count < queries {
            let id = Int64(rng.next() % UInt64(max(maxID, 1))) + 1
            guard let p = try store.post(id: id), p.parent == nil else { continue }
            tasks.append(corpus.task(from: p))
        }
        var options = MatchOptions(limit: 10)
        options.recordCache = false
        let now = Date(timeIntervalSince1970: 1_800_000_000) // fixed, so two runs' recency agree
        let ranker = options.ranker
        let loaded = try tasks.map { t -> (MatchQuery, [ThreadCandidate], CorpusStats) in
            let q = MatchQuery(task: t)
            let (c, s) = try store.matchCandidates(query: q, taskUUID: t.uuid, options: options)
            return (q, c, s)
        }

        if let dump { try write(loaded, ranker: ranker, now: now, to: dump) }

        var queryTimes: [Double] = [], rankTimes: [Double] = []
        for _ in 0..<rounds {
            for t in tasks {
                let c0 = MatchBench.cpuMS()
                _ = MatchQuery(task: t)
                queryTimes.append(MatchBench.cpuMS() - c0)
            }
            for (q, c, s) in loaded {
                let c0 = MatchBench.cpuMS()
                _ = ranker.rank(query: q, candidates: c, stats: s, limit: 10, now: now)
                rankTimes.append(MatchBench.cpuMS() - c0)
            }
        }
        // The whole path (`AppDatabase.match`) beside its parts, to see what lies outside both stages.
        var whole: [Double] = [], parts: [Double] = []
        for t in tasks {
            let c0 = MatchBench.cpuMS()
            _ = try store.match(task: t, options: options)
            whole.append(MatchBench.cpuMS() - c0)
            let c1 = MatchBench.cpuMS()
            let q = MatchQuery(task: t)
            let (c, s) = try store.matchCandidates(query: q, taskUUID: t.uuid, options: options)
            _ = ranker.rank(query: q, candidates: c, stats: s, limit: 10, now: options.now)
            parts.append(MatchBench.cpuMS() - c1)
        }
        queryTimes.sort(); rankTimes.sort(); whole.sort(); parts.sort()
        let candidates = loaded.reduce(0) { $0 + $1.1.count }
        print("tasks \(tasks.count), rounds \(rounds), candidates/task \(String(format: "%.1f", Double(candidates) / Double(max(loaded.count, 1))))")
        print("CPU ms per call        p50     p90     p99    mean")
        for (name, v) in [("query build", queryTimes), ("rerank", rankTimes), ("match (whole)", whole),
                          ("query+stage1+rerank", parts)] {
            print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + [0.5, 0.9, 0.99].map {
                String(format: "%8.3f", MatchBench.quantile(v, $0))
            }.joined() + String(format: "%8.3f", v.reduce(0, +) / Double(max(v.count, 1))))
        }
    }

    /// `text` on one line: its UTF-8 bytes with backslash, newline and non-ASCII escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for b in text.utf8 {
            if b == 0x5C || b == 0x22 || b < 0x20 || b >= 0x7F {
                out += "\\" + String(b, radix: 16) + ";"
            } else {
                out.unicodeScalars.append(Unicode.Scalar(b))
            }
        }
        return out + "\""
    }

    /// One line per candidate of every task, every float as its bit pattern.
    func write(_ loaded: [(MatchQuery, [ThreadCandidate], CorpusStats)], ranker: Ranker, now: Date,
               to path: String) throws {
        var out = ""
        for (n, (q, c, s)) in loaded.enumerated() {
            out += "task \(n) terms \(q.stems.joined(separator: ",")) labels \(q.labels.sorted().joined(separator: ","))\n"
            for m in ranker.rank(query: q, candidates: c, stats: s, limit: c.count, now: now) {
                let matched = m.matched.map { "\($0.word):\($0.fields.map(\.rawValue).joined(separator: "+"))" }
                out += "\(n) \(m.post.id) \(String(m.score.bitPattern, radix: 16)) \(String(m.confidence.bitPattern, radix: 16)) "
                    + "\(m.strong) [\(m.reason)] \(matched.joined(separator: " "))\n"
            }
            for cand in c {
                // The candidate as stage 1 fetched it (every field), so a faster fetch is checked too.
                let p = cand.post
                out += "c \(n) \(p.id) \(p.kind.rawValue) \(Self.quoted(p.title)) \(Self.quoted(p.body)) "
                    + "\(p.tags.map(Self.quoted)) \(Self.quoted(p.author)) \(Self.quoted(p.space)) "
                    + "\(String(p.created.timeIntervalSince1970.bitPattern, radix: 16)) \(p.votes) \(p.accepted) "
                    + "\(p.parent.map(String.init) ?? "-") \(p.url.map(Self.quoted) ?? "-") \(p.source.map(Self.quoted) ?? "-") "
                    + "\(p.sourceID.map(Self.quoted) ?? "-") \(cand.answerCount) \(cand.hasAccepted) "
                    + "\(cand.helpfulHere) \(cand.helpfulSimilar.bitPattern) \(Self.quoted(cand.answersText))\n"
                let f = MatchFeatures.compute(query: q, candidate: cand, stats: s, now: now)
                out += "f \(n) \(cand.post.id) " + f.vector.map { String($0.bitPattern, radix: 16) }.joined(separator: " ") + "\n"
            }
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(out.utf8)) else {
            throw ValidationError("--dump: cannot write \(path)")
        }
    }
}
