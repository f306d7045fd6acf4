import Foundation

/// What to draw, and how; nil fields are chosen by size (see `RenderPlan`).
public struct RenderRequest: Sendable, Hashable {
    public var graph: GraphExport.Kind?
    public var cluster: String?
    /// Draw the cluster of this paper, the paper highlighted (see `ExportOptions.paper`).
    public var paper: String?
    public var minimumWeight: Double?
    /// Papers of other clusters drawn around a cluster; nil draws every one.
    public var neighbours: Int? = RenderPlan.neighbours
    /// Strongest links kept per node; nil keeps all.
    public var linksPerNode: Int? = RenderPlan.linksPerNode
    public var engine: GraphvizEngine?
    public var format: RenderFormat
    public var output: String
    public var timeout: Double

    public init(output: String, format: RenderFormat = .svg, graph: GraphExport.Kind? = nil, cluster: String? = nil,
                paper: String? = nil, minimumWeight: Double? = nil, engine: GraphvizEngine? = nil, timeout: Double = 120) {
        self.output = output
        self.format = format
        self.graph = graph
        self.cluster = cluster
        self.paper = paper
        self.minimumWeight = minimumWeight
        self.engine = engine
        self.timeout = timeout
    }

    /// What to read from the store for the picture.
    func exportOptions(_ kind: GraphExport.Kind) -> ExportOptions {
        ExportOptions(graph: kind, cluster: cluster, minimumWeight: minimumWeight, paper: paper,
                      neighbours: neighbours, linksPerNode: linksPerNode)
    }
}

/// What a render did.
public struct RenderReport: Sendable, Hashable, Codable {
    public var output: String
    public var graph: GraphExport.Kind
    public var engine: GraphvizEngine
    public var format: RenderFormat
    public var nodes: Int
    public var edges: Int
    public var bytes: Int
    public var seconds: Double
    /// Choices made for the user and Graphviz's warnings.
    public var notes: [String]
}

extension Store {
    /// Draws a graph of the store with Graphviz: builds the export, writes DOT for the chosen
    /// engine (boxes for dot and fdp, colours for sfdp) and runs the program with a time limit.
    public func render(_ request: RenderRequest, renderer: GraphvizRenderer? = nil) throws -> RenderReport {
        var notes: [String] = []
        let papers = request.graph == nil ? try paperCount() : 0
        let (kind, graphNote) = RenderPlan.graph(requested: request.graph, papers: papers,
                                                 restricted: request.cluster != nil || request.paper != nil)
        if let graphNote { notes.append(graphNote) }
        let graph = try graphExport(request.exportOptions(kind))
        guard !graph.nodes.isEmpty else {
            throw ConceptGraphError.invalidArgument("the \(kind.rawValue) graph is empty; run `conceptgraph build <files…>` first")
        }
        let (engine, engineNote) = RenderPlan.engine(requested: request.engine, nodes: graph.nodes.count)
        if let engineNote { notes.append(engineNote) }
        let dot = DOTWriter(groupBoxes: engine.drawsBoxes).write(graph)
        let runner = renderer ?? GraphvizRenderer(timeout: request.timeout)
        let outcome = try runner.render(dot, engine: engine, format: request.format, to: request.output)
        notes += outcome.warnings
        return RenderReport(output: request.output, graph: kind, engine: engine, format: request.format,
                            nodes: graph.nodes.count, edges: graph.edges.count, bytes: outcome.bytes,
                            seconds: outcome.seconds, notes: notes)
    }
}
