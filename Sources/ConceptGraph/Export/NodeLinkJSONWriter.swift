/// Writes a graph as node-link JSON, the shape `networkx.node_link_graph(data, edges="links")`
/// and d3 read: `{"directed", "multigraph", "graph", "nodes": [{"id", …}], "links": [{"source",
/// "target", …}]}`, key-sorted and pretty-printed like every JSON output of conceptgraph.
public struct NodeLinkJSONWriter: Sendable {
    public init() {}

    struct Document: Encodable {
        var directed: Bool
        var multigraph: Bool
        var graph: [String: AttributeValue]
        var nodes: [[String: AttributeValue]]
        var links: [[String: AttributeValue]]
    }

    /// The JSON text of `graph`; the same graph always gives the same text.
    public func write(_ graph: GraphExport) throws -> String {
        let nodes = graph.nodes.map { node -> [String: AttributeValue] in
            var record = GraphMLWriter.nodeData(node)
            record["id"] = .string(node.id)
            return record
        }
        let links = graph.edges.map { edge -> [String: AttributeValue] in
            var record = GraphMLWriter.edgeData(edge)
            record["source"] = .string(edge.source)
            record["target"] = .string(edge.target)
            return record
        }
        let document = Document(directed: graph.isDirected, multigraph: graph.isMultigraph, graph: graph.attributes,
                                nodes: nodes, links: links)
        return try JSONOutput.encode(document) + "\n"
    }
}
