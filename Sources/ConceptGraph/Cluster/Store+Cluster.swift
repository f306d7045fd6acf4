import Foundation
import GRDB

/// What the cluster stage found.
public struct ClusterReport: Sendable, Codable {
    public var clusters: Int
    public var clustered: Int
    public var unclustered: Int
    public var modularity: Double
    public var resolution: Double
}

/// The cluster stage: Leiden on the paper graph ("shares concepts" edges plus citations between
/// corpus papers), labels from concepts, and papers without real links left unclustered.
extension Store {
    /// Citations count for this much of a similarity edge per unit of confidence.
    static let citationEdgeWeight = 0.3
    /// Communities smaller than this are not clusters.
    static let minimumClusterSize = 3

    @discardableResult
    public func cluster(resolution: Double = 1.0, seed: UInt64 = 42) throws -> ClusterReport {
        let snapshot = try read { db in try CorpusSnapshot.load(db) }
        return try cluster(snapshot, resolution: resolution, seed: seed)
    }

    func cluster(_ snapshot: CorpusSnapshot, resolution: Double, seed: UInt64) throws -> ClusterReport {
        try write { db in
            let n = snapshot.papers.count
            // Millions of edges at scale: read through cursors (one row object reused) by column position.
            var edges: [(Int, Int, Double)] = []
            let similarities = try Row.fetchCursor(db, sql: "SELECT a, b, score FROM similarity ORDER BY a, b")
            while let row = try similarities.next() {
                if let a = snapshot.index[row[0]], let b = snapshot.index[row[1]] { edges.append((a, b, row[2])) }
            }
            let citations = try Row.fetchCursor(db, sql: "SELECT citing, cited, confidence FROM citation WHERE cited IS NOT NULL ORDER BY id")
            while let row = try citations.next() {
                if let a = snapshot.index[row[0]], let b = snapshot.index[row[1]], a != b {
                    edges.append((a, b, Self.citationEdgeWeight * (row[2] as Double)))
                }
            }
            let graph = WeightedGraph(nodeCount: n, edges: edges)
            let leiden = Leiden(resolution: resolution, seed: seed)
            let communities = leiden.communities(of: graph)
            let modularity = Leiden.modularity(of: graph, communities: communities, resolution: resolution)

            // Communities of real size, largest first (ties by first member), numbered from 1.
            var groups: [Int: [Int]] = [:]
            for (p, c) in communities.enumerated() where graph.degree(p) > 0 { groups[c, default: []].append(p) }
            let kept = groups.values.filter { $0.count >= Self.minimumClusterSize }
                .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
            let labels = ClusterLabeler().label(members: kept, snapshot: snapshot)

            try db.execute(sql: "DELETE FROM membership; DELETE FROM cluster; DELETE FROM graphInfo")
            let insertCluster = try db.makeStatement(sql: "INSERT INTO cluster (id, label, terms, size) VALUES (?, ?, ?, ?)")
            var insertMember = try BoundStatement(db, sql: "INSERT INTO membership (paperID, clusterID) VALUES (?, ?)")
            var clustered = 0
            for (i, members) in kept.enumerated() {
                let terms = labels[i]
                let label = terms.isEmpty ? "cluster \(i + 1)" : terms.joined(separator: " · ")
                try insertCluster.execute(arguments: [i + 1, label, try JSONOutput.compact(terms), members.count])
                for p in members {
                    insertMember.bind(snapshot.papers[p].id)
                    insertMember.bind(i + 1)
                    try insertMember.step()
                }
                clustered += members.count
            }
            let info: [(String, String)] = [("modularity", String(format: "%.6f", modularity)), ("resolution", String(resolution)),
                                            ("seed", String(seed)), ("nodes", String(n)), ("edges", String(edges.count))]
            for (name, value) in info {
                try db.execute(sql: "INSERT INTO graphInfo (name, value) VALUES (?, ?)", arguments: [name, value])
            }
            return ClusterReport(clusters: kept.count, clustered: clustered, unclustered: n - clustered,
                                 modularity: modularity, resolution: resolution)
        }
    }
}
