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
    /// A paper (id, arXiv id, DOI or title words): restricts the graph to the paper's cluster, as
    /// `cluster` does, and marks the paper `highlight`. Wins over `cluster`.
    public var paper: String?
    /// With a cluster restriction, keep only this many neighbours outside the cluster: those most
    /// strongly linked to it. Nil keeps all.
    public var neighbours: Int?
    /// Keep an undirected link only when it is among the strongest `k` of one of its ends (see
    /// `GraphExport.keepingStrongestLinks`). Nil keeps all.
    public var linksPerNode: Int?

    public init(graph: GraphExport.Kind = .papers, cluster: String? = nil, minimumWeight: Double? = nil,
                paper: String? = nil, neighbours: Int? = nil, linksPerNode: Int? = nil) {
        self.graph = graph
        self.cluster = cluster
        self.minimumWeight = minimumWeight
        self.paper = paper
        self.neighbours = neighbours
        self.linksPerNode = linksPerNode
    }
}

extension Store {
    /// The graph to export, read from one snapshot of the store.
    public func graphExport(_ options: ExportOptions = ExportOptions()) throws -> GraphExport {
        var options = options
        var highlight: Int64?
        if let query = options.paper {
            let paper = try resolvePaper(query)
            guard let cluster = try clusterOf(paper) else {
                throw ConceptGraphError.invalidArgument("paper #\(paper) is in no cluster (too few links); draw the whole graph or name a cluster")
            }
            options.cluster = String(cluster.id)
            highlight = paper
        }
        var graph: GraphExport = try read { db in
            let reader = GraphExportReader(db: db, options: options, highlight: highlight)
            switch options.graph {
            case .papers: return try reader.papers()
            case .concepts: return try reader.concepts()
            case .clusters: return try reader.clusters()
            }
        }
        if let neighbours = options.neighbours { graph = graph.keepingClosestNeighbours(neighbours) }
        if let k = options.linksPerNode { graph = graph.keepingStrongestLinks(perNode: k) }
        return graph
    }

    /// Number of papers in the store: the size of the papers graph, for choosing how to draw it.
    public func paperCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0 }
    }
}
