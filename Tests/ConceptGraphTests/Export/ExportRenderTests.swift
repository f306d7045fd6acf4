import Foundation
import Testing
@testable import ConceptGraph

/// Drawing with Graphviz as a child process: output, engine choice, time limit, missing program.
struct ExportRenderTests {
    @Test(.enabled(if: ExternalTools.path(of: "neato") != nil, "Graphviz `neato` is not installed (apt-get install graphviz)"))
    func renderWritesTheSameSVGOfThePapersEveryTime() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let output = scratch.url.appendingPathComponent("graph.svg").path
        let report = try store.render(RenderRequest(output: output))
        #expect(report.graph == .papers && report.engine == .neato && report.nodes == 192)
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        #expect(svg.contains("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(report.bytes == svg.utf8.count)
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 192)
        // Thinned to each paper's strongest links: fewer than the 904 links of the store.
        #expect(report.edges < 904 && report.edges == svg.components(separatedBy: "class=\"edge\"").count - 1)
        // The same picture again, byte for byte.
        let again = scratch.url.appendingPathComponent("again.svg").path
        _ = try store.render(RenderRequest(output: again))
        #expect(try String(contentsOfFile: again, encoding: .utf8) == svg)
        // No temporary file left beside the picture.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.contains("partial") }.isEmpty)
    }

    @Test(.enabled(if: ExternalTools.hasFdp, "Graphviz `fdp` is not installed (apt-get install graphviz)"))
    func fdpDrawsClusterBoxesAndSaysItsLayoutVaries() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let output = scratch.url.appendingPathComponent("boxes.svg").path
        let report = try store.render(RenderRequest(output: output, cluster: "in-context learning", engine: .fdp))
        #expect(try String(contentsOfFile: output, encoding: .utf8).contains("class=\"cluster\""))
        #expect(report.notes.contains { $0.contains("differently on every run") })
    }

    @Test(.enabled(if: ExternalTools.path(of: "neato") != nil, "Graphviz `neato` is not installed (apt-get install graphviz)"))
    func aPaperIsDrawnWithItsClusterAndFewNeighbours() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let output = scratch.url.appendingPathComponent("icl.svg").path
        let title = FixtureGraphTests.iclGD[0]
        let report = try store.render(RenderRequest(output: output, paper: title))
        let cluster = try store.cluster("in-context learning")
        #expect(report.nodes == cluster.papers.count + RenderPlan.neighbours)
        let svg = try String(contentsOfFile: output, encoding: .utf8)
        // The heading names the cluster; the paper asked about is drawn bold.
        #expect(svg.contains("Cluster \(cluster.id):"))
        #expect(svg.contains("stroke-width=\"3\""))
    }

    @Test(.enabled(if: ExternalTools.path(of: "sfdp") != nil, "Graphviz `sfdp` is not installed (apt-get install graphviz)"))
    func renderWithSfdpColoursInsteadOfBoxesAndWritesPNG() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let output = scratch.url.appendingPathComponent("graph.png").path
        let report = try store.render(RenderRequest(output: output, format: .png, graph: .concepts, engine: .sfdp))
        #expect(report.engine == .sfdp && report.graph == .concepts)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(!DOTWriter(groupBoxes: false).write(try store.graphExport()).contains("subgraph"))
        #expect(DOTWriter(groupBoxes: true).write(try store.graphExport()).contains("subgraph \"cluster_1\""))
    }

    @Test func aStuckProgramIsStoppedAtTheTimeLimit() throws {
        let scratch = Scratch()
        let fake = scratch.write("fake-dot", "#!/bin/sh\nexec sleep 60\n")
        chmod(fake, 0o755)
        let renderer = GraphvizRenderer(timeout: 1, executable: fake)
        let output = scratch.url.appendingPathComponent("stuck.svg").path
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: ConceptGraphError.self) {
            try renderer.render("digraph { a -> b }", engine: .dot, format: .svg, to: output)
        }
        #expect(clock.now - start < .seconds(5))
        #expect(error?.description.contains("did not finish within 1 s and was stopped") == true, "\(String(describing: error))")
        #expect(error?.description.contains("--timeout") == true)
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test(.enabled(if: ExternalTools.hasDot, "Graphviz `dot` is not installed (apt-get install graphviz)"))
    func aTinyTimeLimitStopsRealDotOnABigGraph() throws {
        // 3,000 papers in 30 boxes: dot needs minutes for this.
        let nodes = (0..<3000).map { GraphExport.Node(id: "p\($0)", label: "Paper number \($0) with a title", group: $0 % 30 + 1) }
        var edges: [GraphExport.Edge] = []
        for i in 0..<3000 { for step in [1, 7, 31, 401] where i + step < 3000 {
            edges.append(GraphExport.Edge(source: "p\(i)", target: "p\(i + step)", kind: .similar, weight: 0.5))
        } }
        let groups = (1...30).map { GraphExport.Group(id: $0, label: "cluster \($0)", size: 100) }
        let graph = GraphExport(kind: .papers, isDirected: true, groupsAreBoxes: true, groups: groups, nodes: nodes, edges: edges)
        let scratch = Scratch()
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: ConceptGraphError.self) {
            try GraphvizRenderer(timeout: 0.5).render(DOTWriter().write(graph), engine: .dot, format: .svg,
                                                      to: scratch.url.appendingPathComponent("big.svg").path)
        }
        #expect(clock.now - start < .seconds(10))
    }

    @Test func aMissingGraphvizSaysHowToInstallIt() throws {
        let scratch = Scratch()
        let renderer = GraphvizRenderer(searchPath: [scratch.url.path])
        #expect(renderer.locate(.dot) == nil)
        let error = #expect(throws: ConceptGraphError.self) {
            try renderer.render("digraph {}", engine: .sfdp, format: .svg, to: scratch.url.appendingPathComponent("x.svg").path)
        }
        #expect(error?.description.hasPrefix("Graphviz is not installed: apt-get install graphviz") == true)
    }

    @Test(.enabled(if: ExternalTools.hasDot, "Graphviz `dot` is not installed (apt-get install graphviz)"))
    func graphvizErrorsArePassedOn() throws {
        let scratch = Scratch()
        let output = scratch.url.appendingPathComponent("bad.svg").path
        let error = #expect(throws: ConceptGraphError.self) {
            try GraphvizRenderer().render("digraph { a -> ", engine: .dot, format: .svg, to: output)
        }
        #expect(error?.description.hasPrefix("dot failed (exit status 1)") == true, "\(String(describing: error))")
        #expect(error?.description.contains("syntax error") == true)
        #expect(!FileManager.default.fileExists(atPath: output))
        // A folder that does not exist is named.
        #expect(throws: ConceptGraphError.self) {
            try GraphvizRenderer().render("digraph {}", engine: .dot, format: .svg, to: "/nonexistent/folder/x.svg")
        }
    }

    @Test func anEmptyStoreHasNothingToDraw() throws {
        let scratch = Scratch()
        let store = try scratch.store()
        let error = #expect(throws: ConceptGraphError.self) {
            try store.render(RenderRequest(output: scratch.url.appendingPathComponent("x.svg").path))
        }
        #expect(error?.description.contains("graph is empty") == true)
    }

    @Test func planChoosesEngineAndGraphBySize() {
        #expect(RenderPlan.engine(requested: nil, nodes: 192).0 == .neato)
        #expect(RenderPlan.engine(requested: nil, nodes: 1000).0 == .neato)
        #expect(RenderPlan.engine(requested: nil, nodes: 1001).0 == .sfdp)
        #expect(RenderPlan.engine(requested: .fdp, nodes: 100).1 != nil, "fdp's layout varies: the user is told")
        #expect(RenderPlan.engine(requested: .dot, nodes: 100) == (.dot, nil))
        #expect(RenderPlan.engine(requested: .dot, nodes: 5000).1 != nil, "a warning for dot on a big graph")
        #expect(RenderPlan.graph(requested: nil, papers: 500, restricted: false).0 == .papers)
        #expect(RenderPlan.graph(requested: nil, papers: 25000, restricted: false).0 == .clusters)
        #expect(RenderPlan.graph(requested: nil, papers: 25000, restricted: true).0 == .papers)
        #expect(RenderPlan.graph(requested: .papers, papers: 25000, restricted: false).0 == .papers)
    }

    @Test func paletteStaysDistinctBeyondTwelveClusters() {
        let fills = (1...40).map(GroupPalette.fill)
        #expect(Set(fills).count == 40)
        // Neighbouring ids are far apart in hue.
        for id in 1..<40 {
            let d = abs(GroupPalette.hue(id) - GroupPalette.hue(id + 1))
            #expect(min(d, 1 - d) > 0.2)
        }
        #expect(GroupPalette.edge(3).count == 9 && GroupPalette.edge(3).hasPrefix("#"))
    }
}
