import ArgumentParser
import Foundation
import PicnicCore
import PicnicStore

/// `picnic-eval semeval FILE.xml… [--predictions OUT] [--pooled] [--json]`, and the honest check
/// `picnic-eval semeval --fit-on A.xml --report B.xml [--both]`.
struct SemEvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semeval",
        abstract: "Rank SemEval-2016 Task 3 (subtask B) candidates with Picnic's matcher; print MAP, MRR, P@1.",
        discussion: """
        Each OrgQuestion is a task (subject → title, body → notes); its threads are posts (RelQuestion \
        as the question, RelComments as answers, category as space, date as created). The ranker reads \
        text and metadata only; RELQ_RANKING_ORDER only gives the search engine's baseline line. \
        Official measures: top 10, AP over the relevant positions, relevant = PerfectMatch or Relevant, \
        a question with no relevant candidate scores 0. With --fit-on A --report B the weights are \
        fitted on A and every figure is measured on B (questions never fitted on), alone and pooled \
        (each question retrieving from all threads of A and B); --both adds the other direction.
        """)

    @Argument(help: "SemEval-2016 Task 3 XML files (e.g. SemEval2016-Task3-CQA-QL-dev.xml).")
    var files: [String] = []

    @Option(name: .customLong("fit-on"), help: "Cross-check: fit the weights on this file (repeatable)…")
    var fitOn: [String] = []

    @Option(name: .long, help: "…and report every figure on this one (repeatable).")
    var report: [String] = []

    @Flag(name: .long, help: "Cross-check in both directions (fit on the --report files, report on the --fit-on ones, too).")
    var both = false

    @Option(name: .long, help: "Write one line per candidate: ORGQ_ID RELQ_ID 0 SCORE true|false.")
    var predictions: String?

    @Flag(name: .long, help: "Put every thread of the given files in one corpus; each question retrieves its own top 10.")
    var pooled = false

    @Flag(name: .long, help: "Print the figures as JSON.")
    var json = false

    @Option(name: .long, help: "Rank with these weights (a JSON file written by --fit) instead of the shipped ones.")
    var weights: String?

    @Option(name: .long, help: "Fit the ranker's weights on these files (with --fit-on: on those) by logistic regression and write them here (JSON).")
    var fit: String?

    @Option(name: .long, help: "Comma-separated features to switch off (ablation), e.g. answers,votes.")
    var without: String = ""

    @Flag(name: .long, help: "Pseudo-relevance feedback: expand each query with terms of its top 3 threads, rank again.")
    var prf = false

    @Option(name: .long, help: "L2 regularisation of --fit.")
    var lambda: Double = 0.01

    @Option(name: .long, help: "Strong threshold to measure instead of the shipped one.")
    var threshold: Double?

    @Option(name: .customLong("max-strong"), help: "At most this many strong threads per question (the shipped rule is Ranker.maxStrong).")
    var maxStrong: Int?

    @Option(name: .long, help: "Precision that strong matches must reach when calibrating the threshold.")
    var precision: Double = 0.75

    func validate() throws {
        if fitOn.isEmpty != report.isEmpty { throw ValidationError("--fit-on and --report go together") }
        if fitOn.isEmpty && files.isEmpty { throw ValidationError("give SemEval XML files, or --fit-on A --report B") }
        if !fitOn.isEmpty && (!files.isEmpty || pooled || predictions != nil || weights != nil) {
            throw ValidationError("--fit-on/--report take no other files, --pooled, --predictions or --weights")
        }
        if both && fitOn.isEmpty { throw ValidationError("--both needs --fit-on and --report") }
    }

    func run() throws {
        let mask = try Self.mask(without)
        var ranker = Ranker()
        if let threshold { ranker.strongThreshold = threshold }
        if let maxStrong { ranker.maxStrong = maxStrong }
        if !fitOn.isEmpty {
            var check = CrossCheck(ranker: ranker, without: mask, prf: prf, lambda: lambda, precision: precision)
            var directions = [try check.direction(fitOn: fitOn, report: report)]
            if let fit { try Self.write(directions[0].weights, to: fit) }
            if both { directions.append(try check.direction(fitOn: report, report: fitOn)) }
            if json { try CrossCheck.printJSON(directions) } else { CrossCheck.printTable(directions) }
            return
        }
        if let weights { ranker.weights = try Self.readWeights(weights) }
        var evaluation = SemEvalRun(files: files, pooled: pooled, ranker: ranker, without: mask, prf: prf)
        var results = try evaluation.run()
        if let fit {
            let fitted = Self.fitWeights(results, lambda: lambda, frozen: mask)
            try Self.write(fitted, to: fit)
            evaluation.ranker.weights = fitted
            results = try evaluation.run()
        }
        if let predictions { try Self.writePredictions(results, to: predictions) }
        let calibration = Calibration(results, threshold: evaluation.ranker.strongThreshold, precision: precision)
        if json {
            try Self.printJSON(results, calibration, pooled: pooled)
        } else {
            Self.printTable(results, calibration, pooled: pooled)
        }
    }

    static func mask(_ without: String) throws -> Set<Int> {
        var mask = Set<Int>()
        for name in without.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let i = RankerWeights.names.firstIndex(of: name) else {
                throw ValidationError("--without \(name): features are \(RankerWeights.names.joined(separator: ", "))")
            }
            mask.insert(i)
        }
        return mask
    }

    /// Logistic regression over every scored candidate; features the data lacks keep their
    /// hand-set weights (`RankerWeights.handSet`), masked ones stay 0.
    static func fitWeights(_ results: [SemEvalRun.FileResult], lambda: Double, frozen mask: Set<Int>) -> RankerWeights {
        let samples = results.flatMap(\.scored)
        let manual = RankerWeights.handSet
        let model = LogisticFit(lambda: lambda, iterations: 20_000, rate: 1.0)
            .fit(samples.map(\.features), samples.map(\.relevant), frozen: mask.union(manual))
        var w = model.weights
        for i in manual where !mask.contains(i) { w[i] = RankerWeights.standard.weights[i] }
        let fitted = RankerWeights(bias: model.bias, weights: w)
        note("fitted weights: bias \(f3(fitted.bias)); "
             + zip(RankerWeights.names, fitted.weights).map { "\($0) \(f3($1))" }.joined(separator: ", "))
        return fitted
    }

    static func readWeights(_ path: String) throws -> RankerWeights {
        guard let data = FileManager.default.contents(atPath: path) else { throw PicnicError.io("\(path): cannot read") }
        do { return try JSONDecoder().decode(RankerWeights.self, from: data) } catch {
            throw PicnicError.data("\(path): not a weights file written by --fit")
        }
    }

    static func write(_ weights: RankerWeights, to path: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        do { try enc.encode(weights).write(to: URL(fileURLWithPath: path)) } catch {
            throw PicnicError.io("\(path): cannot write the weights")
        }
        note("fitted weights written to \(path)")
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
        print(strongLine(c))
        if let t = c.calibrated {
            print("lowest threshold with precision ≥ \(pct(c.target)): \(f3(t.threshold)) (precision \(pct(t.precision)), recall \(pct(t.recall)))")
        }
    }

    /// One line on the strong matches of a run.
    static func strongLine(_ c: Calibration) -> String {
        var line = "strong (confidence ≥ \(f3(c.threshold))): \(c.strong) of \(c.total) candidates, "
        if c.judgedStrong == c.strong {
            line += "precision \(pct(c.precision)), "
        } else {
            line += "precision \(pct(c.precision)) over the \(c.judgedStrong) judged, \(pct(c.lowerBound)) at least, "
        }
        return line + "recall \(pct(c.recall)), \(String(format: "%.2f", c.strongPerQuestion)) per question (at most \(c.maxPerQuestion), "
            + "\(c.overThree) with more than 3), questions with a strong match \(pct(c.questionCoverage))"
    }

    static func printJSON(_ results: [SemEvalRun.FileResult], _ c: Calibration, pooled: Bool) throws {
        var files: [[String: Any]] = []
        for r in results {
            let o = r.ours.figures, e = r.engine.figures
            files.append(["file": r.file, "questions": r.ours.questions, "pooled": pooled,
                          "picnic": ["map": o.map, "mrr": o.mrr, "p1": o.p1],
                          "search_engine": ["map": e.map, "mrr": e.mrr, "p1": e.p1]])
        }
        let data = try JSONSerialization.data(withJSONObject: ["files": files, "strong": c.json] as [String: Any],
                                              options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }

    static func f2(_ x: Double) -> String { String(format: "%6.2f", x) }
    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }
    static func pct(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
    static func note(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
}

extension Calibration {
    /// The figures as a JSON object.
    var json: [String: Any] {
        var o: [String: Any] = [
            "threshold": threshold, "strong": strong, "candidates": total, "precision": precision,
            "judged_strong": judgedStrong, "precision_lower_bound": lowerBound, "recall": recall,
            "per_question": strongPerQuestion, "max_per_question": maxPerQuestion, "questions_over_3": overThree,
            "question_coverage": questionCoverage]
        if let t = calibrated {
            o["calibrated"] = ["target_precision": target, "threshold": t.threshold, "precision": t.precision, "recall": t.recall]
        }
        return o
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
