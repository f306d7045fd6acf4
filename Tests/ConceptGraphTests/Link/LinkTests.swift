import Foundation
import Testing
@testable import ConceptGraph

@Suite struct SimilarityLinkerTests {
    /// Random sparse vectors, as the link stage makes them.
    func randomVectors(_ n: Int, concepts: Int, seed: UInt64) -> [[(Int32, Double)]] {
        var state = seed
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        return (0..<n).map { _ in
            let count = Int(next() % 6) + 1
            var set = Set<Int32>()
            while set.count < count { set.insert(Int32(next() % UInt64(concepts))) }
            return set.sorted().map { ($0, Double(next() % 100 + 1) / 100) }
        }
    }

    @Test func invertedIndexFindsExactlyTheBruteForceTopK() {
        let vectors = randomVectors(120, concepts: 40, seed: 7)
        var linker = SimilarityLinker()
        linker.k = 5
        linker.threshold = 0.05
        linker.maxPostings = .max
        let edges = linker.link(vectors: vectors, conceptCount: 40)
        // Brute force: every pair, dot product, top k per paper above the threshold.
        func dot(_ x: [(Int32, Double)], _ y: [(Int32, Double)]) -> Double {
            var s = 0.0
            for (c, w) in x { if let v = y.first(where: { $0.0 == c }) { s += w * v.1 } }
            return s
        }
        var expected = Set<[Int]>()
        for p in vectors.indices {
            var scores = vectors.indices.filter { $0 != p }.map { ($0, dot(vectors[p], vectors[$0])) }.filter { $0.1 >= 0.05 }
            scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            for (q, _) in scores.prefix(5) { expected.insert([min(p, q), max(p, q)]) }
        }
        #expect(Set(edges.map { [$0.a, $0.b] }) == expected)
        for e in edges {
            #expect(abs(e.score - dot(vectors[e.a], vectors[e.b])) < 1e-9)
            // Reasons are shared concepts, strongest first.
            #expect(e.reasons.allSatisfy { r in vectors[e.a].contains { $0.0 == r.0 } && vectors[e.b].contains { $0.0 == r.0 } })
            #expect(zip(e.reasons, e.reasons.dropFirst()).allSatisfy { $0.1 >= $1.1 })
        }
    }

    @Test func specificityFavoursRareConcepts() {
        #expect(ConceptWeights.specificity(df: 1, n: 1000) == 0)
        #expect(ConceptWeights.specificity(df: 5, n: 1000) > ConceptWeights.specificity(df: 100, n: 1000))
        #expect(ConceptWeights.specificity(df: 600, n: 1000) == 0)
    }
}

@Suite struct MentionCitationTests {
    @Test func titlesQuotedInOtherTitlesAreCitations() {
        let titles: [String?] = ["Transformers learn in-context by gradient descent",
                                 "Revisiting the Hypothesis: Do pretrained Transformers Learn In-Context by Gradient Descent?",
                                 "Pointer Networks"]
        let texts = titles.map { (title: $0, abstract: String?.none) }
        let found = MentionCitationLinker().titleCitations(titles: titles, texts: texts, years: [2022, 2023, 2015])
        #expect(found.count == 1)
        #expect(found.first?.citing == 1 && found.first?.target == .paper(0))
        // A paper cannot cite a later one.
        let none = MentionCitationLinker().titleCitations(titles: titles, texts: texts, years: [2024, 2023, 2015])
        #expect(none.isEmpty)
    }

    @Test func namesLookCoined() {
        #expect(MentionCitationLinker.looksLikeName("HyperFL"))
        #expect(MentionCitationLinker.looksLikeName("CODA-Prompt"))
        #expect(MentionCitationLinker.looksLikeName("Weight Compander"))
        #expect(MentionCitationLinker.looksLikeName("D2NWG"))
        #expect(!MentionCitationLinker.looksLikeName("gradient descent"))
        #expect(!MentionCitationLinker.looksLikeName("GD"))
    }
}
