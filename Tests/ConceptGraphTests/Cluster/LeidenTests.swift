import Foundation
import Testing
@testable import ConceptGraph

@Suite("Leiden community detection")
struct LeidenTests {
    // MARK: - Helpers (file-private so they cannot clash with other test files)

    /// Random graph with duplicate edges and self-loops, so construction and modularity see every case.
    private static func randomGraph(nodes n: Int, edgeProbability p: Double, weighted: Bool, rng: inout SplitMix64) -> (WeightedGraph, [(Int, Int, Double)]) {
        var edges: [(Int, Int, Double)] = []
        for u in 0..<n {
            for v in u..<n {
                let chance = u == v ? p / 4 : p
                if rng.nextDouble() < chance {
                    edges.append((u, v, weighted ? 0.25 + rng.nextDouble() * 2 : 1))
                }
            }
        }
        return (WeightedGraph(nodeCount: n, edges: edges), edges)
    }

    /// The definition of modularity evaluated literally on a dense adjacency matrix.
    private static func referenceModularity(nodes n: Int, edges: [(Int, Int, Double)], communities: [Int], resolution: Double) -> Double {
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for (u, v, w) in edges where w > 0 {
            if u == v {
                a[u][u] += 2 * w
            } else {
                a[u][v] += w
                a[v][u] += w
            }
        }
        let k = a.map { $0.reduce(0, +) }
        let twoM = k.reduce(0, +)
        guard twoM > 0 else { return 0 }
        var q = 0.0
        for i in 0..<n {
            for j in 0..<n where communities[i] == communities[j] {
                q += a[i][j] - resolution * k[i] * k[j] / twoM
            }
        }
        return q / twoM
    }

    /// Best modularity over all set partitions, enumerated as restricted growth strings.
    private static func bruteForceOptimum(_ graph: WeightedGraph, resolution: Double) -> Double {
        let n = graph.nodeCount
        var labels = [Int](repeating: 0, count: n)
        var prefixMax = [Int](repeating: 0, count: n) // max label among labels[0...i]
        var best = -Double.infinity
        while true {
            best = max(best, Leiden.modularity(of: graph, communities: labels, resolution: resolution))
            // Next restricted growth string: bump the last position that may grow, reset the tail to 0.
            var i = n - 1
            while i > 0 && labels[i] > prefixMax[i - 1] { i -= 1 }
            if i == 0 { return best }
            labels[i] += 1
            prefixMax[i] = max(prefixMax[i - 1], labels[i])
            for j in (i + 1)..<n {
                labels[j] = 0
                prefixMax[j] = prefixMax[i]
            }
        }
    }

    /// True when every community induces a connected subgraph (BFS restricted to the community).
    private static func allCommunitiesConnected(_ n: Int, edges: [(Int, Int, Double)], communities: [Int]) -> Bool {
        var adjacency = [[Int]](repeating: [], count: n)
        for (u, v, w) in edges where w > 0 && u != v {
            adjacency[u].append(v)
            adjacency[v].append(u)
        }
        var seenCommunity = Set<Int>()
        var visited = [Bool](repeating: false, count: n)
        for s in 0..<n where !visited[s] {
            // The first node met of a community must reach all of it.
            guard seenCommunity.insert(communities[s]).inserted else { return false }
            var queue = [s]
            visited[s] = true
            var head = 0
            while head < queue.count {
                let v = queue[head]
                head += 1
                for u in adjacency[v] where !visited[u] && communities[u] == communities[s] {
                    visited[u] = true
                    queue.append(u)
                }
            }
        }
        return true
    }

    private static func cliques(count: Int, size: Int, ring: Bool) -> [(Int, Int, Double)] {
        var edges: [(Int, Int, Double)] = []
        for c in 0..<count {
            let base = c * size
            for i in 0..<size {
                for j in (i + 1)..<size { edges.append((base + i, base + j, 1)) }
            }
        }
        let links = ring ? count : count - 1
        for c in 0..<links {
            edges.append((c * size + size - 1, ((c + 1) % count) * size, 1))
        }
        return edges
    }

    /// Fraction of node pairs on which two partitions agree (same/different community): the Rand index.
    private static func pairAgreement(_ a: [Int], _ b: [Int]) -> Double {
        var agree = 0
        var total = 0
        for i in 0..<a.count {
            for j in (i + 1)..<a.count {
                if (a[i] == a[j]) == (b[i] == b[j]) { agree += 1 }
                total += 1
            }
        }
        return Double(agree) / Double(total)
    }

    // MARK: - Graph

    @Test func graphSumsDuplicatesCountsLoopsTwiceAndIgnoresNonPositiveWeights() {
        let g = WeightedGraph(nodeCount: 4, edges: [(0, 1, 1), (1, 0, 2), (2, 2, 1.5), (1, 2, 0), (2, 3, -1), (0, 3, 0.5)])
        #expect(g.totalWeight == 5)
        #expect(g.degree(0) == 3.5)
        #expect(g.degree(1) == 3)
        #expect(g.degree(2) == 3)
        #expect(g.degree(3) == 0.5)
        #expect(Array(g.targets[g.offsets[0]..<g.offsets[1]]) == [1, 3])
        #expect(Array(g.weights[g.offsets[0]..<g.offsets[1]]) == [3, 0.5])
    }

    // MARK: 1. Modularity against the O(n^2) definition

    @Test(arguments: [1.0, 0.5])
    func modularityMatchesDenseReference(resolution: Double) {
        var rng = SplitMix64(seed: 7)
        for trial in 0..<12 {
            let n = 3 + rng.nextInt(below: 14)
            let (graph, edges) = Self.randomGraph(nodes: n, edgeProbability: 0.35, weighted: trial % 2 == 0, rng: &rng)
            for _ in 0..<5 {
                let k = 1 + rng.nextInt(below: n)
                // Offset labels exercise arbitrary (non 0-based) community ids.
                let communities = (0..<n).map { _ in rng.nextInt(below: k) * 3 + (trial % 3 == 0 ? 100 : 0) }
                let expected = Self.referenceModularity(nodes: n, edges: edges, communities: communities, resolution: resolution)
                let actual = Leiden.modularity(of: graph, communities: communities, resolution: resolution)
                #expect(abs(actual - expected) < 1e-9, "trial \(trial): \(actual) vs \(expected)")
            }
        }
        let empty = WeightedGraph(nodeCount: 3, edges: [])
        #expect(Leiden.modularity(of: empty, communities: [0, 1, 2], resolution: resolution) == 0)
    }

    // MARK: 2. Optimal on small graphs

    /// Leiden is a heuristic: on a few dense, weakly structured graphs a single run can end in a local optimum
    /// that no node move or community merge escapes (1 of the 80 single runs here, at about half the optimum;
    /// 34 of 4,000 runs in a 50-seed sweep of the same graphs, all at resolution 1).
    /// So we require exactness on at least 95% of single runs, and on every graph for the best of three seeds.
    @Test(arguments: [1.0, 0.5])
    func reachesBruteForceOptimumOnSmallGraphs(resolution: Double) {
        var rng = SplitMix64(seed: 2019)
        let graphCount = 40
        var singleRunExact = 0
        for trial in 0..<graphCount {
            let n = 5 + rng.nextInt(below: 4)
            let p = 0.25 + rng.nextDouble() * 0.45
            let (graph, _) = Self.randomGraph(nodes: n, edgeProbability: p, weighted: trial % 2 == 1, rng: &rng)
            let optimum = Self.bruteForceOptimum(graph, resolution: resolution)
            var best = -Double.infinity
            for (run, seed) in [UInt64(trial), UInt64(trial + 1000), UInt64(trial + 2000)].enumerated() {
                let communities = Leiden(resolution: resolution, seed: seed).communities(of: graph)
                let found = Leiden.modularity(of: graph, communities: communities, resolution: resolution)
                #expect(found <= optimum + 1e-9, "trial \(trial): beats the brute-force optimum, so one of them is wrong")
                if run == 0 && abs(found - optimum) <= 1e-9 { singleRunExact += 1 }
                best = max(best, found)
            }
            #expect(abs(best - optimum) <= 1e-9, "trial \(trial) n=\(n): best of 3 seeds \(best), optimum \(optimum)")
        }
        #expect(Double(singleRunExact) >= 0.95 * Double(graphCount), "single runs exact on \(singleRunExact)/\(graphCount)")
    }

    // MARK: 3. Planted structure

    @Test func twoCliquesJoinedByOneEdgeGiveTwoCommunities() {
        let graph = WeightedGraph(nodeCount: 12, edges: Self.cliques(count: 2, size: 6, ring: false))
        for seed in 0..<10 as Range<UInt64> {
            #expect(Leiden(seed: seed).communities(of: graph) == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
        }
    }

    @Test func ringOfFiveCliquesGivesFiveCommunities() {
        let graph = WeightedGraph(nodeCount: 20, edges: Self.cliques(count: 5, size: 4, ring: true))
        for seed in 0..<10 as Range<UInt64> {
            #expect(Leiden(seed: seed).communities(of: graph) == (0..<20).map { $0 / 4 })
        }
    }

    // MARK: 4. Connectivity guarantee

    @Test(arguments: [0.5, 1.0, 2.0])
    func everyCommunityIsConnected(resolution: Double) {
        var rng = SplitMix64(seed: 99)
        for trial in 0..<8 {
            let n = 200
            let averageDegree = 1.5 + Double(trial)
            let (graph, edges) = Self.randomGraph(nodes: n, edgeProbability: averageDegree / Double(n), weighted: trial % 2 == 0, rng: &rng)
            let communities = Leiden(resolution: resolution, seed: UInt64(trial)).communities(of: graph)
            #expect(Self.allCommunitiesConnected(n, edges: edges, communities: communities), "trial \(trial)")
            // The refinement path alone (before the final component split) must already be connected.
            let context = LeidenContext(scale: resolution / (2 * graph.totalWeight), tolerance: 1e-12, randomness: 0.01)
            var inner = SplitMix64(seed: UInt64(trial))
            let raw = context.run(graph, start: Array(0..<n), rng: &inner)
            #expect(Self.allCommunitiesConnected(n, edges: edges, communities: raw), "raw run, trial \(trial)")
        }
    }

    /// A node whose tie to its community is too weak (E(v, S - v) < gamma * k_v * (K_S - k_v) / 2m) must stay a
    /// singleton in the refinement, even though joining a neighbouring singleton would have a non-negative gain.
    @Test func refinementKeepsWeaklyAttachedNodeAlone() {
        var edges = Array(Self.cliques(count: 2, size: 6, ring: false).dropLast()) // two cliques, bridge dropped
        let x = 12
        edges.append((x, 0, 1))                        // one edge into its community {0...5, x}
        for b in 6..<12 { edges.append((x, b, 1)) }    // six edges to the other community
        let graph = WeightedGraph(nodeCount: 13, edges: edges)
        let community = (0..<13).map { $0 < 6 || $0 == x ? 0 : 1 }
        let context = LeidenContext(scale: 1 / (2 * graph.totalWeight), tolerance: 1e-12, randomness: 0.01)
        for seed in 0..<30 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            let (refined, _) = context.refine(graph, community: community, communityCount: 2, rng: &rng)
            #expect(refined.filter { $0 == refined[x] }.count == 1, "seed \(seed): x was merged")
            // Refined clusters never straddle communities.
            for v in 0..<13 { #expect(community[refined.firstIndex(of: refined[v])!] == community[v]) }
        }
    }

    // MARK: 5. Determinism and isolated nodes

    @Test func sameSeedGivesIdenticalResultsAndIsolatedNodesStayAlone() {
        var rng = SplitMix64(seed: 5)
        var edges: [(Int, Int, Double)] = []
        let n = 300
        let isolated = Set(stride(from: 0, to: n, by: 17))
        for _ in 0..<900 {
            let u = rng.nextInt(below: n)
            let v = rng.nextInt(below: n)
            if isolated.contains(u) || isolated.contains(v) { continue }
            edges.append((u, v, 1 + rng.nextDouble()))
        }
        let graph = WeightedGraph(nodeCount: n, edges: edges)
        let first = Leiden(seed: 1234).communities(of: graph)
        let second = Leiden(seed: 1234).communities(of: graph)
        #expect(first == second)
        // Edge order must not matter either: rows are stored sorted.
        let shuffled = WeightedGraph(nodeCount: n, edges: edges.reversed())
        #expect(Leiden(seed: 1234).communities(of: shuffled) == first)

        for v in isolated.sorted() {
            #expect(graph.degree(v) == 0)
            #expect(first.filter { $0 == first[v] }.count == 1, "isolated node \(v) shares its community")
        }
        // Numbered by first appearance: each new label is one more than the largest so far.
        var largest = -1
        for c in first {
            #expect(c <= largest + 1)
            largest = max(largest, c)
        }
        #expect(Leiden().communities(of: WeightedGraph(nodeCount: 3, edges: [])) == [0, 1, 2])
        #expect(Leiden().communities(of: WeightedGraph(nodeCount: 0, edges: [])).isEmpty)
    }

    // MARK: 6. Planted partition

    @Test func recoversPlantedPartitionQuickly() {
        var rng = SplitMix64(seed: 11)
        let groups = 10
        let size = 50
        let n = groups * size
        var edges: [(Int, Int, Double)] = []
        for u in 0..<n {
            for v in (u + 1)..<n where rng.nextDouble() < (u / size == v / size ? 0.3 : 0.01) {
                edges.append((u, v, 1))
            }
        }
        let graph = WeightedGraph(nodeCount: n, edges: edges)
        let start = Date()
        let communities = Leiden().communities(of: graph)
        let elapsed = Date().timeIntervalSince(start)
        let truth = (0..<n).map { $0 / size }
        let agreement = Self.pairAgreement(communities, truth)
        #expect(agreement >= 0.95, "pair agreement \(agreement)")
        #expect(Set(communities).count == groups)
        let found = Leiden.modularity(of: graph, communities: communities, resolution: 1)
        let planted = Leiden.modularity(of: graph, communities: truth, resolution: 1)
        #expect(found >= planted - 1e-9)
        #expect(elapsed < 5, "took \(elapsed) s")
    }
}
