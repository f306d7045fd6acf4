import ArgumentParser
import ConceptGraph
import Foundation

extension GraphExport.Kind: ExpressibleByArgument {}
extension GraphvizEngine: ExpressibleByArgument {}
extension RenderFormat: ExpressibleByArgument {}

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

                DOT opens in Graphviz (or use `conceptgraph render`); GraphML in Gephi, Cytoscape, yEd or networkx.read_graphml; JSON is node-link JSON for networkx.node_link_graph(data, edges="links") and d3. Output is byte-identical for the same store.

                Examples:
                  conceptgraph export --format graphml -o graph.graphml
                  conceptgraph export --format dot --cluster 3 > cluster3.dot
                  conceptgraph export --format json --graph concepts --min-weight 3
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("dot, graphml or json (default: from the -o file's extension; json with --json).", valueName: "format"))
        var format: ExportFormat?

        @Option(name: .long, help: ArgumentHelp("papers, concepts or clusters.", valueName: "graph"))
        var graph: GraphExport.Kind = .papers

        @Option(name: .long, help: ArgumentHelp("Only this cluster (id or label words): its papers and their direct neighbours.", valueName: "cluster"))
        var cluster: String?

        @Option(name: .customLong("min-weight"), help: ArgumentHelp("Drop lighter links: shares-concepts score (papers), shared papers (concepts), summed weight (clusters).", valueName: "W"))
        var minimumWeight: Double?

        @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?

        func validate() throws {
            if let minimumWeight, minimumWeight < 0 || !minimumWeight.isFinite {
                throw ValidationError("--min-weight must be a number of at least 0.")
            }
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
                let exported = try db.graphExport(ExportOptions(graph: graph, cluster: cluster, minimumWeight: minimumWeight))
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
                Without --engine the size decides: fdp with a box per cluster up to 1,500 nodes, sfdp with clusters as colours beyond (dot draws boxes too, but lays a similarity graph out in long rows). A store of more than 20,000 papers is drawn as the clusters overview unless --graph papers is given. In SVG, nodes show the full title, authors and year on hover and link to arXiv or the DOI.

                Graphviz runs as a child process and is stopped after --timeout seconds. It must be installed: apt-get install graphviz.

                Examples:
                  conceptgraph render -o graph.svg
                  conceptgraph render --cluster "in-context learning" -o icl.pdf
                  conceptgraph render --graph clusters --format png -o overview.png
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("papers, concepts or clusters (default: papers; clusters for more than 20,000 papers).", valueName: "graph"))
        var graph: GraphExport.Kind?

        @Option(name: .long, help: ArgumentHelp("Only this cluster (id or label words): its papers and their direct neighbours.", valueName: "cluster"))
        var cluster: String?

        @Option(name: .customLong("min-weight"), help: ArgumentHelp("Drop lighter links (see `conceptgraph export --help`).", valueName: "W"))
        var minimumWeight: Double?

        @Option(name: .long, help: ArgumentHelp("dot, fdp or sfdp (default: chosen by size).", valueName: "engine"))
        var engine: GraphvizEngine?

        @Option(name: .long, help: ArgumentHelp("svg, png or pdf (default: from the -o file's extension, else svg).", valueName: "format"))
        var format: RenderFormat?

        @Option(name: [.short, .long], help: ArgumentHelp("The picture file to write.", valueName: "file"))
        var output: String

        @Option(name: .long, help: ArgumentHelp("Stop Graphviz after this many seconds.", valueName: "seconds"))
        var timeout: Double = 120

        func validate() throws {
            if let minimumWeight, minimumWeight < 0 || !minimumWeight.isFinite {
                throw ValidationError("--min-weight must be a number of at least 0.")
            }
            if !(timeout > 0) || !timeout.isFinite { throw ValidationError("--timeout must be a positive number of seconds.") }
            if output.isEmpty || output == "-" { throw ValidationError("Please give a file to write with -o FILE (for DOT text on standard output use `conceptgraph export --format dot`).") }
        }

        func run() throws {
            try reportingErrors {
                let extensionFormat = RenderFormat(rawValue: (output as NSString).pathExtension.lowercased())
                let request = RenderRequest(output: output, format: format ?? extensionFormat ?? .svg, graph: graph, cluster: cluster,
                                            minimumWeight: minimumWeight, engine: engine, timeout: timeout)
                let report = try store.openExisting().render(request)
                if store.json { try printJSON(report); return }
                for note in report.notes { printError("note: \(note)") }
                print("Wrote \(report.output): \(report.graph.rawValue) graph, \(report.nodes) nodes, \(report.edges) edges, "
                      + "\(report.engine.rawValue) → \(report.format.rawValue), \(report.bytes) bytes (\(String(format: "%.2f", report.seconds)) s in Graphviz)")
            }
        }
    }
}
