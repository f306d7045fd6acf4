/// How to draw a graph so the picture is readable, the same on every run, and Graphviz finishes:
/// which graph, which engine, how much of it. neato, clusters as colours, up to 1,000 nodes (fdp
/// draws boxes but its layout changes from run to run); sfdp beyond (2 s at 5,000 nodes, 23 s at
/// 20,000); and beyond 20,000 papers the one-node-per-cluster overview, unless the papers graph
/// was asked for. A picture keeps only each node's strongest links and, around a cluster, only
/// the outside papers most linked to it.
public struct RenderPlan: Sendable, Hashable {
    public var graph: GraphExport.Kind
    public var engine: GraphvizEngine
    /// Why the plan differs from what was asked, for the user.
    public var notes: [String]

    /// Largest graph drawn with neato when no engine is named.
    public static let neatoLimit = 1000
    /// Largest graph for which dot is not warned against.
    public static let boxLimit = 1500
    /// Largest paper count drawn paper by paper when the graph was not named.
    public static let overviewLimit = 20000
    /// Links kept per node in a picture (the strongest; citations always).
    public static let linksPerNode = 3
    /// Papers of other clusters drawn around a cluster (the most linked to it).
    public static let neighbours = 6

    /// The graph to draw when the user named none: papers, or the clusters overview for a very
    /// large store (a cluster restriction keeps the papers graph: it is small by construction).
    public static func graph(requested: GraphExport.Kind?, papers: Int, restricted: Bool) -> (GraphExport.Kind, String?) {
        if let requested { return (requested, nil) }
        if papers > overviewLimit && !restricted {
            return (.clusters, "\(papers) papers are too many to draw one by one; drawing the clusters overview (ask for --graph papers to draw them anyway, with sfdp)")
        }
        return (.papers, nil)
    }

    /// The engine for a graph of `nodes` nodes when the user named none: neato up to 1,000
    /// nodes (the same layout every run; dot lays a similarity graph out in long flat rows), sfdp
    /// beyond.
    public static func engine(requested: GraphvizEngine?, nodes: Int) -> (GraphvizEngine, String?) {
        if let requested {
            if requested == .dot && nodes > boxLimit {
                return (requested, "\(nodes) nodes is a lot for dot (15 s at 2,000 nodes, minutes beyond); --engine sfdp is much faster")
            }
            if requested == .neato && nodes > boxLimit {
                return (requested, "\(nodes) nodes is a lot for neato (27 s at 1,500 nodes); --engine sfdp is much faster")
            }
            if requested == .fdp {
                return (requested, "fdp draws a box per cluster, but Graphviz places the nodes differently on every run; neato gives the same picture each time")
            }
            return (requested, nil)
        }
        if nodes > neatoLimit {
            return (.sfdp, "\(nodes) nodes: drawing with sfdp")
        }
        return (.neato, nil)
    }
}
