import Foundation

/// Writes a graph as Graphviz DOT: clusters as boxes (or only as colours, for neato and sfdp),
/// edge width by weight, citations as arrows, "shares concepts" links without, titles wrapped onto
/// a few short lines, and a heading with a colour legend. Every id and text is quoted and escaped,
/// so titles can hold any character and keywords such as `node` or `strict` are safe.
public struct DOTWriter: Sendable {
    /// Where a node's link goes (SVG output makes it clickable).
    public enum NodeLinks: Sendable, Hashable {
        /// The paper's page (arXiv or DOI), when it has one.
        case external
        /// `#<node id>` within the page that embeds the picture, for the nodes in the set.
        case anchors(Set<String>)
    }

    /// Draw each group in a `subgraph cluster_N` box. dot and fdp draw boxes; neato and sfdp ignore them.
    public var groupBoxes: Bool
    /// Above this many nodes overlaps are removed by scaling rather than by moving nodes one by
    /// one: sfdp takes 18 s on 5,000 nodes with `overlap=false`, 2 s with `scale`.
    public var exactOverlapLimit = 2000
    /// Characters per line of a node label.
    public var labelWidth = 22
    /// Lines of a node label; nil chooses by size (three up to 80 nodes, else two).
    public var labelLines: Int?
    public var nodeLinks: NodeLinks = .external
    /// The heading over the picture: title, what is drawn, and a colour swatch per group.
    public var heading = true

    public init(groupBoxes: Bool = true, nodeLinks: NodeLinks = .external, heading: Bool = true) {
        self.groupBoxes = groupBoxes
        self.nodeLinks = nodeLinks
        self.heading = heading
    }

    /// Ideal edge lengths (inches) for the force-directed engines: short inside a group and long
    /// between groups, so groups come apart on the page even without boxes.
    static let lengthInsideGroup = 1.0
    static let lengthBetweenGroups = 1.8

    /// The DOT text of `graph`; the same graph always gives the same text.
    public func write(_ graph: GraphExport) -> String {
        var out = ""
        let arrow = graph.isDirected ? "->" : "--"
        let boxes = groupBoxes && graph.groupsAreBoxes
        let lines = labelLines ?? (graph.nodes.count <= 80 ? 3 : 2)
        let small = graph.nodes.count <= 60 && graph.edges.count <= 150
        out += "\(graph.isDirected ? "digraph" : "graph") \(Self.quote("conceptgraph \(graph.kind.rawValue)")) {\n"
        var graphAttributes: [(String, String)] = [
            ("fontname", "Helvetica"), ("fontsize", "14"),
            ("overlap", graph.nodes.count <= exactOverlapLimit ? "false" : "scale"), ("sep", "+8"),
            ("outputorder", "edgesfirst"), ("nodesep", "0.3"), ("ranksep", "0.6"), ("pad", "0.3"), ("bgcolor", "white"),
        ]
        // Curved edges that go round the nodes are worth it on a small picture only: routing
        // them takes 20 s on 200 nodes. Otherwise each engine's fast default.
        if small { graphAttributes.append(("splines", "true")) }
        // neato: on a thinned papers graph (long chains of strongest links) distances from the
        // subset model pack the picture much tighter than shortest paths; the few, dense links
        // of the clusters graph lay out best with the default. The other engines ignore it.
        if graph.kind == .papers { graphAttributes.append(("model", "subset")) }
        if heading { graphAttributes += [("labelloc", "t"), ("labeljust", "l")] }
        out += "  graph [" + Self.attributes(graphAttributes)
        if heading { out += ", label=" + headingLabel(graph) }
        out += "]\n"
        out += "  node [" + Self.attributes([
            ("shape", "box"), ("style", "rounded,filled"), ("fontname", "Helvetica"), ("fontsize", small ? "14" : "12"),
            ("margin", "0.12,0.06"), ("color", "0 0 0.45"), ("fillcolor", "0 0 0.96"), ("penwidth", "1"),
        ]) + "]\n"
        out += "  edge [" + Self.attributes([("color", "#55555588"), ("arrowsize", "0.7"), ("fontname", "Helvetica"), ("fontsize", "8")]) + "]\n"

        let largestGroup = max(1, graph.groups.map(\.size).max() ?? 1)
        let groupByID = Dictionary(graph.groups.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func nodeLine(_ node: GraphExport.Node, indent: String) -> String {
            var attributes: [(String, String)] = [("label", label(of: node, graph: graph, lines: lines))]
            if case let .string(tooltip)? = node.attributes["tooltip"] { attributes.append(("tooltip", tooltip)) }
            switch nodeLinks {
            case .external:
                if case let .string(url)? = node.attributes["url"] { attributes.append(("URL", url)) }
            case let .anchors(ids):
                if ids.contains(node.id) { attributes.append(("URL", "#" + node.id)) }
            }
            if let group = node.group {
                attributes.append(("fillcolor", GroupPalette.fill(group)))
                attributes.append(("color", GroupPalette.border(group)))
            }
            var style = "rounded,filled"
            if case .bool(true)? = node.attributes["neighbour"] { style += ",dashed" }
            if case .bool(true)? = node.attributes["highlight"] {
                style += ",bold"
                attributes += [("penwidth", "3"), ("fontsize", small ? "16" : "14")]
            }
            if style != "rounded,filled" { attributes.append(("style", style)) }
            if graph.kind == .clusters, let group = node.group.flatMap({ groupByID[$0] }) {
                // Bigger clusters, bigger type.
                let size = 13 + 9 * (Double(group.size) / Double(largestGroup)).squareRoot()
                attributes += [("fontsize", String(format: "%.1f", size)), ("margin", "0.2,0.1"), ("penwidth", "1.5")]
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
        var heaviest: [GraphExport.EdgeKind: Double] = [:]
        for e in graph.edges { heaviest[e.kind] = max(heaviest[e.kind] ?? 0, e.weight) }
        for edge in graph.edges {
            let top = heaviest[edge.kind] ?? 1
            let relative = top > 0 ? edge.weight / top : 1
            var attributes: [(String, String)] = [("penwidth", Self.twoDecimals(0.8 + 4.2 * relative))]
            let sameGroup = (groupOf[edge.source] ?? nil).map { $0 == groupOf[edge.target] ?? nil } ?? false
            switch edge.kind {
            case .similar:
                if graph.isDirected { attributes.append(("dir", "none")) }
                // Links inside a cluster take its colour; links between clusters stay grey.
                if sameGroup, let g = groupOf[edge.source] ?? nil { attributes.append(("color", GroupPalette.edge(g))) }
                attributes.append(("len", Self.twoDecimals(sameGroup ? Self.lengthInsideGroup : Self.lengthBetweenGroups)))
                attributes.append(("tooltip", "shares concepts (\(edge.weight))" + Self.text(edge.attributes["shared"], prefix: ": ")))
            case .cites:
                attributes = [("penwidth", "2.5"), ("color", "0.000 0.800 0.700"), ("style", "bold")]
                attributes.append(("len", Self.twoDecimals(sameGroup ? Self.lengthInsideGroup : Self.lengthBetweenGroups)))
                let how = Self.text(edge.attributes["citationKind"], prefix: "")
                attributes.append(("tooltip", "cites (\(how), confidence \(edge.weight))" + Self.text(edge.attributes["evidence"], prefix: ": ")))
            case .cooccurs:
                attributes.append(("tooltip", "together in \(Int(edge.weight)) papers"))
            case .links:
                // Strongly linked clusters sit closer.
                attributes.append(("len", Self.twoDecimals(2.2 - 0.8 * relative)))
                attributes.append(("tooltip", "link weight \(edge.weight)"
                                   + Self.text(edge.attributes["similar"], prefix: "; shares-concepts edges: ")
                                   + Self.text(edge.attributes["cites"], prefix: "; citations: ")))
            }
            out += "  " + Self.quote(edge.source) + " \(arrow) " + Self.quote(edge.target) + " [" + Self.attributes(attributes) + "]\n"
        }
        out += "}\n"
        return out
    }

    /// The text in a node: a paper's title (or a cluster's terms, whole terms per line) wrapped
    /// onto `lines` lines, and a cluster's size.
    private func label(of node: GraphExport.Node, graph: GraphExport, lines: Int) -> String {
        switch graph.kind {
        case .papers:
            let text: String
            if case let .string(title)? = node.attributes["title"] { text = title } else { text = node.label }
            return Self.wrap(text, width: labelWidth, lines: lines).joined(separator: "\n")
        case .clusters:
            var wrapped = Self.wrap(node.label, width: labelWidth + 10, lines: 4, phraseSeparator: " · ")
            if case let .int(size)? = node.attributes["size"] { wrapped.append("\(size) papers") }
            return wrapped.joined(separator: "\n")
        case .concepts:
            return Self.wrap(node.label, width: labelWidth, lines: 2).joined(separator: "\n")
        }
    }

    /// Words of `text` on lines of at most `width` characters (a longer word stands alone, cut
    /// past twice the width), at most `lines` of them, the last ending in "…" when text is left.
    /// With a `phraseSeparator` ("a · b · c") phrases that fit stay on one line.
    public static func wrap(_ text: String, width: Int, lines maximum: Int, phraseSeparator: String? = nil) -> [String] {
        func words<S: StringProtocol>(_ s: S) -> [String] {
            s.unicodeScalars.split { $0.properties.isWhitespace || $0.value < 0x20 }.map { piece in
                let word = String(String.UnicodeScalarView(piece))
                return word.count > 2 * width ? String(word.prefix(2 * width - 1)) + "…" : word
            }
        }
        // Each unit with the text that joins it to the one before on the same line.
        var units: [(text: String, joiner: String)] = []
        if let separator = phraseSeparator, text.contains(separator) {
            for phrase in text.components(separatedBy: separator) {
                let parts = words(phrase)
                guard let first = parts.first else { continue }
                let whole = parts.joined(separator: " ")
                if whole.count <= width {
                    units.append((whole, separator))
                } else {
                    units.append((first, separator))
                    units += parts.dropFirst().map { ($0, " ") }
                }
            }
        } else {
            units = words(text).map { ($0, " ") }
        }
        var result: [String] = []
        var line = ""
        for unit in units {
            if line.isEmpty {
                line = unit.text
            } else if line.count + unit.joiner.count + unit.text.count <= width {
                line += unit.joiner + unit.text
            } else {
                result.append(line)
                line = unit.text
            }
        }
        if !line.isEmpty { result.append(line) }
        // An ellipsis the text already ends with stays with the last word.
        if result.count > 1, result.last == "…" {
            result.removeLast()
            result[result.count - 1] += " …"
        }
        guard result.count > max(1, maximum) else { return result }
        result = Array(result.prefix(max(1, maximum)))
        var last = result[result.count - 1]
        while let c = last.last, ",;:–-(·".contains(c) || c == " " { last.removeLast() }
        result[result.count - 1] = last + "…"
        return result
    }

    /// The title of the picture.
    static func title(_ graph: GraphExport) -> String {
        switch graph.kind {
        case .papers:
            if case let .string(label)? = graph.attributes["clusterLabel"], case let .int(id)? = graph.attributes["cluster"] {
                return "Cluster \(id): \(label)"
            }
            return "Papers and what links them"
        case .concepts:
            if case let .string(label)? = graph.attributes["clusterLabel"] { return "Concepts of the cluster \(label)" }
            return "Concepts found together"
        case .clusters:
            return "Clusters and the links between them"
        }
    }

    /// What the picture shows, with the counts and the thinning applied.
    static func caption(_ graph: GraphExport) -> String {
        let counts = graph.edgeCounts
        let perNode: String
        if case let .int(k)? = graph.attributes["linksPerNode"] {
            perNode = " (the \(k == 1 ? "" : "\(k) ")strongest per \(graph.kind == .clusters ? "cluster" : graph.kind == .concepts ? "concept" : "paper"))"
        } else {
            perNode = ""
        }
        var minimum = ""
        if case let .double(w)? = graph.attributes["minimumWeight"] { minimum = " of weight \(w) or more" }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch graph.kind {
        case .papers:
            let neighbours = graph.nodes.filter { $0.attributes["neighbour"] == .bool(true) }.count
            var parts: [String] = []
            if graph.attributes["cluster"] != nil {
                parts.append("\(plural(graph.nodes.count - neighbours, "paper")) of the cluster and the \(plural(neighbours, "paper")) "
                             + "of other clusters most linked to it (dashed)")
            } else {
                parts.append(plural(graph.nodes.count, "paper"))
            }
            parts.append("\(plural(counts[.similar] ?? 0, "shares-concepts link"))\(minimum)\(perNode); line width: how much two papers share")
            if let cites = counts[.cites], cites > 0 { parts.append("\(plural(cites, "citation")) (red arrows)") }
            return parts.joined(separator: "; ")
        case .concepts:
            return "\(plural(graph.nodes.count, "concept")) found in two or more papers; "
                + "\(plural(counts[.cooccurs] ?? 0, "link"))\(minimum)\(perNode): papers in which both appear"
        case .clusters:
            return "\(plural(graph.nodes.count, "cluster")) with their size; \(plural(counts[.links] ?? 0, "link"))\(minimum)\(perNode); "
                + "line width: shared concepts and citations between their papers"
        }
    }

    /// The heading as a Graphviz HTML-like label: title, caption, one swatch per group (the
    /// clusters graph needs none: its nodes are the groups).
    private func headingLabel(_ graph: GraphExport) -> String {
        var rows = "<tr><td align=\"left\"><font point-size=\"24\"><b>\(Self.htmlLabelText(Self.title(graph)))</b></font></td></tr>"
        let caption = Self.wrap(Self.caption(graph), width: 110, lines: 4).map(Self.htmlLabelText).joined(separator: "<br align=\"left\"/>")
        rows += "<tr><td align=\"left\"><font point-size=\"15\" color=\"#444444\">\(caption)<br align=\"left\"/></font></td></tr>"
        if graph.kind != .clusters {
            var shown: [Int: Int] = [:]
            for node in graph.nodes { if let g = node.group { shown[g, default: 0] += 1 } }
            let focus: Int? = { if case let .int(id)? = graph.attributes["cluster"], graph.kind == .papers { return id } else { return nil } }()
            // The focus cluster first, then the others by id.
            let groups = graph.groups.filter { shown[$0.id] != nil }.sorted { a, b in
                (a.id == focus ? 0 : 1, a.id) < (b.id == focus ? 0 : 1, b.id)
            }
            let limit = 12
            var legend = ""
            for group in groups.prefix(limit) {
                var text = graph.kind == .papers ? "\(group.id) · \(group.label)" : group.label
                if graph.kind == .papers {
                    let count = shown[group.id] ?? 0
                    text += count == group.size ? " (\(group.size) papers)" : " (\(count) of its \(group.size) papers)"
                } else {
                    text += " (\(group.size))"
                }
                // A coloured square glyph: a swatch cell of its own would be stretched to the caption's width.
                legend += "<tr><td align=\"left\"><font point-size=\"16\" color=\"\(GroupPalette.borderHex(group.id))\">■</font>"
                    + "<font point-size=\"14\"> \(Self.htmlLabelText(Self.wrap(text, width: 120, lines: 1)[0]))</font></td></tr>"
            }
            if groups.count > limit {
                legend += "<tr><td align=\"left\"><font point-size=\"14\">… and \(groups.count - limit) more</font></td></tr>"
            }
            rows += legend
        }
        return "<<table border=\"0\" cellborder=\"0\" cellspacing=\"3\" cellpadding=\"1\">\(rows)</table>>"
    }

    /// Text for a Graphviz HTML-like label: markup characters as entities, control characters
    /// dropped, line breaks as spaces.
    static func htmlLabelText(_ text: String) -> String {
        ReportMarkup.escape(text, lineBreaksAsSpaces: true)
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
