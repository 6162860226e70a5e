/// How often strong matches are relevant, how many there are per task, and the threshold that
/// reaches a target precision.
///
/// In a pooled run a question also retrieves threads of other questions, which nobody judged for
/// it: precision is given over the judged strong threads (unjudged left out) and as a lower bound
/// (unjudged counted wrong). Recall is over every relevant labelled thread of the questions,
/// retrieved or not.
struct Calibration {
    var threshold: Double
    var target: Double
    var total = 0, strong = 0, judgedStrong = 0, strongRelevant = 0, relevant = 0
    var questions = 0
    /// The most strong threads any one question got, and how many questions got more than 3.
    var maxPerQuestion = 0, overThree = 0
    var questionCoverage = 0.0
    var calibrated: (threshold: Double, precision: Double, recall: Double)?

    /// Strong over judged strong threads (the unjudged left out).
    var precision: Double { judgedStrong > 0 ? Double(strongRelevant) / Double(judgedStrong) : 0 }
    /// Strong over all strong threads (an unjudged one counted wrong).
    var lowerBound: Double { strong > 0 ? Double(strongRelevant) / Double(strong) : 0 }
    var recall: Double { relevant > 0 ? Double(strongRelevant) / Double(relevant) : 0 }
    var strongPerQuestion: Double { questions > 0 ? Double(strong) / Double(questions) : 0 }

    init(_ results: [SemEvalRun.FileResult], threshold: Double, precision target: Double) {
        self.init(results.flatMap(\.scored), relevantCount: results.reduce(into: [:]) { $0.merge($1.relevantCount) { a, _ in a } },
                  threshold: threshold, precision: target)
    }

    init(_ scored: [SemEvalRun.Scored], relevantCount: [String: Int], threshold: Double, precision target: Double) {
        self.threshold = threshold
        self.target = target
        total = scored.count
        relevant = relevantCount.values.reduce(0, +)
        questions = relevantCount.count
        let strongOnes = scored.filter(\.strong)
        strong = strongOnes.count
        judgedStrong = strongOnes.filter(\.judged).count
        strongRelevant = strongOnes.filter(\.relevant).count
        var perQuestion: [String: Int] = [:]
        for s in strongOnes { perQuestion[s.question, default: 0] += 1 }
        maxPerQuestion = perQuestion.values.max() ?? 0
        overThree = perQuestion.values.filter { $0 > 3 }.count
        questionCoverage = questions == 0 ? 0 : Double(perQuestion.count) / Double(questions)
        // Walk confidences from the top over the judged threads; keep the lowest cut whose
        // precision still meets the target (with at least 10 strong, so one lucky match does not
        // set it).
        let sorted = scored.filter(\.judged).sorted { $0.confidence > $1.confidence }
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
