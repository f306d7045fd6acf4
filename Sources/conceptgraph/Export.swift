import ArgumentParser
import ConceptGraph
import Foundation

extension GraphExport.Kind: ExpressibleByArgument {}
extension GraphvizEngine: ExpressibleByArgument {}
extension RenderFormat: ExpressibleByArgument {}

/// A count, or `all` for no limit.
enum Limit: ExpressibleByArgument, Equatable {
    case all
    case count(Int)

    init?(argument: String) {
        if argument.lowercased() == "all" { self = .all; return }
        guard let n = Int(argument), n >= 0 else { return nil }
        self = .count(n)
    }

    var defaultValueDescription: String {
        if case let .count(n) = self { return String(n) }
        return "all"
    }

    /// Nil for `all`, as the library takes it.
    var value: Int? {
        if case let .count(n) = self { return n }
        return nil
    }
}

/// The options that choose and thin the graph, shared by `export` and `render`.
struct GraphSelection: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only this cluster (id or label words): its papers and their direct neighbours.", valueName: "cluster"))
    var cluster: String?

    @Option(name: .long, help: ArgumentHelp("Only the cluster of this paper (id, arXiv id, DOI or title words), the paper highlighted.", valueName: "paper"))
    var paper: String?

    @Option(name: .customLong("min-weight"), help: ArgumentHelp("Drop lighter links: shares-concepts score (papers), shared papers (concepts), summed weight (clusters).", valueName: "W"))
    var minimumWeight: Double?

    func validate() throws {
        if let minimumWeight, minimumWeight < 0 || !minimumWeight.isFinite {
            throw ValidationError("--min-weight must be a number of at least 0.")
        }
        if cluster != nil && paper != nil {
            throw ValidationError("Please give either --cluster or --paper, not both: --paper draws the paper's own cluster.")
        }
    }
}

extension ConceptGraphCommand {
    /// The file formats `export` writes.
    enum ExportFormat: String, CaseIterable, ExpressibleByArgument {
        case dot, graphml, json

        /// The format a file name asks for, by its extension.
        init?(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "dot", "gv": self = .dot
            case "graphml", "xml": self = .graphml
            case "json": self = .json
            default: return nil
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a graph of the store as DOT, GraphML or node-link JSON.",
            discussion: """
                --graph papers: papers linked by shared concepts (kind=similar, weight=the score, shared=the concepts) and by citations (kind=cites, directed, with confidence, evidence and citationKind). Node attributes: title, authors, year, url, cluster, clusterLabel, methods, datasets; a missing value is left out, never a placeholder.

                --graph concepts: concepts found in at least two papers, linked by the number of papers they share (at least 2; the 2,000 strongest links; concepts left without a link are dropped).

                --graph clusters: one node per cluster, linked by the summed shares-concepts and citation weights between their papers.

                Thinning (all kept by default): --neighbours N keeps, around a cluster, the N outside papers most linked to it; --links-per-node K keeps a link only when it is among the K strongest of one of its ends (citations are always kept).

                DOT opens in Graphviz (or use `conceptgraph render`); GraphML in Gephi, Cytoscape, yEd or networkx.read_graphml; JSON is node-link JSON for networkx.node_link_graph(data, edges="links") and d3. Output is byte-identical for the same store.

                Examples:
                  conceptgraph export --format graphml -o graph.graphml
                  conceptgraph export --format dot --cluster 3 > cluster3.dot
                  conceptgraph export --format json --graph concepts --min-weight 3
                  conceptgraph export --format dot --paper "Transformers learn in-context" --neighbours 6 --links-per-node 3
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("dot, graphml or json (default: from the -o file's extension; json with --json).", valueName: "format"))
        var format: ExportFormat?

        @Option(name: .long, help: ArgumentHelp("papers, concepts or clusters.", valueName: "graph"))
        var graph: GraphExport.Kind = .papers

        @OptionGroup var selection: GraphSelection

        @Option(name: .long, help: ArgumentHelp("Around a cluster, keep this many outside papers (the most linked to it), or all.", valueName: "N|all"))
        var neighbours: Limit = .all

        @Option(name: .customLong("links-per-node"), help: ArgumentHelp("Keep a link only if it is among the K strongest of one of its ends, or all.", valueName: "K|all"))
        var linksPerNode: Limit = .all

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if resolvedFormat == nil {
                throw ValidationError("Please choose a format: --format dot, --format graphml or --format json.")
            }
        }

        var resolvedFormat: ExportFormat? {
            format ?? output.flatMap(ExportFormat.init(path:)) ?? (store.json ? .json : nil)
        }

        func run() throws {
            try reportingErrors {
                let clock = ContinuousClock()
                let start = clock.now
                let db = try store.openExisting()
                let exported = try db.graphExport(ExportOptions(graph: graph, cluster: selection.cluster, minimumWeight: selection.minimumWeight,
                                                                paper: selection.paper, neighbours: neighbours.value, linksPerNode: linksPerNode.value))
                let text: String
                switch resolvedFormat ?? .dot {
                case .dot: text = DOTWriter().write(exported)
                case .graphml: text = GraphMLWriter().write(exported)
                case .json: text = try NodeLinkJSONWriter().write(exported)
                }
                guard let output else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                    return
                }
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw ConceptGraphError.invalidArgument("cannot write \(output): \(error.localizedDescription)")
                }
                let elapsed = clock.now - start
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                printError("Wrote \(output): \(exported.kind.rawValue) graph, \(exported.nodes.count) nodes, \(exported.edges.count) edges (\(String(format: "%.2f", seconds)) s)")
            }
        }
    }

    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draw a graph of the store with Graphviz (SVG, PNG or PDF).",
            discussion: """
                Without --engine the size decides: neato up to 1,000 nodes, sfdp beyond, clusters shown by colour, with a legend; both give the same picture on every run. --engine fdp or dot draws a box per cluster (fdp's layout changes from run to run; dot lays a similarity graph out in long rows). A store of more than 20,000 papers is drawn as the clusters overview unless --graph papers is given. In SVG, nodes show the full title, authors and year on hover and link to arXiv or the DOI.

                So that the picture can be read, each node keeps only its 3 strongest links (--links-per-node; citations are always drawn) and a cluster is drawn with the 6 papers of other clusters most linked to it (--neighbours).

                Graphviz runs as a child process and is stopped after --timeout seconds. It must be installed: apt-get install graphviz.

                Examples:
                  conceptgraph render -o graph.svg
                  conceptgraph render --cluster "in-context learning" -o icl.pdf
                  conceptgraph render --paper "Transformers learn in-context by gradient descent" -o icl-gd.svg
                  conceptgraph render --graph clusters --format png -o overview.png
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("papers, concepts or clusters (default: papers; clusters for more than 20,000 papers).", valueName: "graph"))
        var graph: GraphExport.Kind?

        @OptionGroup var selection: GraphSelection

        @Option(name: .long, help: ArgumentHelp("Around a cluster, draw this many outside papers (the most linked to it), or all.", valueName: "N|all"))
        var neighbours: Limit = .count(RenderPlan.neighbours)

        @Option(name: .customLong("links-per-node"), help: ArgumentHelp("Draw a link only if it is among the K strongest of one of its ends, or all.", valueName: "K|all"))
        var linksPerNode: Limit = .count(RenderPlan.linksPerNode)

        @Option(name: .long, help: ArgumentHelp("neato, sfdp, fdp or dot (default: chosen by size).", valueName: "engine"))
        var engine: GraphvizEngine?

        @Option(name: .long, help: ArgumentHelp("svg, png or pdf (default: from the -o file's extension, else svg).", valueName: "format"))
        var format: RenderFormat?

        @Option(name: [.short, .long], help: ArgumentHelp("The picture file to write.", valueName: "file"))
        var output: String

        @Option(name: .long, help: ArgumentHelp("Stop Graphviz after this many seconds.", valueName: "seconds"))
        var timeout: Double = 120

        func validate() throws {
            if !(timeout > 0) || !timeout.isFinite { throw ValidationError("--timeout must be a positive number of seconds.") }
            if output.isEmpty || output == "-" { throw ValidationError("Please give a file to write with -o FILE (for DOT text on standard output use `conceptgraph export --format dot`).") }
        }

        func run() throws {
            try reportingErrors {
                let extensionFormat = RenderFormat(rawValue: (output as NSString).pathExtension.lowercased())
                var request = RenderRequest(output: output, format: format ?? extensionFormat ?? .svg, graph: graph, cluster: selection.cluster,
                                            paper: selection.paper, minimumWeight: selection.minimumWeight, engine: engine, timeout: timeout)
                request.neighbours = neighbours.value
                request.linksPerNode = linksPerNode.value
                let report = try store.openExisting().render(request)
                if store.json { try printJSON(report); return }
                for note in report.notes { printError("note: \(note)") }
                print("Wrote \(report.output): \(report.graph.rawValue) graph, \(report.nodes) nodes, \(report.edges) edges, "
                      + "\(report.engine.rawValue) → \(report.format.rawValue), \(report.bytes) bytes (\(String(format: "%.2f", report.seconds)) s in Graphviz)")
            }
        }
    }
}
