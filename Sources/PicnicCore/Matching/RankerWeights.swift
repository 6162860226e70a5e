/// The weights of the rerank's linear model: `score = bias + Σ weight × feature`, and
/// `confidence = 1 / (1 + e^-score)`. Fitted by logistic regression on SemEval-2016 Task 3
/// (see docs/Matching.md and `picnic-eval semeval --fit`); the feedback weights are set by hand
/// since the labelled data has no feedback.
public struct RankerWeights: Codable, Equatable, Sendable {
    /// Feature names, in `MatchFeatures.vector` order.
    public static let names = [
        "title", "body", "answers", "tags", "titleCover", "postTitleCover", "cover", "labelMatch",
        "answered", "accepted", "votes", "recency", "helpfulHere", "helpfulSimilar",
    ]

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

    /// The shipped weights.
    public static let standard = RankerWeights(bias: -3.0, weights: [
        2.0,  // title
        1.0,  // body
        0.5,  // answers
        0.5,  // tags
        2.0,  // titleCover
        1.0,  // postTitleCover
        2.0,  // cover
        0.8,  // labelMatch
        0.1,  // answered
        0.2,  // accepted
        0.2,  // votes
        0.1,  // recency
        4.0,  // helpfulHere
        2.0,  // helpfulSimilar
    ])
}
