import Foundation

/// How much a shared concept says about two papers being related.
///
/// Specificity is an IDF over the corpus, so concepts in many papers link little and concepts
/// in a handful link strongly; it is scaled by kind (a shared data set or named method says more
/// than a shared broad concept), and a concept in a title counts more than one in the abstract.
/// A short list of field-wide terms ("neural network", "deep learning") is damped further: in
/// any machine-learning corpus they are everywhere without being a topic.
enum ConceptWeights {
    static let kindWeight: [MentionKind: Double] = [.dataset: 1.2, .method: 1.4, .task: 1.5, .concept: 1.0, .metric: 0.4]
    static let titleBoost = 1.5
    static let introducedBoost = 1.2

    /// Broad terms of the field that say little about a topic whatever their frequency.
    static let broad: Set<String> = [
        "neural network", "deep neural network", "deep learning", "machine learning", "artificial intelligence",
        "deep learning model", "neural network architecture", "deep network", "training data", "test data",
        "data", "model", "performance", "accuracy", "experiment", "dataset", "benchmark", "algorithm", "learning",
        "training", "optimization", "generalization", "state of the art", "real world", "large scale",
        "computer vision", "natural language processing", "deep model", "learning algorithm", "learning model",
        "network", "input data", "loss function", "hyperparameter", "gradient", "parameter",
    ]

    /// Specificity of a concept found in `df` of `n` papers: 0 for concepts in one paper (they link
    /// nothing) or in half the corpus.
    static func specificity(df: Int, n: Int) -> Double {
        guard df >= 2, n >= 2 else { return 0 }
        return max(0, log((Double(n) - Double(df) + 0.5) / (Double(df) + 0.5)))
    }

    /// The weight of a concept as a whole (stored on the concept for queries).
    static func conceptWeight(_ c: CorpusSnapshot.ConceptInfo, n: Int) -> Double {
        let damp = broad.contains(c.key) ? 0.25 : 1.0
        return specificity(df: c.df, n: n) * (kindWeight[c.kind] ?? 1) * damp
    }

    /// Every paper's concept vector. Vectors are scaled to unit length, except that papers with
    /// little specific content are scaled by the corpus median norm instead: one shared concept
    /// must not make two sparse papers look identical.
    static func vectors(_ uses: [[CorpusSnapshot.Use]], conceptWeights: [Double]) -> [[(Int32, Double)]] {
        var raw = uses.map { vector($0, conceptWeights: conceptWeights) }
        let norms = raw.map { v in v.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot() }
        let positive = norms.filter { $0 > 0 }.sorted()
        let floor = positive.isEmpty ? 1 : positive[positive.count / 2]
        for i in raw.indices where norms[i] > 0 {
            let inv = 1 / max(norms[i], floor)
            for j in raw[i].indices { raw[i][j].1 *= inv }
        }
        return raw
    }

    /// A paper's concept vector, unnormalized: (concept, weight) sorted by concept.
    static func vector(_ uses: [CorpusSnapshot.Use], conceptWeights: [Double]) -> [(Int32, Double)] {
        var v: [(Int32, Double)] = []
        v.reserveCapacity(uses.count)
        for u in uses {
            var w = conceptWeights[Int(u.concept)]
            guard w > 0 else { continue }
            if u.inTitle { w *= titleBoost }
            if u.introduced { w *= introducedBoost }
            w *= 1 + 0.25 * log(Double(u.count))
            v.append((u.concept, w))
        }
        return v
    }
}
