import Foundation

/// L2-regularised logistic regression by batch gradient descent: small, dependable, enough for a
/// dozen features and a few thousand labelled pairs.
struct LogisticFit {
    var lambda = 0.01
    var iterations = 4000
    var rate = 0.5

    /// Fits `bias + w·x` to labels; features at `frozen` indices keep weight 0.
    func fit(_ xs: [[Double]], _ ys: [Bool], frozen: Set<Int> = []) -> (bias: Double, weights: [Double]) {
        guard let d = xs.first?.count else { return (0, []) }
        var w = [Double](repeating: 0, count: d)
        var b = 0.0
        let n = Double(xs.count)
        for _ in 0..<iterations {
            var gw = [Double](repeating: 0, count: d)
            var gb = 0.0
            for (x, y) in zip(xs, ys) {
                var z = b
                for j in 0..<d { z += w[j] * x[j] }
                let p = 1 / (1 + exp(-z))
                let e = p - (y ? 1 : 0)
                gb += e
                for j in 0..<d { gw[j] += e * x[j] }
            }
            b -= rate * gb / n
            for j in 0..<d where !frozen.contains(j) {
                w[j] -= rate * (gw[j] / n + lambda * w[j])
            }
        }
        return (b, w)
    }
}
