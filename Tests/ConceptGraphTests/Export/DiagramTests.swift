import Foundation
import Testing
@testable import ConceptGraph

/// Thinning graphs for pictures and laying out their labels, checked against brute force.
struct DiagramTests {
    /// Small random graphs: nodes p0…p(n-1), weighted undirected links and a few citations.
    static func randomGraph(_ rng: inout SplitMix64, nodes n: Int) -> GraphExport {
        let nodes = (0..<n).map { i in
            GraphExport.Node(id: "p\(i)", label: "paper \(i)", group: i % 3 == 0 ? nil : i % 2 + 1,
                             attributes: ["neighbour": .bool(i % 4 == 3)])
        }
        var edges: [GraphExport.Edge] = []
        for a in 0..<n { for b in (a + 1)..<max(a + 1, n) where rng.next() % 3 == 0 {
            // Few distinct weights, so ties are common.
            edges.append(GraphExport.Edge(source: "p\(a)", target: "p\(b)", kind: .similar, weight: Double(rng.next() % 4 + 1) / 4))
        } }
        for a in 0..<n where rng.next() % 5 == 0 {
            let b = Int(rng.next() % UInt64(n))
            if b != a { edges.append(GraphExport.Edge(source: "p\(a)", target: "p\(b)", kind: .cites, weight: 0.9)) }
        }
        let groups = [GraphExport.Group(id: 1, label: "one", size: n), GraphExport.Group(id: 2, label: "two", size: n)]
        return GraphExport(kind: .papers, isDirected: true, groupsAreBoxes: true, groups: groups, nodes: nodes, edges: edges)
    }

    @Test func strongestLinksKeepEachNodesTopKAndNothingElse() {
        var rng = SplitMix64(seed: 11)
        for trial in 0..<300 {
            let graph = Self.randomGraph(&rng, nodes: 2 + trial % 9)
            for k in 1...3 {
                let thin = graph.keepingStrongestLinks(perNode: k)
                #expect(thin.nodes == graph.nodes)
                #expect(thin.edges.filter { $0.kind == .cites } == graph.edges.filter { $0.kind == .cites })
                // Brute force: an edge stays exactly when fewer than k links of one of its ends
                // are heavier, or as heavy and earlier in the canonical order.
                let similar = graph.edges.enumerated().filter { $0.element.kind == .similar }
                func rank(_ i: Int, at node: String) -> Int {
                    similar.filter { j, e in
                        (e.source == node || e.target == node) && (e.weight > graph.edges[i].weight || (e.weight == graph.edges[i].weight && j < i))
                    }.count
                }
                let expected = similar.filter { i, e in rank(i, at: e.source) < k || rank(i, at: e.target) < k }.map(\.element)
                #expect(thin.edges.filter { $0.kind == .similar } == expected, "trial \(trial), k \(k)")
                #expect(thin.attributes["linksPerNode"] == .int(k))
            }
        }
    }

    @Test func closestNeighboursAreTheMostLinkedOnes() {
        var rng = SplitMix64(seed: 5)
        for trial in 0..<300 {
            let graph = Self.randomGraph(&rng, nodes: 3 + trial % 10)
            let outside = graph.nodes.filter { $0.attributes["neighbour"] == .bool(true) }.map(\.id)
            for count in 0...2 {
                let thin = graph.keepingClosestNeighbours(count)
                let kept = thin.nodes.filter { $0.attributes["neighbour"] == .bool(true) }.map(\.id)
                #expect(kept.count == min(count, outside.count))
                // Members all stay; edges only between kept nodes.
                #expect(thin.nodes.filter { $0.attributes["neighbour"] != .bool(true) } == graph.nodes.filter { $0.attributes["neighbour"] != .bool(true) })
                let ids = Set(thin.nodes.map(\.id))
                #expect(thin.edges == graph.edges.filter { ids.contains($0.source) && ids.contains($0.target) })
                // No dropped neighbour is more strongly linked to the members than a kept one.
                func strength(_ id: String) -> Double {
                    graph.edges.filter { ($0.source == id) != ($0.target == id) && ($0.source == id || $0.target == id) }
                        .filter { !outside.contains($0.source == id ? $0.target : $0.source) }
                        .reduce(0) { $0 + ($1.kind == .cites ? 0.3 * $1.weight : $1.weight) }
                }
                let weakestKept = kept.map(strength).min() ?? .infinity
                for dropped in outside where !kept.contains(dropped) {
                    #expect(strength(dropped) <= weakestKept + 1e-9, "trial \(trial): \(dropped) dropped")
                }
            }
        }
    }

    @Test func labelsWrapAtWordsAndKeepPhrasesWhole() {
        #expect(DOTWriter.wrap("Transformers learn in-context by gradient descent", width: 22, lines: 3)
                == ["Transformers learn", "in-context by gradient", "descent"])
        #expect(DOTWriter.wrap("One Step of Gradient Descent is Provably the Optimal In-Context Learner with One Layer", width: 22, lines: 3)
                == ["One Step of Gradient", "Descent is Provably", "the Optimal In-Context…"])
        #expect(DOTWriter.wrap("stochastic gradient descent · Adam · CIFAR10 · CNNs", width: 30, lines: 4, phraseSeparator: " · ")
                == ["stochastic gradient descent", "Adam · CIFAR10 · CNNs"])
        #expect(DOTWriter.wrap("The mixture of Expert (MoE) parallelism is a …", width: 22, lines: 3)
                == ["The mixture of Expert", "(MoE) parallelism is a …"])
        #expect(DOTWriter.wrap("", width: 22, lines: 3) == [])
        let long = DOTWriter.wrap(String(repeating: "x", count: 100), width: 10, lines: 3)
        #expect(long == [String(repeating: "x", count: 19) + "…"])
        // Every line within the width (a single overlong word aside), never more lines than asked.
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let words = (0..<Int(rng.next() % 20)).map { _ in String(repeating: "a", count: Int(rng.next() % 12) + 1) }
            let width = Int(rng.next() % 20) + 8, lines = Int(rng.next() % 4) + 1
            let wrapped = DOTWriter.wrap(words.joined(separator: " "), width: width, lines: lines)
            #expect(wrapped.count <= lines)
            #expect(wrapped.allSatisfy { $0.count <= width + 1 || !$0.dropLast().contains(" ") })
            if wrapped.count < lines || !(wrapped.last?.hasSuffix("…") ?? false) {
                #expect(wrapped.joined(separator: " ") == words.joined(separator: " "))
            }
        }
    }

    @Test func headingTextIsEscapedForGraphvizHTMLLabels() {
        #expect(DOTWriter.htmlLabelText("a<b>&\"c\"'d'\n\u{1}e") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; e")
    }
}
