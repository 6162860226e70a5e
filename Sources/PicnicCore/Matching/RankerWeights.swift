/// The weights of the rerank's linear model: `score = bias + Σ weight × feature`, and
/// `confidence = 1 / (1 + e^-score)`. Fitted by logistic regression on SemEval-2016 Task 3
/// (see docs/Matching.md and `picnic-eval semeval --fit`); the feedback weights are set by hand
/// since the labelled data has no feedback.
public struct RankerWeights: Codable, Equatable, Sendable {
    /// Feature names, in `MatchFeatures.vector` order.
    public static let names = [
        "title", "body", "answers", "tags", "titleCover", "postTitleCover", "cover", "labelMatch",
        "answered", "accepted", "votes", "recency", "helpfulHere", "helpfulSimilar", "postCover", "phrase",
        "meaning", "helped", "answererRecord",
    ]

    /// Features the labelled data has no values for (tags, labels, votes, accepted answers,
    /// feedback): their weights are set by hand and kept out of the fit.
    public static let handSet: Set<Int> = [3, 7, 9, 10, 12, 13, 17, 18]

    public var bias: Double
    public var weights: [Double]

    public init(bias: Double, weights: [Double]) {
        precondition(weights.count == Self.names.count, "one weight per feature")
        self.bias = bias
        self.weights = weights
    }

    /// The linear score of a feature vector.
    public func score(_ features: [Double]) -> Double {
        var s = bias
        for i in weights.indices { s += weights[i] * features[i] }
        return s
    }

    /// `score(features.vector)` without building the vector: the same sums in the same order.
    func score(_ f: MatchFeatures) -> Double {
        guard weights.count == 19 else { return score(f.vector) }
        var s = bias
        s += weights[0] * f.title
        s += weights[1] * f.body
        s += weights[2] * f.answers
        s += weights[3] * f.tags
        s += weights[4] * f.titleCover
        s += weights[5] * f.postTitleCover
        s += weights[6] * f.cover
        s += weights[7] * f.labelMatch
        s += weights[8] * f.answered
        s += weights[9] * f.accepted
        s += weights[10] * f.votes
        s += weights[11] * f.recency
        s += weights[12] * f.helpfulHere
        s += weights[13] * f.helpfulSimilar
        s += weights[14] * f.postCover
        s += weights[15] * f.phrase
        s += weights[16] * f.meaning
        s += weights[17] * f.helped
        s += weights[18] * f.answererRecord
        return s
    }

    /// The shipped weights: fitted on SemEval-2016 train-part2 (λ = 0.01), so that dev stays
    /// held out; the feature set, λ and the strong rule were chosen by the cross-check in both
    /// directions (`picnic-eval semeval --fit-on A --report B --both`, docs/Matching.md).
    /// Features the data lacks (tags, labels, votes, accepted, feedback, helped marks, the
    /// answerers' record) are set by hand.
    public static let standard = RankerWeights(bias: -2.187, weights: [
        0.184,  // title
        0.413,  // body
        0.615,  // answers
        0.500,  // tags; by hand: SemEval posts have no tags
        0.701,  // titleCover
        1.327,  // postTitleCover
        1.038,  // cover
        0.800,  // labelMatch; by hand: no tags or projects in SemEval
        0.000,  // answered
        0.300,  // accepted; by hand: no accepted answers in SemEval
        0.300,  // votes; by hand: no votes in SemEval
        -0.083,  // recency
        4.000,  // helpfulHere; by hand: no feedback in SemEval
        2.000,  // helpfulSimilar; by hand
        0.498,  // postCover
        0.113,  // phrase
        1.450,  // meaning
        0.500,  // helped; by hand: no "helped" marks in SemEval (nor in the store before issue 13)
        0.300,  // answererRecord; by hand: no accepted answers in SemEval
    ])
}
