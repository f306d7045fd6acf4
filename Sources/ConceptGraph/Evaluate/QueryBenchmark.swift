import Foundation
import GRDB

/// Latency of the graph queries on a built store, measured in-process (no process start-up):
/// p50 and p99 over a deterministic sample of papers and concepts.
public struct QueryBenchmark: Sendable, Codable {
    public struct Latency: Sendable, Codable {
        public var query: String
        public var samples: Int
        public var p50ms: Double
        public var p99ms: Double
        public var maxms: Double
    }

    public var papers: Int
    public var latencies: [Latency]

    public static func run(store: Store, samples: Int = 200) throws -> QueryBenchmark {
        let (paperIDs, conceptKeys, clusterIDs, words) = try store.read { db -> ([Int64], [String], [Int], [String]) in
            let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0
            // Every k-th paper and concept: spread over the store, the same on every run.
            let step = max(1, n / samples)
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM paper WHERE id % ? = 0 ORDER BY id LIMIT ?", arguments: [step, samples])
            let concepts = try String.fetchAll(db, sql: """
                SELECT key FROM concept WHERE papers >= 2 ORDER BY papers DESC, key LIMIT ?
                """, arguments: [samples])
            let clusters = try Int.fetchAll(db, sql: "SELECT id FROM cluster ORDER BY id LIMIT ?", arguments: [samples])
            let words = concepts.prefix(samples).map { $0.split(separator: " ").first.map(String.init) ?? $0 }
            return (ids, concepts, clusters, words)
        }
        guard !paperIDs.isEmpty else { throw ConceptGraphError.invalidArgument("the store holds no papers; run `conceptgraph build` first") }
        let clock = ContinuousClock()
        func measure(_ name: String, _ count: Int, _ body: (Int) throws -> Void) throws -> Latency {
            var times: [Double] = []
            for i in 0..<count {
                let d = try clock.measure { try body(i) }
                times.append((Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000)
            }
            times.sort()
            func pct(_ p: Double) -> Double { times.isEmpty ? 0 : times[min(times.count - 1, Int(Double(times.count) * p))] }
            return Latency(query: name, samples: count, p50ms: (pct(0.5) * 1000).rounded() / 1000,
                           p99ms: (pct(0.99) * 1000).rounded() / 1000, maxms: ((times.last ?? 0) * 1000).rounded() / 1000)
        }
        var latencies: [Latency] = []
        latencies.append(try measure("related", paperIDs.count) { _ = try store.related(to: paperIDs[$0], limit: 10) })
        latencies.append(try measure("concept", conceptKeys.count) { _ = try store.conceptReport(conceptKeys[$0]) })
        latencies.append(try measure("show", paperIDs.count) { _ = try store.paperDetails(paperIDs[$0]) })
        latencies.append(try measure("cites", paperIDs.count) { _ = try store.citations(of: paperIDs[$0], outgoing: true) })
        latencies.append(try measure("cited-by", paperIDs.count) { _ = try store.citations(of: paperIDs[$0], outgoing: false) })
        latencies.append(try measure("search", words.count) { _ = try store.papers(search: words[$0], limit: 20) })
        latencies.append(try measure("clusters", min(20, samples)) { _ in _ = try store.clusters(papersPerCluster: 3) })
        latencies.append(try measure("clusters, all papers", min(5, samples)) { _ in _ = try store.clusters() })
        if !clusterIDs.isEmpty {
            latencies.append(try measure("cluster", clusterIDs.count) { _ = try store.cluster(String(clusterIDs[$0])) })
        }
        let pairs = min(50, paperIDs.count / 2)
        if pairs > 0 {
            latencies.append(try measure("path", pairs) { _ = try store.path(from: paperIDs[$0], to: paperIDs[paperIDs.count - 1 - $0], maxSteps: 4) })
        }
        let n = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0 }
        return QueryBenchmark(papers: n, latencies: latencies)
    }

    public var table: String {
        var lines = ["Query latency on \(papers) papers (in-process, ms)", "query                 samples      p50      p99      max"]
        for l in latencies {
            lines.append("\(l.query.padding(toLength: 20, withPad: " ", startingAt: 0))  \(String(format: "%7d", l.samples))  \(String(format: "%7.2f", l.p50ms))  \(String(format: "%7.2f", l.p99ms))  \(String(format: "%7.2f", l.maxms))")
        }
        return lines.joined(separator: "\n")
    }
}
