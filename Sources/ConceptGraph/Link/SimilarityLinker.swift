import Foundation

/// One "shares concepts" edge with the concepts that explain it.
struct SimilarityEdge {
    var a: Int
    var b: Int
    var score: Double
    /// The shared concepts contributing most, (concept index, contribution), strongest first.
    var reasons: [(Int32, Double)]
}

/// Links each paper to its best `k` neighbours by the cosine of their weighted concept vectors.
///
/// Candidates come from an inverted index (concept → papers), never from all pairs; concepts in
/// more than `maxPostings` papers are left out of candidate generation (their specificity is low
/// anyway), which keeps the cost about linear in the number of papers.
public struct SimilarityLinker: Sendable {
    /// Below this similarity two papers share too little to be linked.
    public static let defaultThreshold = 0.08
    var k = 10
    var threshold = defaultThreshold
    var maxPostings = 1000
    var reasonsPerEdge = 4

    func link(vectors: [[(Int32, Double)]], conceptCount: Int, progress: ProgressObserver? = nil) -> [SimilarityEdge] {
        // Inverted index in CSR form.
        var counts = [Int32](repeating: 0, count: conceptCount + 1)
        for v in vectors { for (c, _) in v { counts[Int(c) + 1] += 1 } }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
        var fill = counts
        var postings = [(Int32, Double)](repeating: (0, 0), count: Int(counts[conceptCount]))
        for (p, v) in vectors.enumerated() {
            for (c, w) in v {
                postings[Int(fill[Int(c)])] = (Int32(p), w)
                fill[Int(c)] += 1
            }
        }
        // Each paper's neighbours depend only on the index, so papers are scored in parallel:
        // chunks dealt round-robin to one worker per core, each with its own score array, and
        // their pairs joined in chunk order, so the result is the same on any number of cores.
        let n = vectors.count
        let chunk = 1024
        let chunks = (n + chunk - 1) / chunk
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chunks))
        let (k, threshold, maxPostings) = (self.k, self.threshold, self.maxPostings)
        let (offsets, entries) = (counts, postings)
        var perChunk = [[(Int, Int, Double)]](repeating: [], count: chunks)
        perChunk.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            let work: @Sendable (Int) -> Void = { worker in
                var scores = [Double](repeating: 0, count: n)
                var touched: [Int] = []
                var top: [(Int, Double)] = []
                var c = worker
                while c < chunks {
                    var pairs: [(Int, Int, Double)] = []
                    let range = c * chunk..<min((c + 1) * chunk, n)
                    for p in range {
                        for (concept, w) in vectors[p] {
                            let lo = Int(offsets[Int(concept)])
                            let hi = Int(offsets[Int(concept) + 1])
                            if hi - lo > maxPostings { continue }
                            for i in lo..<hi {
                                let (q, wq) = entries[i]
                                let qi = Int(q)
                                if qi == p { continue }
                                if scores[qi] == 0 { touched.append(qi) }
                                scores[qi] += w * wq
                            }
                        }
                        // Top k above the threshold, best first, ties broken by paper order for
                        // determinism: kept sorted while the touched papers are visited (and
                        // their scores cleared), so nothing is sorted beyond k entries.
                        for q in touched {
                            let s = scores[q]
                            scores[q] = 0
                            guard s >= threshold, k > 0 else { continue }
                            if top.count == k {
                                let worst = top[k - 1]
                                guard s > worst.1 || (s == worst.1 && q < worst.0) else { continue }
                                top.removeLast()
                            }
                            var i = top.count
                            while i > 0 && (top[i - 1].1 < s || (top[i - 1].1 == s && top[i - 1].0 > q)) { i -= 1 }
                            top.insert((q, s), at: i)
                        }
                        for (q, s) in top { pairs.append((min(p, q), max(p, q), s)) }
                        top.removeAll(keepingCapacity: true)
                        touched.removeAll(keepingCapacity: true)
                    }
                    out[c] = pairs
                    progress?.advance(range.count)
                    c += workers
                }
            }
            if workers > 1 { DispatchQueue.concurrentPerform(iterations: workers, execute: work) } else { work(0) }
        }
        var pairs = perChunk.flatMap { $0 }
        perChunk = []
        // Union of both directions' top-k lists: sort the pairs and keep each once.
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var unique: [(Int, Int, Double)] = []
        unique.reserveCapacity(pairs.count / 2 + 1)
        for (i, pair) in pairs.enumerated() where i == 0 || pairs[i - 1].0 != pair.0 || pairs[i - 1].1 != pair.1 { unique.append(pair) }
        pairs = []
        // Each edge's reasons depend only on its two papers: in parallel.
        let edges = unique
        return Parallel.map(edges.count, chunk: 4096) { i in
            let (a, b, s) = edges[i]
            return SimilarityEdge(a: a, b: b, score: s, reasons: reasons(vectors[a], vectors[b]))
        }
    }

    /// Shared concepts by contribution (merge of two sorted vectors).
    func reasons(_ x: [(Int32, Double)], _ y: [(Int32, Double)]) -> [(Int32, Double)] {
        var i = 0
        var j = 0
        var shared: [(Int32, Double)] = []
        while i < x.count && j < y.count {
            if x[i].0 == y[j].0 { shared.append((x[i].0, x[i].1 * y[j].1)); i += 1; j += 1 }
            else if x[i].0 < y[j].0 { i += 1 } else { j += 1 }
        }
        shared.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return Array(shared.prefix(reasonsPerEdge))
    }
}
