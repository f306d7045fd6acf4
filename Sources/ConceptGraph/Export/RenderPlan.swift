/// How to draw a graph so the picture is readable and Graphviz finishes: which graph, which
/// engine, boxes or colours. fdp with cluster boxes up to about 1,500 nodes; sfdp, colouring
/// clusters, above that (1 s at 1,500 nodes, 23 s at 20,000); and beyond
/// 20,000 papers the one-node-per-cluster overview, unless the papers graph was asked for.
public struct RenderPlan: Sendable, Hashable {
    public var graph: GraphExport.Kind
    public var engine: GraphvizEngine
    /// Why the plan differs from what was asked, for the user.
    public var notes: [String]

    /// Largest graph drawn with cluster boxes (dot or fdp).
    public static let boxLimit = 1500
    /// Largest paper count drawn paper by paper when the graph was not named.
    public static let overviewLimit = 20000

    /// The graph to draw when the user named none: papers, or the clusters overview for a very
    /// large store (a cluster restriction keeps the papers graph: it is small by construction).
    public static func graph(requested: GraphExport.Kind?, papers: Int, restricted: Bool) -> (GraphExport.Kind, String?) {
        if let requested { return (requested, nil) }
        if papers > overviewLimit && !restricted {
            return (.clusters, "\(papers) papers are too many to draw one by one; drawing the clusters overview (ask for --graph papers to draw them anyway, with sfdp)")
        }
        return (.papers, nil)
    }

    /// The engine for a graph of `nodes` nodes when the user named none: fdp with cluster boxes up
    /// to 1,500 nodes (dot lays a similarity graph out in long flat rows), sfdp beyond.
    public static func engine(requested: GraphvizEngine?, nodes: Int) -> (GraphvizEngine, String?) {
        if let requested {
            if requested == .dot && nodes > boxLimit {
                return (requested, "\(nodes) nodes is a lot for dot (15 s at 2,000 nodes, minutes beyond); --engine sfdp is much faster")
            }
            return (requested, nil)
        }
        if nodes > boxLimit {
            return (.sfdp, "\(nodes) nodes: drawing with sfdp, clusters shown by colour instead of boxes")
        }
        return (.fdp, nil)
    }
}
