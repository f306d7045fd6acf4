// Leiden community detection, optimising modularity with a resolution parameter.
//
// Algorithm: V. A. Traag, L. Waltman & N. J. van Eck (2019), "From Louvain to Leiden:
// guaranteeing well-connected communities", Scientific Reports 9, 5233.
//
// Each level runs the paper's three phases: fast local moving of nodes (queue based),
// refinement of every community into well-connected sub-communities (randomised by theta),
// and aggregation of the graph on the refined partition, where the aggregate starts from
// the non-refined partition. Levels repeat until local moving leaves every (aggregate) node
// in a community of its own.
//
// All gains are in edge-weight units: moving node v (weight k_v) into community C changes
// modularity by (1/m) * [w(v, C) - gamma * k_v * K_C / (2m)], so the bracket is what we compare.

import Foundation

/// An undirected weighted graph on nodes `0..<nodeCount`, stored as compressed sparse rows.
public struct WeightedGraph: Sendable {
    /// Number of nodes; the nodes are `0..<nodeCount`.
    public let nodeCount: Int
    /// Row `v` of the adjacency is `offsets[v]..<offsets[v + 1]` in `targets` and `weights`.
    let offsets: [Int]
    /// Neighbour of each adjacency entry. Int32 halves the largest array; no self-loops, no duplicates.
    let targets: [Int32]
    /// Weight of each adjacency entry (every undirected edge appears once in each endpoint's row).
    let weights: [Double]
    /// Self-loop weight per node, kept out of the rows so local moving never counts a node as its own neighbour.
    let selfLoops: [Double]
    /// Weighted degree per node (self-loops counted twice), i.e. the node weight k_v of modularity.
    let degrees: [Double]
    /// 2m: the sum of all degrees.
    let twiceTotalWeight: Double

    /// Builds the graph from an edge list, summing duplicate edges and ignoring weights that are not finite and positive.
    public init(nodeCount: Int, edges: [(Int, Int, Double)]) {
        precondition(nodeCount >= 0 && nodeCount <= Int(Int32.max), "nodeCount out of range")
        let n = nodeCount
        var selfLoops = [Double](repeating: 0, count: n)
        var rowStart = [Int](repeating: 0, count: n + 1)
        for (u, v, w) in edges {
            precondition(u >= 0 && u < n && v >= 0 && v < n, "edge endpoint out of range")
            guard w > 0, w.isFinite else { continue }
            if u == v {
                selfLoops[u] += w
            } else {
                rowStart[u + 1] += 1
                rowStart[v + 1] += 1
            }
        }
        for v in 0..<n { rowStart[v + 1] += rowStart[v] }
        let entryCount = rowStart[n]

        // Scatter both directions of every edge into its rows (in input order).
        var cursor = rowStart
        var rawTargets = [Int32](repeating: 0, count: entryCount)
        var rawWeights = [Double](repeating: 0, count: entryCount)
        for (u, v, w) in edges where u != v && w > 0 && w.isFinite {
            rawTargets[cursor[u]] = Int32(truncatingIfNeeded: v)
            rawWeights[cursor[u]] = w
            cursor[u] += 1
            rawTargets[cursor[v]] = Int32(truncatingIfNeeded: u)
            rawWeights[cursor[v]] = w
            cursor[v] += 1
        }

        // Transposing a symmetric matrix reproduces it with every row sorted by neighbour, in O(E):
        // results then do not depend on the order of the edge list, and duplicates become adjacent.
        for v in 0..<n { cursor[v] = rowStart[v] }
        var sortedTargets = [Int32](repeating: 0, count: entryCount)
        var sortedWeights = [Double](repeating: 0, count: entryCount)
        for u in 0..<n {
            for k in rowStart[u]..<rowStart[u + 1] {
                let v = Int(rawTargets[k])
                sortedTargets[cursor[v]] = Int32(truncatingIfNeeded: u)
                sortedWeights[cursor[v]] = rawWeights[k]
                cursor[v] += 1
            }
        }
        rawTargets = []
        rawWeights = []
        cursor = []

        // Merge duplicates in place; the write position never passes the read position.
        var offsets = [Int](repeating: 0, count: n + 1)
        var out = 0
        for u in 0..<n {
            var k = rowStart[u]
            let end = rowStart[u + 1]
            while k < end {
                let t = sortedTargets[k]
                var w = sortedWeights[k]
                k += 1
                while k < end && sortedTargets[k] == t {
                    w += sortedWeights[k]
                    k += 1
                }
                sortedTargets[out] = t
                sortedWeights[out] = w
                out += 1
            }
            offsets[u + 1] = out
        }
        if out < entryCount {
            sortedTargets = Array(sortedTargets[0..<out])
            sortedWeights = Array(sortedWeights[0..<out])
        }
        self.init(nodeCount: n, offsets: offsets, targets: sortedTargets, weights: sortedWeights, selfLoops: selfLoops)
    }

    /// Wraps an already valid CSR (symmetric rows, no self-loops, no duplicates); used for aggregate graphs.
    init(nodeCount: Int, offsets: [Int], targets: [Int32], weights: [Double], selfLoops: [Double]) {
        var degrees = selfLoops
        var sum = 0.0
        for v in 0..<nodeCount {
            var d = 2 * selfLoops[v]
            for k in offsets[v]..<offsets[v + 1] { d += weights[k] }
            degrees[v] = d
            sum += d
        }
        self.nodeCount = nodeCount
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.selfLoops = selfLoops
        self.degrees = degrees
        self.twiceTotalWeight = sum
    }

    /// Sum of all edge weights, each undirected edge (and each self-loop) counted once.
    public var totalWeight: Double { twiceTotalWeight / 2 }

    /// Weighted degree of `node`; a self-loop adds twice its weight.
    public func degree(_ node: Int) -> Double { degrees[node] }
}

extension WeightedGraph {
    /// Unchecked read-only views of the adjacency, for the loops that touch every edge.
    struct RawView {
        let offsets: UnsafeBufferPointer<Int>
        let targets: UnsafeBufferPointer<Int32>
        let weights: UnsafeBufferPointer<Double>
        let degrees: UnsafeBufferPointer<Double>
        let selfLoops: UnsafeBufferPointer<Double>
    }

    func withCSR<R>(_ body: (RawView) -> R) -> R {
        offsets.withUnsafeBufferPointer { o in
            targets.withUnsafeBufferPointer { t in
                weights.withUnsafeBufferPointer { w in
                    degrees.withUnsafeBufferPointer { d in
                        selfLoops.withUnsafeBufferPointer { l in
                            body(RawView(offsets: o, targets: t, weights: w, degrees: d, selfLoops: l))
                        }
                    }
                }
            }
        }
    }
}

/// A fixed-size scratch buffer, freed when it goes out of scope; unchecked indexing keeps per-edge loops cheap.
struct LeidenScratch<Element: BitwiseCopyable>: ~Copyable {
    let base: UnsafeMutablePointer<Element>

    init(_ count: Int, _ value: Element) {
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    deinit { base.deallocate() }
}

/// Leiden community detection maximising modularity with a resolution parameter.
public struct Leiden: Sendable {
    /// Resolution gamma: larger values give more, smaller communities.
    public var resolution: Double = 1.0
    /// Seed of the internal PRNG; the same graph and seed always give the same result.
    public var seed: UInt64 = 42
    /// Maximum number of full Leiden runs (at least one), each starting from the previous result; stops early at a fixed point.
    public var maxIterations: Int = 10
    /// Theta of the refinement phase: how random the choice among merges with non-negative gain is.
    /// Gains are in edge-weight units (w(v, C) - gamma * k_v * K_C / 2m), so theta is relative to the weights.
    public var randomness: Double = 0.01

    /// Creates a Leiden optimiser with the given resolution and seed.
    public init(resolution: Double = 1.0, seed: UInt64 = 42) {
        self.resolution = resolution
        self.seed = seed
    }

    /// Community of each node, numbered 0, 1, 2, ... in order of first appearance over nodes 0, 1, 2, ...
    public func communities(of graph: WeightedGraph) -> [Int] {
        let n = graph.nodeCount
        var membership = Array(0..<n)
        guard n > 0, graph.twiceTotalWeight > 0 else { return membership }
        var rng = SplitMix64(seed: seed)
        let context = LeidenContext(
            scale: resolution / graph.twiceTotalWeight,
            tolerance: 1e-12 * max(1, abs(resolution)),
            randomness: randomness
        )
        for _ in 0..<max(1, maxIterations) {
            let raw = context.run(graph, start: membership, rng: &rng)
            // The main path already yields connected communities; splitting here also covers the
            // rare stop where refinement merges nothing (as in leidenalg), and never lowers modularity.
            let next = graph.connectedRenumbering(of: raw)
            if next == membership { break }
            membership = next
        }
        return membership
    }

    /// Modularity Q = 1/(2m) * sum_ij [A_ij - gamma * k_i * k_j / (2m)] * delta(c_i, c_j); 0 for a graph without edges.
    public static func modularity(of graph: WeightedGraph, communities: [Int], resolution: Double) -> Double {
        let n = graph.nodeCount
        precondition(communities.count == n, "one community per node")
        let twoM = graph.twiceTotalWeight
        guard twoM > 0 else { return 0 }
        let (labels, count) = denseLabels(communities)
        var communityDegree = [Double](repeating: 0, count: count)
        // sum_ij A_ij delta(c_i, c_j): both directions of each internal edge, plus A_ii = 2 * loop weight.
        var internalTwice = 0.0
        graph.withCSR { csr in
            for v in 0..<n {
                let c = labels[v]
                communityDegree[c] += csr.degrees[v]
                internalTwice += 2 * csr.selfLoops[v]
                for k in csr.offsets[v]..<csr.offsets[v + 1] where labels[Int(csr.targets[k])] == c {
                    internalTwice += csr.weights[k]
                }
            }
        }
        var squares = 0.0
        for d in communityDegree { squares += d * d }
        return (internalTwice - resolution * squares / twoM) / twoM
    }

    /// Maps arbitrary labels to 0..<count; the dictionary is only needed for labels outside 0..<n.
    private static func denseLabels(_ labels: [Int]) -> ([Int], Int) {
        let n = labels.count
        if labels.allSatisfy({ $0 >= 0 && $0 < n }) {
            var map = [Int](repeating: -1, count: n)
            var count = 0
            return (labels.map { l in
                if map[l] < 0 { map[l] = count; count += 1 }
                return map[l]
            }, count)
        }
        var map: [Int: Int] = [:]
        var dense = [Int](repeating: 0, count: n)
        for (v, l) in labels.enumerated() {
            if let d = map[l] {
                dense[v] = d
            } else {
                let d = map.count
                map[l] = d
                dense[v] = d
            }
        }
        return (dense, map.count)
    }
}

/// SplitMix64: tiny, fast and fully determined by its seed, unlike the system generator.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound without modulo bias (Lemire's multiply-and-reject).
    mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Fisher–Yates; written out because the standard library's shuffle algorithm is not specified.
    mutating func shuffle(_ a: inout [Int]) {
        var i = a.count - 1
        while i > 0 {
            let j = nextInt(below: i + 1)
            a.swapAt(i, j)
            i -= 1
        }
    }
}

/// Parameters shared by every level of one run.
struct LeidenContext: Sendable {
    /// gamma / (2m) of the original graph; aggregates keep the same m.
    let scale: Double
    /// Relative margin a move must beat, so rounding noise can never make two communities trade a node forever.
    let tolerance: Double
    /// Theta of the refinement phase.
    let randomness: Double

    /// One Leiden run (local moving, refinement, aggregation until stable) from `start` on the original graph.
    func run(_ graph: WeightedGraph, start: [Int], rng: inout SplitMix64) -> [Int] {
        let n = graph.nodeCount
        var level = graph
        var community = start
        var nodeToLevel = Array(0..<n)
        while true {
            moveNodesFast(level, community: &community, rng: &rng)
            let count = renumber(&community)
            if count == level.nodeCount { break }
            let (refined, refinedCount) = refine(level, community: community, communityCount: count, rng: &rng)
            // Nothing merged: the aggregate would equal this graph, so stop here like leidenalg does.
            if refinedCount == level.nodeCount { break }
            let aggregate = aggregate(level, refined: refined, clusterCount: refinedCount)
            // Refined clusters lie inside one community each, so the aggregate inherits the non-refined partition.
            var aggregateCommunity = [Int](repeating: 0, count: refinedCount)
            for v in 0..<level.nodeCount { aggregateCommunity[refined[v]] = community[v] }
            for i in 0..<n { nodeToLevel[i] = refined[nodeToLevel[i]] }
            level = aggregate
            community = aggregateCommunity
        }
        var result = [Int](repeating: 0, count: n)
        for i in 0..<n { result[i] = community[nodeToLevel[i]] }
        return result
    }

    /// Queue-based local moving: a node is revisited only when a neighbour left for another community.
    func moveNodesFast(_ g: WeightedGraph, community: inout [Int], rng: inout SplitMix64) {
        let n = g.nodeCount
        guard n > 1 else { return }
        var order = Array(0..<n)
        rng.shuffle(&order)
        let scale = self.scale
        let tolerance = self.tolerance

        // Raw buffers: these loops run over every edge many times, and unchecked access is markedly faster.
        let communityWeight = LeidenScratch<Double>(n, 0)
        let communitySize = LeidenScratch<Int32>(n, 0)
        let neighbourWeight = LeidenScratch<Double>(n, 0)
        let inQueue = LeidenScratch<Bool>(n, true)
        let queue = LeidenScratch<Int32>(n, 0)
        let touched = LeidenScratch<Int32>(n, 0)
        let emptyIds = LeidenScratch<Int32>(n, 0)
        // 32-bit labels halve the cache footprint of the randomly accessed label array.
        let label = LeidenScratch<Int32>(n, 0)
        for v in 0..<n { label[v] = Int32(truncatingIfNeeded: community[v]) }
        for i in 0..<n { queue[i] = Int32(truncatingIfNeeded: order[i]) }

        g.withCSR { csr in
            for v in 0..<n {
                communityWeight[Int(label[v])] += csr.degrees[v]
                communitySize[Int(label[v])] += 1
            }
            // Ids 0..<n always include an empty one while the moving node shares its community.
            var emptyCount = 0
            for c in stride(from: n - 1, through: 0, by: -1) where communitySize[c] == 0 {
                emptyIds[emptyCount] = Int32(truncatingIfNeeded: c)
                emptyCount += 1
            }

            var head = 0
            var queued = n
            while queued > 0 {
                let v = Int(queue[head])
                head += 1
                if head == n { head = 0 }
                queued -= 1
                inQueue[v] = false

                let old = Int(label[v])
                let kv = csr.degrees[v]
                let rowStart = csr.offsets[v]
                let rowEnd = csr.offsets[v + 1]
                var touchedCount = 0
                for k in rowStart..<rowEnd {
                    let c = Int(label[Int(csr.targets[k])])
                    if neighbourWeight[c] == 0 {
                        touched[touchedCount] = Int32(truncatingIfNeeded: c)
                        touchedCount += 1
                    }
                    neighbourWeight[c] += csr.weights[k]
                }

                communityWeight[old] -= kv
                communitySize[old] -= 1
                if communitySize[old] == 0 { communityWeight[old] = 0 }

                let stayGain = neighbourWeight[old] - kv * communityWeight[old] * scale
                var best = old
                var bestGain = stayGain
                for i in 0..<touchedCount {
                    let c = Int(touched[i])
                    let gain = neighbourWeight[c] - kv * communityWeight[c] * scale
                    if gain > bestGain && c != old {
                        best = c
                        bestGain = gain
                    }
                    neighbourWeight[c] = 0
                }
                neighbourWeight[old] = 0
                // Going alone (gain 0) is a candidate only if v is not alone already.
                var toEmpty = false
                if communitySize[old] > 0 && 0 > bestGain {
                    best = Int(emptyIds[emptyCount - 1])
                    bestGain = 0
                    toEmpty = true
                }

                if best == old || bestGain <= stayGain + tolerance * kv {
                    communityWeight[old] += kv
                    communitySize[old] += 1
                    continue
                }
                if toEmpty { emptyCount -= 1 }
                communityWeight[best] += kv
                communitySize[best] += 1
                label[v] = Int32(truncatingIfNeeded: best)
                if communitySize[old] == 0 {
                    emptyIds[emptyCount] = Int32(truncatingIfNeeded: old)
                    emptyCount += 1
                }

                for k in rowStart..<rowEnd {
                    let u = Int(csr.targets[k])
                    if !inQueue[u] && Int(label[u]) != best {
                        inQueue[u] = true
                        var tail = head + queued
                        if tail >= n { tail -= n }
                        queue[tail] = Int32(truncatingIfNeeded: u)
                        queued += 1
                    }
                }
            }
        }
        for v in 0..<n { community[v] = Int(label[v]) }
    }

    /// Splits every community into well-connected sub-communities by merging singletons (paper's MergeNodesSubset).
    /// Returns the refined cluster of each node, numbered 0..<count.
    func refine(_ g: WeightedGraph, community: [Int], communityCount: Int, rng: inout SplitMix64) -> ([Int], Int) {
        let n = g.nodeCount
        let scale = self.scale
        let randomness = self.randomness
        var order = Array(0..<n)
        rng.shuffle(&order)
        var cluster = Array(0..<n)

        let communityWeight = LeidenScratch<Double>(communityCount, 0)
        let clusterWeight = LeidenScratch<Double>(n, 0)
        let clusterSize = LeidenScratch<Int32>(n, 1)
        // E(v, S - v): weight from v to the rest of its community; also E(C, S - C) of the singleton C = {v}.
        let nodeInside = LeidenScratch<Double>(n, 0)
        let clusterOutside = LeidenScratch<Double>(n, 0)
        let neighbourWeight = LeidenScratch<Double>(n, 0)
        let touched = LeidenScratch<Int>(n, 0)
        // Candidate 0 is always "stay alone"; at most one candidate per touched cluster follows.
        let candidates = LeidenScratch<Int>(n + 1, 0)
        let candidateWeights = LeidenScratch<Double>(n + 1, 0)

        community.withUnsafeBufferPointer { community in
        cluster.withUnsafeMutableBufferPointer { cluster in
        g.withCSR { csr in
            for v in 0..<n {
                let s = community[v]
                communityWeight[s] += csr.degrees[v]
                clusterWeight[v] = csr.degrees[v]
                var inside = 0.0
                for k in csr.offsets[v]..<csr.offsets[v + 1] where community[Int(csr.targets[k])] == s {
                    inside += csr.weights[k]
                }
                nodeInside[v] = inside
                clusterOutside[v] = inside
            }

            // Communities never interact during refinement, so one global random order equals a random order per community.
            for v in order {
                guard clusterSize[v] == 1 else { continue } // someone joined v: v is no longer a singleton
                let s = community[v]
                let ks = communityWeight[s]
                let kv = csr.degrees[v]
                // Only nodes well connected to their community may move (the paper's set R).
                guard nodeInside[v] >= kv * (ks - kv) * scale else { continue }

                var touchedCount = 0
                for k in csr.offsets[v]..<csr.offsets[v + 1] {
                    let u = Int(csr.targets[k])
                    guard community[u] == s else { continue }
                    let c = cluster[u]
                    if neighbourWeight[c] == 0 {
                        touched[touchedCount] = c
                        touchedCount += 1
                    }
                    neighbourWeight[c] += csr.weights[k]
                }
                if touchedCount == 0 { continue }

                // Staying alone (gain 0) is always allowed; other targets must be well connected and not lose quality.
                candidates[0] = v
                candidateWeights[0] = 0
                var candidateCount = 1
                var maxGain = 0.0
                for i in 0..<touchedCount {
                    let c = touched[i]
                    let kc = clusterWeight[c]
                    guard clusterOutside[c] >= kc * (ks - kc) * scale else { continue }
                    let gain = neighbourWeight[c] - kv * kc * scale
                    guard gain >= 0 else { continue }
                    candidates[candidateCount] = c
                    candidateWeights[candidateCount] = gain
                    candidateCount += 1
                    if gain > maxGain { maxGain = gain }
                }

                var chosen = v
                if candidateCount > 1 {
                    if randomness > 0 {
                        // Probability proportional to exp(gain / theta); subtracting the maximum avoids overflow.
                        var total = 0.0
                        for i in 0..<candidateCount {
                            let p = exp((candidateWeights[i] - maxGain) / randomness)
                            candidateWeights[i] = p
                            total += p
                        }
                        var r = rng.nextDouble() * total
                        chosen = candidates[candidateCount - 1]
                        for i in 0..<candidateCount {
                            r -= candidateWeights[i]
                            if r < 0 {
                                chosen = candidates[i]
                                break
                            }
                        }
                    } else {
                        for i in 0..<candidateCount where candidateWeights[i] == maxGain {
                            chosen = candidates[i]
                            break
                        }
                    }
                }

                if chosen != v {
                    clusterWeight[chosen] += kv
                    clusterSize[chosen] += 1
                    clusterOutside[chosen] += nodeInside[v] - 2 * neighbourWeight[chosen]
                    clusterSize[v] = 0
                    cluster[v] = chosen
                }
                for i in 0..<touchedCount { neighbourWeight[touched[i]] = 0 }
            }
        }
        }
        }
        let count = renumber(&cluster)
        return (cluster, count)
    }

    /// Collapses each refined cluster into one node; internal weight becomes a self-loop so degrees are preserved.
    func aggregate(_ g: WeightedGraph, refined: [Int], clusterCount: Int) -> WeightedGraph {
        let n = g.nodeCount
        var memberStart = [Int](repeating: 0, count: clusterCount + 1)
        for v in 0..<n { memberStart[refined[v] + 1] += 1 }
        for c in 0..<clusterCount { memberStart[c + 1] += memberStart[c] }
        var members = [Int](repeating: 0, count: n)
        var fill = memberStart
        for v in 0..<n {
            members[fill[refined[v]]] = v
            fill[refined[v]] += 1
        }
        fill = []

        var offsets = [Int](repeating: 0, count: clusterCount + 1)
        // The aggregate never has more entries than the graph it comes from.
        let targets = LeidenScratch<Int32>(g.targets.count, 0)
        let weights = LeidenScratch<Double>(g.targets.count, 0)
        var selfLoops = [Double](repeating: 0, count: clusterCount)
        let neighbourWeight = LeidenScratch<Double>(clusterCount, 0)
        let touched = LeidenScratch<Int>(clusterCount, 0)

        var entryCount = 0
        refined.withUnsafeBufferPointer { refined in
        members.withUnsafeBufferPointer { members in
        g.withCSR { csr in
            for a in 0..<clusterCount {
                var loop = 0.0
                var insideTwice = 0.0
                var touchedCount = 0
                for m in memberStart[a]..<memberStart[a + 1] {
                    let v = members[m]
                    loop += csr.selfLoops[v]
                    for k in csr.offsets[v]..<csr.offsets[v + 1] {
                        let b = refined[Int(csr.targets[k])]
                        if b == a {
                            insideTwice += csr.weights[k]
                        } else {
                            if neighbourWeight[b] == 0 {
                                touched[touchedCount] = b
                                touchedCount += 1
                            }
                            neighbourWeight[b] += csr.weights[k]
                        }
                    }
                }
                // Each internal edge was seen from both ends.
                selfLoops[a] = loop + insideTwice / 2
                for i in 0..<touchedCount {
                    let b = touched[i]
                    targets[entryCount] = Int32(truncatingIfNeeded: b)
                    weights[entryCount] = neighbourWeight[b]
                    entryCount += 1
                    neighbourWeight[b] = 0
                }
                offsets[a + 1] = entryCount
            }
        }
        }
        }
        return WeightedGraph(
            nodeCount: clusterCount,
            offsets: offsets,
            targets: Array(UnsafeBufferPointer(start: targets.base, count: entryCount)),
            weights: Array(UnsafeBufferPointer(start: weights.base, count: entryCount)),
            selfLoops: selfLoops
        )
    }

    /// Renumbers labels in 0..<labels.count to 0..<count by first appearance; returns count.
    func renumber(_ labels: inout [Int]) -> Int {
        var map = [Int](repeating: -1, count: labels.count)
        var count = 0
        for i in labels.indices {
            let l = labels[i]
            if map[l] < 0 {
                map[l] = count
                count += 1
            }
            labels[i] = map[l]
        }
        return count
    }
}

extension WeightedGraph {
    /// Splits each community into its connected components and numbers them by first appearance in node order.
    /// Splitting a disconnected community never lowers modularity: no edge is cut, and the penalty term shrinks.
    func connectedRenumbering(of membership: [Int]) -> [Int] {
        var result = [Int](repeating: -1, count: nodeCount)
        var stack: [Int] = []
        var next = 0
        withCSR { csr in
            for s in 0..<nodeCount where result[s] < 0 {
                result[s] = next
                stack.append(s)
                while let v = stack.popLast() {
                    for k in csr.offsets[v]..<csr.offsets[v + 1] {
                        let u = Int(csr.targets[k])
                        if result[u] < 0 && membership[u] == membership[v] {
                            result[u] = next
                            stack.append(u)
                        }
                    }
                }
                next += 1
            }
        }
        return result
    }
}
