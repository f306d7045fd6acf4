import Foundation

/// Writes a graph as Graphviz DOT: clusters as boxes (or only as colours, for sfdp), edge width by
/// weight, citations as arrows, "shares concepts" links without. Every id and text is quoted and
/// escaped, so titles can hold any character and keywords such as `node` or `strict` are safe.
public struct DOTWriter: Sendable {
    /// Draw each group in a `subgraph cluster_N` box. dot and fdp draw boxes; sfdp ignores them.
    public var groupBoxes: Bool
    /// Above this many nodes overlaps are removed by scaling rather than by moving nodes one by
    /// one: sfdp takes 18 s on 5,000 nodes with `overlap=false`, 2 s with `scale`.
    public var exactOverlapLimit = 2000

    public init(groupBoxes: Bool = true) {
        self.groupBoxes = groupBoxes
    }

    /// The DOT text of `graph`; the same graph always gives the same text.
    public func write(_ graph: GraphExport) -> String {
        var out = ""
        let arrow = graph.isDirected ? "->" : "--"
        out += "\(graph.isDirected ? "digraph" : "graph") \(Self.quote("conceptgraph \(graph.kind.rawValue)")) {\n"
        out += "  graph [" + Self.attributes([
            ("label", Self.caption(graph)), ("labelloc", "t"), ("fontname", "Helvetica"), ("fontsize", "16"),
            // No `splines`: each engine's default is its fast one (curves in dot, lines in fdp and
            // sfdp, where routing curves around nodes takes 20 s on 200 nodes).
            ("overlap", graph.nodes.count <= exactOverlapLimit ? "false" : "scale"),
            ("outputorder", "edgesfirst"), ("nodesep", "0.25"), ("ranksep", "0.6"), ("pad", "0.3"), ("bgcolor", "white"),
        ]) + "]\n"
        out += "  node [" + Self.attributes([
            ("shape", "box"), ("style", "rounded,filled"), ("fontname", "Helvetica"), ("fontsize", "10"),
            ("margin", "0.1,0.05"), ("color", "0 0 0.45"), ("fillcolor", "0 0 0.96"), ("penwidth", "0.8"),
        ]) + "]\n"
        out += "  edge [" + Self.attributes([("color", "#55555588"), ("arrowsize", "0.6"), ("fontname", "Helvetica"), ("fontsize", "8")]) + "]\n"

        let boxes = groupBoxes && graph.groupsAreBoxes
        let largestGroup = max(1, graph.groups.map(\.size).max() ?? 1)
        var palette: [Int: (fill: String, border: String)] = [:]
        for group in Set(graph.nodes.compactMap(\.group)) { palette[group] = (GroupPalette.fill(group), GroupPalette.border(group)) }
        func nodeLine(_ node: GraphExport.Node, indent: String) -> String {
            var attributes: [(String, String)] = [("label", node.label)]
            if case let .string(tooltip)? = node.attributes["tooltip"] { attributes.append(("tooltip", tooltip)) }
            if case let .string(url)? = node.attributes["url"] { attributes.append(("URL", url)) }
            if let group = node.group, let colours = palette[group] {
                attributes.append(("fillcolor", colours.fill))
                attributes.append(("color", colours.border))
            }
            if case .bool(true)? = node.attributes["neighbour"] { attributes.append(("style", "rounded,filled,dashed")) }
            if graph.kind == .clusters, let group = graph.groups.first(where: { $0.id == node.group }) {
                // Bigger clusters, bigger type.
                let size = 11 + 13 * (Double(group.size) / Double(largestGroup)).squareRoot()
                attributes.append(("fontsize", String(format: "%.1f", size)))
            }
            return indent + Self.quote(node.id) + " [" + Self.attributes(attributes) + "]\n"
        }

        if boxes {
            var byGroup: [Int: [GraphExport.Node]] = [:]
            for node in graph.nodes { if let g = node.group { byGroup[g, default: []].append(node) } }
            for group in graph.groups {
                guard let members = byGroup[group.id], !members.isEmpty else { continue }
                out += "  subgraph \(Self.quote("cluster_\(group.id)")) {\n"
                out += "    graph [" + Self.attributes([
                    ("label", "\(group.id) · \(group.label) (\(group.size))"), ("tooltip", group.label),
                    ("style", "rounded,filled"), ("color", GroupPalette.border(group.id)),
                    ("fillcolor", GroupPalette.background(group.id)), ("fontsize", "12"), ("fontname", "Helvetica"),
                ]) + "]\n"
                for node in members { out += nodeLine(node, indent: "    ") }
                out += "  }\n"
            }
            // Nodes whose group is not listed, and unclustered ones, sit outside every box.
            let boxed = Set(graph.groups.map(\.id))
            for node in graph.nodes where node.group.map({ !boxed.contains($0) }) ?? true { out += nodeLine(node, indent: "  ") }
        } else {
            for node in graph.nodes { out += nodeLine(node, indent: "  ") }
        }

        let groupOf = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.id, $0.group) })
        let edgeColours = Dictionary(uniqueKeysWithValues: palette.keys.map { ($0, GroupPalette.edge($0)) })
        var heaviest: [GraphExport.EdgeKind: Double] = [:]
        for e in graph.edges { heaviest[e.kind] = max(heaviest[e.kind] ?? 0, e.weight) }
        for edge in graph.edges {
            let top = heaviest[edge.kind] ?? 1
            let relative = top > 0 ? edge.weight / top : 1
            var attributes: [(String, String)] = [("penwidth", Self.twoDecimals(0.6 + 3.4 * relative))]
            switch edge.kind {
            case .similar:
                if graph.isDirected { attributes.append(("dir", "none")) }
                // Links inside a cluster take its colour; links between clusters stay grey.
                if let g = groupOf[edge.source] ?? nil, groupOf[edge.target] == g, let colour = edgeColours[g] { attributes.append(("color", colour)) }
                attributes.append(("tooltip", "shares concepts (\(edge.weight))" + Self.text(edge.attributes["shared"], prefix: ": ")))
            case .cites:
                attributes.append(("color", "0.000 0.800 0.700"))
                attributes.append(("style", "bold"))
                let how = Self.text(edge.attributes["citationKind"], prefix: "")
                attributes.append(("tooltip", "cites (\(how), confidence \(edge.weight))" + Self.text(edge.attributes["evidence"], prefix: ": ")))
            case .cooccurs:
                attributes.append(("tooltip", "together in \(Int(edge.weight)) papers"))
            case .links:
                attributes.append(("tooltip", "link weight \(edge.weight)"
                                   + Self.text(edge.attributes["similar"], prefix: "; shares-concepts edges: ")
                                   + Self.text(edge.attributes["cites"], prefix: "; citations: ")))
            }
            out += "  " + Self.quote(edge.source) + " \(arrow) " + Self.quote(edge.target) + " [" + Self.attributes(attributes) + "]\n"
        }
        out += "}\n"
        return out
    }

    /// The title over the picture: what graph, how big, restricted to what.
    static func caption(_ graph: GraphExport) -> String {
        let counts = graph.edgeCounts
        var parts: [String] = []
        switch graph.kind {
        case .papers:
            parts.append("\(graph.nodes.count) papers")
            parts.append("\(counts[.similar] ?? 0) shares-concepts links, \(counts[.cites] ?? 0) citations")
        case .concepts:
            parts.append("\(graph.nodes.count) concepts")
            parts.append("\(counts[.cooccurs] ?? 0) co-occurrence links")
        case .clusters:
            parts.append("\(graph.nodes.count) clusters")
            parts.append("\(counts[.links] ?? 0) links")
        }
        var title = "conceptgraph: \(graph.kind.rawValue)"
        if case let .string(label)? = graph.attributes["clusterLabel"] { title += " around cluster \(label)" }
        return title + " (" + parts.joined(separator: "; ") + ")"
    }

    private static func text(_ value: AttributeValue?, prefix: String) -> String {
        guard let value else { return "" }
        let s = value.description
        return prefix + (s.count > 300 ? String(s.prefix(300)) + "…" : s)
    }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { "\($0.0)=\(quote($0.1))" }.joined(separator: ", ")
    }

    /// A DOT double-quoted string: backslash and quote escaped, line breaks as `\n`, tabs as
    /// spaces, other control characters (C0, DEL, C1) and U+FFFE/U+FFFF dropped. Works on UTF-8
    /// bytes: a large graph quotes millions of strings.
    public static func quote(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = [0x22]
        out.reserveCapacity(utf8.count + 8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case 0x5C: out += [0x5C, 0x5C]
            case 0x22: out += [0x5C, 0x22]
            case 0x0D:
                out += [0x5C, 0x6E]
                if i + 1 < utf8.count && utf8[i + 1] == 0x0A { i += 1 }
            case 0x0A: out += [0x5C, 0x6E]
            case 0x09: out.append(0x20)
            case 0x00..<0x20, 0x7F: break
            case 0xC2 where i + 1 < utf8.count && (0x80...0x9F).contains(utf8[i + 1]):
                i += 1
            case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// `x` with two decimals, without the cost of `String(format:)` on every edge.
    static func twoDecimals(_ x: Double) -> String {
        let hundredths = Int((max(0, x) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
