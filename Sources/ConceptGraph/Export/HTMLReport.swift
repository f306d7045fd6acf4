import Foundation
import GRDB

/// One self-contained HTML page about the store: a clickable map, the clusters, and every paper
/// with its methods, data sets, tasks, metrics, claims, related papers and citations. It works
/// offline (inline CSS, no script, no external asset), escapes every text, and the same store
/// always gives the same bytes.
///
/// Bounded for large stores: at most `maximumPapers` papers are written (taken in turns from
/// each cluster, most linked first, so every cluster is represented), and the map draws the
/// papers one by one only up to `diagramPaperLimit` papers, the clusters overview beyond.
public struct HTMLReport: Sendable {
    /// What to put in the page.
    public struct Options: Sendable, Hashable {
        /// Papers written in full; the page says how many were left out.
        public var maximumPapers = 2000
        /// The map shows papers up to this many papers in the store, else the clusters.
        public var diagramPaperLimit = 400
        /// Related papers listed per paper.
        public var relatedPerPaper = 5
        /// Seconds Graphviz may take to draw the map.
        public var timeout: Double = 120

        public init(maximumPapers: Int = 2000, diagramPaperLimit: Int = 400) {
            self.maximumPapers = maximumPapers
            self.diagramPaperLimit = diagramPaperLimit
        }
    }

    /// The page.
    public var html: String
    /// Papers in the store and papers written in the page.
    public var papers: Int
    public var papersListed: Int
    /// The graph the map shows; nil when there is no map (Graphviz missing or failed, empty store).
    public var diagram: GraphExport.Kind?
    /// What the user should know: papers left out, why the map is missing.
    public var notes: [String]
}

extension Store {
    /// Builds the report page. Graphviz draws the map; without it the page says so and has the rest.
    public func htmlReport(_ options: HTMLReport.Options = HTMLReport.Options(), renderer: GraphvizRenderer? = nil) throws -> HTMLReport {
        var page = ReportPage(store: self, options: options)
        return try page.build(renderer: renderer ?? GraphvizRenderer(timeout: options.timeout))
    }
}

/// Gathers what the page shows and writes it, in page order.
struct ReportPage {
    let store: Store
    let options: HTMLReport.Options
    private var notes: [String] = []

    init(store: Store, options: HTMLReport.Options) {
        self.store = store
        self.options = options
    }

    /// A group of papers in the page: a cluster, or the papers in none.
    struct Section {
        var cluster: ClusterSummary?
        /// Every member, most linked first.
        var members: [Int64]
        /// The members written in the page.
        var listed: [Int64] = []
    }

    mutating func build(renderer: GraphvizRenderer) throws -> HTMLReport {
        let counts = try store.read { db in
            (papers: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0,
             similar: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM similarity") ?? 0,
             citations: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM citation") ?? 0,
             inCorpus: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM citation WHERE cited IS NOT NULL") ?? 0)
        }
        let clusters = try store.clusters()
        let strength = try linkStrength()
        let titles = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, label FROM paper ORDER BY id").map { ($0["id"] as Int64, $0["label"] as String) }
        }
        let clustered = Set(clusters.flatMap { $0.papers.map(\.id) })
        func mostLinkedFirst(_ ids: [Int64]) -> [Int64] {
            ids.sorted { a, b in (strength[a] ?? 0) != (strength[b] ?? 0) ? (strength[a] ?? 0) > (strength[b] ?? 0) : a < b }
        }
        var sections = clusters.map { Section(cluster: $0, members: mostLinkedFirst($0.papers.map(\.id))) }
        sections.append(Section(cluster: nil, members: mostLinkedFirst(titles.map(\.0).filter { !clustered.contains($0) })))
        // Turns: each section's first paper, then each one's second, …, until the cap.
        var total = 0
        var rank = 0
        while total < options.maximumPapers {
            var took = false
            for i in sections.indices where rank < sections[i].members.count && total < options.maximumPapers {
                sections[i].listed.append(sections[i].members[rank])
                total += 1
                took = true
            }
            if !took { break }
            rank += 1
        }
        let listed = Set(sections.flatMap(\.listed))
        if listed.count < counts.papers {
            notes.append("the page describes \(listed.count) of the \(counts.papers) papers (the most linked of each cluster); "
                         + "`conceptgraph cluster <id>` and `conceptgraph show <paper>` cover the rest")
        }

        let map = try drawMap(papers: counts.papers, listed: listed, clusters: clusters, renderer: renderer)
        var html = ReportMarkup()
        html.open(title: counts.papers == 1 ? "Concept graph of 1 paper" : "Concept graph of \(counts.papers) papers")
        html.header(papers: counts.papers, clusters: clusters.count, similar: counts.similar, citations: counts.citations,
                    inCorpus: counts.inCorpus, unclustered: sections.last?.members.count ?? 0, listed: listed.count)
        html.map(map)
        html.clusterTable(clusters, unclustered: sections.last?.members.count ?? 0)
        let titleOf = Dictionary(titles, uniquingKeysWith: { a, _ in a })
        // Every cluster gets its section (the table and the map link to it), even one whose
        // membership is empty; the papers in no cluster only when there are some.
        for section in sections where section.cluster != nil || !section.members.isEmpty {
            html.openSection(section, titleOf: titleOf)
            for id in section.listed {
                let details = try store.paperDetails(id)
                let related = try store.related(to: id, limit: options.relatedPerPaper)
                html.paper(details, cluster: section.cluster, related: related, listed: listed)
            }
            html.closeSection()
        }
        html.close()
        return HTMLReport(html: html.text, papers: counts.papers, papersListed: listed.count, diagram: map.kind, notes: notes)
    }

    /// Each paper's summed "shares concepts" score and citation weight: how central it is.
    private func linkStrength() throws -> [Int64: Double] {
        try store.read { db in
            var strength: [Int64: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT a, b, score FROM similarity") {
                let score: Double = row["score"]
                strength[row["a"], default: 0] += score
                strength[row["b"], default: 0] += score
            }
            for row in try Row.fetchAll(db, sql: "SELECT citing, cited, confidence FROM citation WHERE cited IS NOT NULL AND cited != citing") {
                let weight = Store.citationEdgeWeight * (row["confidence"] as Double)
                strength[row["citing"], default: 0] += weight
                strength[row["cited"], default: 0] += weight
            }
            return strength
        }
    }

    /// The map as inline SVG: the papers graph (nodes link to the papers' sections) for a small
    /// store, the clusters overview (nodes link to the clusters' sections) for a large one.
    private mutating func drawMap(papers: Int, listed: Set<Int64>, clusters: [ClusterSummary], renderer: GraphvizRenderer) throws -> ReportMarkup.Map {
        guard papers > 0 else { return ReportMarkup.Map(kind: nil, svg: nil, message: "The store holds no papers yet.") }
        let kind: GraphExport.Kind = papers <= options.diagramPaperLimit || clusters.isEmpty ? .papers : .clusters
        if kind == .clusters {
            notes.append("the map shows the clusters: \(papers) papers are more than the \(options.diagramPaperLimit) drawn one by one")
        }
        let graph = try store.graphExport(ExportOptions(graph: kind, linksPerNode: RenderPlan.linksPerNode))
        guard !graph.nodes.isEmpty else { return ReportMarkup.Map(kind: nil, svg: nil, message: "There is nothing to draw yet.") }
        let anchors = kind == .papers ? Set(listed.map { "p\($0)" }) : Set(clusters.map { "k\($0.id)" })
        let (engine, _) = RenderPlan.engine(requested: nil, nodes: graph.nodes.count)
        var writer = DOTWriter(groupBoxes: engine.drawsBoxes, nodeLinks: .anchors(anchors), heading: false)
        writer.labelLines = 2
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("conceptgraph-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("map.svg").path
        do {
            try renderer.render(writer.write(graph), engine: engine, format: .svg, to: file)
            let svg = try String(contentsOfFile: file, encoding: .utf8)
            guard let inline = InlineSVG.embeddable(svg) else {
                notes.append("Graphviz wrote an SVG the page cannot embed safely; the page has no map")
                return ReportMarkup.Map(kind: nil, svg: nil, message: "The map could not be embedded.")
            }
            return ReportMarkup.Map(kind: kind, svg: inline, message: nil, nodes: graph.nodes.count,
                                    links: graph.edgeCounts[.similar] ?? graph.edgeCounts[.links] ?? 0,
                                    citations: graph.edgeCounts[.cites] ?? 0)
        } catch let error as ConceptGraphError {
            notes.append("no map: \(error.description)")
            return ReportMarkup.Map(kind: nil, svg: nil, message: "No map: \(error.description)")
        }
    }
}
