/// The official SemEval-2016 Task 3 measures over ranked relevance labels (top 10).
struct RankingMetrics {
    var map = 0.0, mrr = 0.0, p1 = 0.0
    var questions = 0

    /// Adds one question's ranking (labels in ranked order). A question with no relevant
    /// candidate scores 0, as in the official scorer.
    mutating func add(_ ranked: [Bool], cutoff: Int = 10) {
        let top = ranked.prefix(cutoff)
        var hits = 0
        var precisions = 0.0
        var rr = 0.0
        for (i, rel) in top.enumerated() where rel {
            hits += 1
            precisions += Double(hits) / Double(i + 1)
            if rr == 0 { rr = 1 / Double(i + 1) }
        }
        map += hits > 0 ? precisions / Double(hits) : 0
        mrr += rr
        p1 += top.first == true ? 1 : 0
        questions += 1
    }

    /// Percentages, as the scorer prints them.
    var figures: (map: Double, mrr: Double, p1: Double) {
        let n = Double(max(questions, 1))
        return (100 * map / n, 100 * mrr / n, 100 * p1 / n)
    }
}
