import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// Titles and names with every character that can break DOT, XML or JSON.
struct ExportEscapingTests {
    static let nastyTitle = "Quote \" back\\slash </script> \"]; x [\nsecond line\u{1}\u{7} & <b>bold</b>\ttab \\"
    /// What XML 1.0 can carry of it: the two control characters go.
    static let xmlTitle = nastyTitle.replacingOccurrences(of: "\u{1}", with: "").replacingOccurrences(of: "\u{7}", with: "")

    /// The fixture graph with paper 1 renamed to `nastyTitle` and given awkward authors and a DOI.
    static func nastyStore(_ scratch: Scratch) throws -> Store {
        let store = try scratch.store()
        _ = try Builder(store: store).build([TestPaths.fixtures])
        try store.write { db in
            try db.execute(sql: "UPDATE paper SET title = ?, label = ?, doi = ?, year = 2021 WHERE id = 1",
                           arguments: [nastyTitle, nastyTitle, "10.1000/a<b>&\"c\""])
            try db.execute(sql: "INSERT INTO author (paperID, position, name) VALUES (1, 0, ?), (1, 1, ?)",
                           arguments: ["Ann \"Q\" O'Neil\\", "strict node"])
        }
        return store
    }

    @Test func dotQuotingEscapesAndDropsControlCharacters() {
        #expect(DOTWriter.quote("plain") == "\"plain\"")
        #expect(DOTWriter.quote("a\"b") == "\"a\\\"b\"")
        #expect(DOTWriter.quote("ends with \\") == "\"ends with \\\\\"")
        #expect(DOTWriter.quote("two\nlines\r\nand\rmore") == "\"two\\nlines\\nand\\nmore\"")
        #expect(DOTWriter.quote("bell\u{7}\u{0}\u{1B}[0m tab\t") == "\"bell[0m tab \"")
        #expect(DOTWriter.quote("</script> ]; x [ {}") == "\"</script> ]; x [ {}\"")
    }

    @Test func xmlEscapingKeepsTextAndDropsWhatXMLForbids() {
        #expect(GraphMLWriter.escape("a & b < c > d \"e\"", attribute: false) == "a &amp; b &lt; c &gt; d \"e\"")
        #expect(GraphMLWriter.escape("\"e\"", attribute: true) == "&quot;e&quot;")
        #expect(GraphMLWriter.escape("x\u{0}\u{1}\u{B}\u{FFFE}y\r\n\tz", attribute: false) == "xy&#13;\n\tz")
        #expect(GraphMLWriter.escape("λ 𝛼 – …", attribute: false) == "λ 𝛼 – …")
    }

    @Test func shortLabelsCutAtAWordWithAnEllipsis() {
        let label = GraphExportReader.shortLabel("Why Can GPT Learn In-Context? Language Models Implicitly Perform Gradient Descent")
        #expect(label == "Why Can GPT Learn In-Context? Language…")
        #expect(GraphExportReader.shortLabel("Short title") == "Short title")
        #expect(GraphExportReader.shortLabel("Line\nbreaks  and   spaces") == "Line breaks and spaces")
        let long = GraphExportReader.shortLabel(String(repeating: "x", count: 60))
        #expect(long.count == 41 && long.hasSuffix("…"))
    }

    @Test(.enabled(if: ExternalTools.hasDot, "Graphviz `dot` is not installed (apt-get install graphviz)"))
    func nastyTitleGivesValidDOT() throws {
        let scratch = Scratch()
        let store = try Self.nastyStore(scratch)
        let graph = try store.graphExport()
        let node = try #require(graph.nodes.first { $0.id == "p1" })
        #expect(node.attributes["title"] == .string(Self.nastyTitle))
        #expect(node.attributes["url"] == .string("https://doi.org/10.1000/a%3Cb%3E&%22c%22"))
        let dot = DOTWriter().write(graph)
        #expect(!dot.contains("\u{1}") && !dot.contains("\u{7}"))
        let result = try ExternalTools.run("dot", ["-Tsvg"], input: dot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("<svg"))
        #expect(result.stdout.contains("back\\slash"), "the backslash survives as a backslash")
        #expect(result.stdout.components(separatedBy: "class=\"node\"").count - 1 == graph.nodes.count)
    }

    @Test(.enabled(if: ExternalTools.canValidateGraphML, "xmllint or the GraphML schema in ../shared is missing"))
    func nastyTitleGivesValidGraphML() throws {
        let scratch = Scratch()
        let store = try Self.nastyStore(scratch)
        let path = scratch.write("nasty.graphml", GraphMLWriter().write(try store.graphExport()))
        let result = try ExternalTools.run("xmllint", ["--noout", "--schema", ExternalTools.graphMLSchema, path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: ExternalTools.hasNetworkX, "python3 with networkx is not installed"))
    func nastyTitleRoundTripsThroughNetworkX() throws {
        let scratch = Scratch()
        let store = try Self.nastyStore(scratch)
        let graph = try store.graphExport()
        let graphML = scratch.write("nasty.graphml", GraphMLWriter().write(graph))
        let json = scratch.write("nasty.json", try NodeLinkJSONWriter().write(graph))
        let script = """
            import json, sys, networkx as nx
            a = nx.read_graphml(sys.argv[1]).nodes["p1"]
            b = nx.node_link_graph(json.load(open(sys.argv[2], encoding="utf-8")), edges="links").nodes["p1"]
            print(json.dumps({"graphml": a["title"], "json": b["title"], "authors": a["authors"], "year": a["year"]}))
            """
        let result = try ExternalTools.run("python3", ["-c", script, graphML, json])
        #expect(result.status == 0, "\(result.stderr)")
        let seen = try JSONDecoder().decode([String: AnyScalar].self, from: Data(result.stdout.utf8))
        #expect(seen["graphml"] == .text(Self.xmlTitle))
        #expect(seen["json"] == .text(Self.nastyTitle))
        #expect(seen["authors"] == .text("Ann \"Q\" O'Neil\\; strict node"))
        #expect(seen["year"] == .number(2021))
    }

    /// Graph keywords as ids, a label ending in a backslash, boxes for every keyword group.
    @Test(.enabled(if: ExternalTools.hasDot, "Graphviz `dot` is not installed (apt-get install graphviz)"))
    func dotKeywordsAsIDsAreSafe() throws {
        let keywords = ["node", "edge", "graph", "digraph", "subgraph", "strict"]
        let nodes = keywords.enumerated().map { i, k in
            GraphExport.Node(id: k, label: "\(k) ends with \\", group: i % 2 == 0 ? 1 : nil, attributes: ["tooltip": .string("\"\(k)\"\n")])
        }
        let edges = zip(keywords, keywords.dropFirst()).map { GraphExport.Edge(source: $0, target: $1, kind: .cites, weight: 1) }
        let graph = GraphExport(kind: .papers, isDirected: true, groupsAreBoxes: true,
                                groups: [GraphExport.Group(id: 1, label: "strict } subgraph {", size: 3)], nodes: nodes, edges: edges)
        let result = try ExternalTools.run("dot", ["-Tsvg"], input: DOTWriter().write(graph))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "class=\"node\"").count - 1 == keywords.count)
        #expect(result.stdout.components(separatedBy: "class=\"edge\"").count - 1 == keywords.count - 1)
    }
}

/// A JSON scalar, for reading what the python checks print.
enum AnyScalar: Decodable, Equatable {
    case text(String)
    case number(Double)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) { self = .text(s) } else { self = .number(try container.decode(Double.self)) }
    }
}
