import Foundation
import PicnicCore

/// The honest check: weights fitted on one split, every figure measured on the other, alone
/// (each question ranks its own 10 labelled threads) and pooled (each question retrieves from
/// every thread of both splits, as in real use).
struct CrossCheck {
    /// One direction: fitted on `fitOn`, measured on `report`.
    struct Direction {
        var fitOn: [String]
        var report: [String]
        var weights: RankerWeights
        /// The fitted files ranked with their own weights (for comparison only).
        var fitted: [SemEvalRun.FileResult]
        var fittedStrong: Calibration
        /// The reported files, each question among its own 10 threads.
        var alone: [SemEvalRun.FileResult]
        var aloneStrong: Calibration
        /// Every file pooled; only the reported files' questions count.
        var pooled: [SemEvalRun.FileResult]
        var pooledStrong: Calibration
    }

    var ranker: Ranker
    var without: Set<Int>
    var prf: Bool
    var lambda: Double
    var precision: Double

    mutating func direction(fitOn: [String], report: [String]) throws -> Direction {
        var fitRun = SemEvalRun(files: fitOn, pooled: false, ranker: ranker, without: without, prf: prf)
        let weights = SemEvalCommand.fitWeights(try fitRun.run(), lambda: lambda, frozen: without)
        var fitted = ranker
        fitted.weights = weights
        fitRun.ranker = fitted
        let own = try fitRun.run()
        let alone = try SemEvalRun(files: report, pooled: false, ranker: fitted, without: without, prf: prf).run()
        let all = try SemEvalRun(files: fitOn + report, pooled: true, ranker: fitted, without: without, prf: prf).run()
        let pooled = Array(all.suffix(report.count))
        let t = fitted.strongThreshold
        return Direction(fitOn: fitOn, report: report, weights: weights,
                         fitted: own, fittedStrong: Calibration(own, threshold: t, precision: precision),
                         alone: alone, aloneStrong: Calibration(alone, threshold: t, precision: precision),
                         pooled: pooled, pooledStrong: Calibration(pooled, threshold: t, precision: precision))
    }

    static func name(_ files: [String]) -> String {
        files.map { URL(fileURLWithPath: $0).lastPathComponent
            .replacingOccurrences(of: "SemEval2016-Task3-CQA-QL-", with: "")
            .replacingOccurrences(of: ".xml", with: "") }.joined(separator: "+")
    }

    static func merged(_ results: [SemEvalRun.FileResult]) -> RankingMetrics {
        var m = RankingMetrics()
        for r in results { m.merge(r.ours) }
        return m
    }

    static func printTable(_ directions: [Direction]) {
        let f2 = SemEvalCommand.f2, pct = SemEvalCommand.pct
        print("fitted on → reported on        MAP     MRR     P@1   strong P / R      pooled MAP  strong/q  P judged / at least  R      max  >3")
        for d in directions {
            let a = merged(d.alone).figures, p = merged(d.pooled).figures
            let s = d.aloneStrong, ps = d.pooledStrong
            let label = "\(name(d.fitOn)) → \(name(d.report))"
            print(label.padding(toLength: 28, withPad: " ", startingAt: 0)
                  + "  \(f2(a.map))  \(f2(a.mrr))  \(f2(a.p1))   \(pct(s.precision)) / \(pct(s.recall))"
                  + "   \(f2(p.map))     \(String(format: "%5.2f", ps.strongPerQuestion))    \(pct(ps.precision)) / \(pct(ps.lowerBound))"
                  + "        \(pct(ps.recall))  \(ps.maxPerQuestion)  \(ps.overThree)")
            let o = merged(d.fitted).figures
            print("  (on \(name(d.fitOn)) itself: MAP \(f2(o.map)), strong P / R \(pct(d.fittedStrong.precision)) / \(pct(d.fittedStrong.recall)); "
                  + "lowest threshold with P ≥ \(pct(d.fittedStrong.target)) there: "
                  + (d.fittedStrong.calibrated.map { SemEvalCommand.f3($0.threshold) } ?? "none") + ")")
        }
        if directions.count == 2 {
            let a = (merged(directions[0].alone).figures.map + merged(directions[1].alone).figures.map) / 2
            let p = (merged(directions[0].pooled).figures.map + merged(directions[1].pooled).figures.map) / 2
            print("mean of both directions: MAP \(f2(a)), pooled MAP \(f2(p))")
        }
    }

    static func printJSON(_ directions: [Direction]) throws {
        let list: [[String: Any]] = directions.map { d in
            let a = merged(d.alone).figures, p = merged(d.pooled).figures, o = merged(d.fitted).figures
            return ["fit_on": d.fitOn, "report": d.report,
                    "weights": ["bias": d.weights.bias, "weights": Dictionary(uniqueKeysWithValues: zip(RankerWeights.names, d.weights.weights))],
                    "fitted": ["map": o.map, "mrr": o.mrr, "p1": o.p1, "strong": d.fittedStrong.json],
                    "alone": ["map": a.map, "mrr": a.mrr, "p1": a.p1, "strong": d.aloneStrong.json],
                    "pooled": ["map": p.map, "mrr": p.mrr, "p1": p.p1, "strong": d.pooledStrong.json]]
        }
        let data = try JSONSerialization.data(withJSONObject: ["directions": list], options: [.prettyPrinted, .sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}
