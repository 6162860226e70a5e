import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic-eval semeval FILE.xml… [--predictions OUT] [--pooled] [--json]`.
struct SemEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semeval",
        abstract: "Rank SemEval-2016 Task 3 (subtask B) candidates with Picnic's matcher; print MAP, MRR, P@1.",
        discussion: """
        Each OrgQuestion is a task (subject → title, body → notes); its threads are posts (RelQuestion \
        as the question, RelComments as answers, category as space, date as created). The ranker reads \
        text and metadata only; RELQ_RANKING_ORDER only gives the search engine's baseline line. \
        Official measures: top 10, AP over the relevant positions, relevant = PerfectMatch or Relevant, \
        a question with no relevant candidate scores 0.
        """)

    @Argument(help: "SemEval-2016 Task 3 XML files (e.g. SemEval2016-Task3-CQA-QL-dev.xml).")
    var files: [String]

    @Option(name: .long, help: "Write one line per candidate: ORGQ_ID RELQ_ID 0 SCORE true|false.")
    var predictions: String?

    @Flag(name: .long, help: "Put every thread of the given files in one corpus; each question retrieves its own top 10.")
    var pooled = false

    @Flag(name: .long, help: "Print the figures as JSON.")
    var json = false

    @Option(name: .long, help: "Rank with these weights (a JSON file written by --fit) instead of the shipped ones.")
    var weights: String?

    @Option(name: .long, help: "Fit the ranker's weights on these files by logistic regression and write them here (JSON).")
    var fit: String?

    @Option(name: .long, help: "Comma-separated features to switch off (ablation), e.g. answers,votes.")
    var without: String = ""

    @Flag(name: .long, help: "Pseudo-relevance feedback: expand each query with terms of its top 3 threads, rank again.")
    var prf = false

    @Option(name: .long, help: "L2 regularisation of --fit.")
    var lambda: Double = 0.01

    @Option(name: .long, help: "Precision that strong matches must reach when calibrating the threshold.")
    var precision: Double = 0.70

    func run() throws {
        var mask = Set<Int>()
        for name in without.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let i = RankerWeights.names.firstIndex(of: name) else {
                throw ValidationError("--without \(name): features are \(RankerWeights.names.joined(separator: ", "))")
            }
            mask.insert(i)
        }
        var ranker = Ranker()
        if let weights {
            guard let data = FileManager.default.contents(atPath: weights) else { throw PicnicError.io("\(weights): cannot read") }
            do { ranker.weights = try JSONDecoder().decode(RankerWeights.self, from: data) } catch {
                throw PicnicError.data("\(weights): not a weights file written by --fit")
            }
        }
        var evaluation = SemEvalRun(files: files, pooled: pooled, ranker: ranker, without: mask, prf: prf)
        var results = try evaluation.run()

        if let fit {
            let samples = results.flatMap(\.scored)
            let manual: Set<Int> = [12, 13] // feedback: absent from the data, kept as set by hand
            let model = LogisticFit(lambda: lambda, iterations: 20_000, rate: 1.0).fit(samples.map(\.features), samples.map(\.relevant), frozen: mask.union(manual))
            var w = model.weights
            for i in manual { w[i] = RankerWeights.standard.weights[i] }
            let fitted = RankerWeights(bias: model.bias, weights: w)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try enc.encode(fitted).write(to: URL(fileURLWithPath: fit))
            Self.note("fitted weights written to \(fit): bias \(Self.f3(fitted.bias)); "
                      + zip(RankerWeights.names, fitted.weights).map { "\($0) \(Self.f3($1))" }.joined(separator: ", "))
            evaluation.ranker.weights = fitted
            results = try evaluation.run()
        }
        if let predictions { try Self.writePredictions(results, to: predictions) }
        let calibration = Calibration(results.flatMap(\.scored), threshold: evaluation.ranker.strongThreshold, precision: precision)
        if json {
            try Self.printJSON(results, calibration, pooled: pooled)
        } else {
            Self.printTable(results, calibration, pooled: pooled)
        }
    }

    static func writePredictions(_ results: [SemEvalRun.FileResult], to path: String) throws {
        var out = ""
        for s in results.flatMap(\.scored) {
            out += "\(s.question) \(s.thread) 0 \(String(format: "%.6f", s.score)) \(s.strong ? "true" : "false")\n"
        }
        do { try out.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw PicnicError.io("\(path): cannot write predictions")
        }
    }

    static func printTable(_ results: [SemEvalRun.FileResult], _ c: Calibration, pooled: Bool) {
        print("file                                        questions   MAP     MRR     P@1")
        var allOurs = RankingMetrics(), allEngine = RankingMetrics()
        for r in results {
            let name = URL(fileURLWithPath: r.file).lastPathComponent
            let o = r.ours.figures, e = r.engine.figures
            print("\(name.padding(toLength: 44, withPad: " ", startingAt: 0))\(String(r.ours.questions).leftPad(9))  \(f2(o.map))  \(f2(o.mrr))  \(f2(o.p1))  picnic\(pooled ? " (pooled)" : "")")
            print("\("".padding(toLength: 44, withPad: " ", startingAt: 0))\(String(r.engine.questions).leftPad(9))  \(f2(e.map))  \(f2(e.mrr))  \(f2(e.p1))  search engine")
            allOurs.merge(r.ours)
            allEngine.merge(r.engine)
        }
        if results.count > 1 {
            let o = allOurs.figures, e = allEngine.figures
            print("all\("".padding(toLength: 41, withPad: " ", startingAt: 0))\(String(allOurs.questions).leftPad(9))  \(f2(o.map))  \(f2(o.mrr))  \(f2(o.p1))  picnic")
            print("\("".padding(toLength: 44, withPad: " ", startingAt: 0))\(String(allEngine.questions).leftPad(9))  \(f2(e.map))  \(f2(e.mrr))  \(f2(e.p1))  search engine")
        }
        print("strong (confidence ≥ \(f3(c.threshold))): \(c.strong) of \(c.total) candidates, precision \(pct(c.precision)), "
              + "recall \(pct(c.recall)), questions with a strong match \(pct(c.questionCoverage))")
        if let t = c.calibrated {
            print("lowest threshold with precision ≥ \(pct(c.target)): \(f3(t.threshold)) (precision \(pct(t.precision)), recall \(pct(t.recall)))")
        }
    }

    static func printJSON(_ results: [SemEvalRun.FileResult], _ c: Calibration, pooled: Bool) throws {
        var files: [[String: Any]] = []
        for r in results {
            let o = r.ours.figures, e = r.engine.figures
            files.append(["file": r.file, "questions": r.ours.questions, "pooled": pooled,
                          "picnic": ["map": o.map, "mrr": o.mrr, "p1": o.p1],
                          "search_engine": ["map": e.map, "mrr": e.mrr, "p1": e.p1]])
        }
        var object: [String: Any] = ["files": files, "strong": [
            "threshold": c.threshold, "strong": c.strong, "candidates": c.total, "precision": c.precision,
            "recall": c.recall, "question_coverage": c.questionCoverage]]
        if let t = c.calibrated {
            object["calibrated"] = ["target_precision": c.target, "threshold": t.threshold, "precision": t.precision, "recall": t.recall]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    static func f2(_ x: Double) -> String { String(format: "%6.2f", x) }
    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }
    static func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
    static func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}

/// How often strong matches are relevant, and the threshold that reaches a target precision.
struct Calibration {
    var threshold: Double
    var target: Double
    var total = 0, strong = 0
    var precision = 0.0, recall = 0.0, questionCoverage = 0.0
    var calibrated: (threshold: Double, precision: Double, recall: Double)?

    init(_ scored: [SemEvalRun.Scored], threshold: Double, precision target: Double) {
        self.threshold = threshold
        self.target = target
        total = scored.count
        let relevant = scored.filter(\.relevant).count
        let strongOnes = scored.filter(\.strong)
        strong = strongOnes.count
        precision = strong > 0 ? Double(strongOnes.filter(\.relevant).count) / Double(strong) : 0
        recall = relevant > 0 ? Double(strongOnes.filter(\.relevant).count) / Double(relevant) : 0
        let questions = Set(scored.map(\.question))
        questionCoverage = questions.isEmpty ? 0 : Double(Set(strongOnes.map(\.question)).count) / Double(questions.count)
        // Walk confidences from the top; keep the lowest cut whose precision still meets the target
        // (with at least 10 strong, so one lucky match does not set it).
        let sorted = scored.sorted { $0.confidence > $1.confidence }
        var hits = 0
        for (i, s) in sorted.enumerated() {
            if s.relevant { hits += 1 }
            let n = i + 1
            let isCut = i + 1 == sorted.count || sorted[i + 1].confidence < s.confidence
            if isCut, n >= 10, Double(hits) / Double(n) >= target {
                calibrated = (s.confidence, Double(hits) / Double(n), relevant > 0 ? Double(hits) / Double(relevant) : 0)
            }
        }
    }
}

extension RankingMetrics {
    mutating func merge(_ o: RankingMetrics) {
        map += o.map; mrr += o.mrr; p1 += o.p1; questions += o.questions
    }
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
