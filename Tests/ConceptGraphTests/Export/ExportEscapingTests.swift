import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

/// Property tests: graphs whose every title, label, name and claim is random Unicode made to
/// break writers. The seed is printed; CONCEPTGRAPH_EXPORT_SEED replays it.
extension ExportEscapingTests {
    static let seed: UInt64 = ProcessInfo.processInfo.environment["CONCEPTGRAPH_EXPORT_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: 1...UInt64(UInt32.max))

    /// Six random graphs, alternately with and without cluster boxes.
    static func randomGraphs() -> [GraphExport] {
        print("ExportEscapingTests: random text seed \(seed) (CONCEPTGRAPH_EXPORT_SEED=\(seed) replays it)")
        var text = NastyText(seed: seed)
        return (0..<6).map { text.graph(boxes: $0 % 2 == 0) }
    }

    @Test(.enabled(if: ExternalTools.hasDot, "Graphviz `dot` is not installed (apt-get install graphviz)"))
    func randomUnicodeGivesDOTThatDotReads() throws {
        for (i, graph) in Self.randomGraphs().enumerated() {
            let dot = DOTWriter(groupBoxes: graph.groupsAreBoxes).write(graph)
            let result = try ExternalTools.run("dot", ["-Tsvg"], input: dot)
            #expect(result.status == 0, "graph \(i): \(result.stderr)")
            // A quote that escaped its string would merge, split or invent nodes and edges.
            #expect(result.stdout.components(separatedBy: "class=\"node\"").count - 1 == graph.nodes.count, "graph \(i)")
            #expect(result.stdout.components(separatedBy: "class=\"edge\"").count - 1 == graph.edges.count, "graph \(i)")
        }
    }

    @Test(.enabled(if: ExternalTools.canValidateGraphML, "xmllint or the GraphML schema in ../shared is missing"))
    func randomUnicodeGivesSchemaValidGraphMLThatReadsBack() throws {
        let scratch = Scratch()
        for (i, graph) in Self.randomGraphs().enumerated() {
            let graphML = GraphMLWriter().write(graph)
            let path = scratch.write("random-\(i).graphml", graphML)
            let result = try ExternalTools.run("xmllint", ["--noout", "--schema", ExternalTools.graphMLSchema, path])
            #expect(result.status == 0, "graph \(i): \(result.stderr)")
            // Read back, every title is what XML 1.0 can carry of it.
            let titles = GraphMLTitles.read(graphML)
            let expected = graph.nodes.map { node -> String in
                guard case let .string(title)? = node.attributes["title"] else { return "" }
                return String(String.UnicodeScalarView(title.unicodeScalars.filter(GraphMLTitles.isXMLCharacter)))
            }
            #expect(titles == expected, "graph \(i)")
        }
    }

    @Test func randomUnicodeGivesJSONThatReadsBackExactly() throws {
        for (i, graph) in Self.randomGraphs().enumerated() {
            // JSONDecoder, not JSONSerialization: on Linux the latter drops U+FEFF inside strings.
            struct Document: Decodable { struct Node: Decodable { var title: String? }; var nodes: [Node] }
            let json = try NodeLinkJSONWriter().write(graph)
            let read = try JSONDecoder().decode(Document.self, from: Data(json.utf8)).nodes.map(\.title)
            let written = graph.nodes.map { node -> String? in
                if case let .string(title)? = node.attributes["title"] { return title } else { return nil }
            }
            for (a, b) in zip(read, written) where a != b {
                Issue.record("graph \(i): title \(String(reflecting: b)) reads back as \(String(reflecting: a))")
            }
            #expect(read.count == written.count, "graph \(i)")
        }
    }
}

/// Random text from every corner that breaks writers: quotes, backslashes, DOT and XML syntax,
/// `</script>`, `"]; x [`, line breaks, C0 and C1 controls, NUL, combining marks, RTL text and
/// overrides, emoji sequences, non-characters, astral planes.
struct NastyText {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    static let pieces = [
        "\"", "\\", "\\\"", "\"]; x [", "</script>", "<![CDATA[", "]]>", "<>&", "&amp;", "&#0;", "{", "}", ";", "->", "--",
        "node", "edge", "graph", "strict", "subgraph", "\\N", "\\G", "\\L", "%s", "'", "`", "\n", "\r\n", "\r", "\t",
        "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9F}", "e\u{301}\u{308}\u{323}", "\u{202E}txet\u{202C}", "\u{200F}",
        "שלום", "مرحبا", "👩‍👩‍👧", "🏳️‍🌈", "🇫🇷", "\u{200D}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{2028}", "\u{2029}",
        "漢字", "𝛼𝛽", "\u{10FFFD}",
    ]
    /// Scalar ranges random characters come from.
    static let ranges: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0x00...0x1F, 0x7F...0x9F, 0xA0...0x24F, 0x300...0x36F, 0x370...0x3FF, 0x590...0x6FF,
        0x4E00...0x4EFF, 0x1F300...0x1F64F, 0xE000...0xE0FF, 0xFFF0...0xFFFF, 0x10FF00...0x10FFFF,
    ]

    mutating func random(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    mutating func next() -> String {
        var text = ""
        for _ in 0..<(1 + random(10)) {
            if random(3) == 0 {
                text += Self.pieces[random(Self.pieces.count)]
            } else {
                let range = Self.ranges[random(Self.ranges.count)]
                if let scalar = Unicode.Scalar(range.lowerBound + UInt32(random(Int(range.upperBound - range.lowerBound) + 1))) {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text
    }

    /// A papers-like graph: 12 nodes (some with DOT keywords as ids), three groups, 18 edges,
    /// every text random.
    mutating func graph(boxes: Bool) -> GraphExport {
        let ids = ["edge", "graph", "node", "strict"] + (4..<12).map { "p\($0)" }
        let groups = (1...3).map { GraphExport.Group(id: $0, label: next(), size: 4) }
        let nodes = ids.sorted().map { id -> GraphExport.Node in
            let title = next()
            return GraphExport.Node(id: id, label: GraphExportReader.shortLabel(title), group: random(4) == 0 ? nil : 1 + random(3), attributes: [
                "title": .string(title), "authors": .string("\(next()); \(next())"), "clusterLabel": .string(next()),
                "methods": .string(next()), "year": .int(1990 + random(35)), "tooltip": .string("\(title)\n\(next())"),
            ])
        }
        var edges: [GraphExport.Edge] = []
        var seen = Set<String>()
        while edges.count < 18 {
            let (a, b) = (ids[random(ids.count)], ids[random(ids.count)])
            let kind: GraphExport.EdgeKind = random(2) == 0 ? .similar : .cites
            let (source, target) = kind == .cites || a < b ? (a, b) : (b, a)
            guard a != b, seen.insert("\(source) \(target) \(kind)").inserted else { continue }
            let attributes: [String: AttributeValue] = kind == .cites
                ? ["confidence": .double(Double(random(100)) / 100), "callout": .string(next()), "evidence": .string(next())]
                : ["shared": .string("\(next()); \(next())")]
            edges.append(GraphExport.Edge(source: source, target: target, kind: kind, weight: Double(1 + random(999)) / 1000, attributes: attributes))
        }
        edges.sort { ($0.source, $0.target, $0.kind) < ($1.source, $1.target, $1.kind) }
        return GraphExport(kind: .papers, isDirected: true, groupsAreBoxes: boxes, groups: groups, nodes: nodes, edges: edges)
    }
}

/// Reads the node titles back out of GraphML with Foundation's XML parser.
final class GraphMLTitles: NSObject, XMLParserDelegate {
    private var titleKey: String?
    private var inTitle = false
    private var current = ""
    private(set) var titles: [String] = []

    static func read(_ graphML: String) -> [String] {
        let reader = GraphMLTitles()
        let parser = XMLParser(data: Data(graphML.utf8))
        parser.delegate = reader
        guard parser.parse() else { return ["(unparsable: \(parser.parserError.map { "\($0)" } ?? "?"))"] }
        return reader.titles
    }

    /// What XML 1.0 allows in a document.
    static func isXMLCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "key", attributes["for"] == "node", attributes["attr.name"] == "title" { titleKey = attributes["id"] }
        if name == "node" { titles.append("") }
        if name == "data", attributes["key"] == titleKey { inTitle = true; current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "data", inTitle { titles[titles.count - 1] = current; inTitle = false }
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
