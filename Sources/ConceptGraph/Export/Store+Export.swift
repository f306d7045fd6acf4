import Foundation
import GRDB

/// What to export: which graph, restricted to which cluster, without which weak edges.
public struct ExportOptions: Sendable, Hashable {
    public var graph: GraphExport.Kind
    /// A cluster id or words of its label. Papers: the cluster's papers plus their direct
    /// neighbours (marked `neighbour`); concepts: co-occurrence within the cluster's papers;
    /// clusters: the cluster and the clusters it links to.
    public var cluster: String?
    /// Drop lighter edges: "shares concepts" scores (papers), co-occurrence counts (concepts),
    /// summed link weights (clusters). Citations are always kept.
    public var minimumWeight: Double?
    /// The concepts graph keeps at most this many concepts (most papers first) …
    public var maximumConcepts = 1000
    /// … and at most this many co-occurrence edges (most shared papers first); concepts left
    /// without an edge are dropped.
    public var maximumConceptEdges = 2000
    /// Method and data-set names listed per paper.
    public var namesPerPaper = 5

    public init(graph: GraphExport.Kind = .papers, cluster: String? = nil, minimumWeight: Double? = nil) {
        self.graph = graph
        self.cluster = cluster
        self.minimumWeight = minimumWeight
    }
}

extension Store {
    /// The graph to export, read from one snapshot of the store.
    public func graphExport(_ options: ExportOptions = ExportOptions()) throws -> GraphExport {
        try read { db in
            let reader = GraphExportReader(db: db, options: options)
            switch options.graph {
            case .papers: return try reader.papers()
            case .concepts: return try reader.concepts()
            case .clusters: return try reader.clusters()
            }
        }
    }

    /// Number of papers in the store: the size of the papers graph, for choosing how to draw it.
    public func paperCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0 }
    }
}
