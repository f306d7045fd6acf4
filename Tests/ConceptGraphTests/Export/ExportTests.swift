import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// The exports of the graph built from the bundled corpus.
struct ExportTests {
    static func built(in scratch: Scratch, name: String = "test.sqlite") throws -> Store {
        let store = try Store(path: scratch.url.appendingPathComponent(name).path)
        _ = try Builder(store: store).build([TestPaths.fixtures])
        return store
    }

    static func all(_ store: Store, _ options: (GraphExport.Kind) -> ExportOptions = { ExportOptions(graph: $0) }) throws -> [String] {
        var texts: [String] = []
        for kind in GraphExport.Kind.allCases {
            let graph = try store.graphExport(options(kind))
            texts += [DOTWriter().write(graph), DOTWriter(groupBoxes: false).write(graph), GraphMLWriter().write(graph),
                      try NodeLinkJSONWriter().write(graph)]
        }
        return texts
    }

    @Test func exportsAreByteIdenticalAcrossRunsAndStores() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let first = try Self.all(store)
        #expect(try Self.all(store) == first)
        let other = try Self.built(in: scratch, name: "other.sqlite")
        let second = try Self.all(other)
        #expect(second.count == first.count)
        for (a, b) in zip(first, second) { #expect(a == b, "export differs between two stores built from the same input") }
        // And the restricted exports too.
        let restricted: (GraphExport.Kind) -> ExportOptions = { ExportOptions(graph: $0, cluster: "2", minimumWeight: 0.1) }
        #expect(try Self.all(store, restricted) == Self.all(other, restricted))
    }

    @Test func papersGraphCarriesClustersLinksAndNames() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let graph = try store.graphExport()
        let clusters = try store.clusters()
        #expect(graph.nodes.count == 192)
        #expect(graph.isDirected)
        // Nodes in id order, edges by (source, target, kind).
        let ids = graph.nodes.map { Int($0.id.dropFirst())! }
        #expect(ids == ids.sorted())
        let position = Dictionary(uniqueKeysWithValues: graph.nodes.enumerated().map { ($1.id, $0) })
        let order = graph.edges.map { (position[$0.source]!, position[$0.target]!, $0.kind.rawValue) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 })
        // Every similarity row is an edge; citations to corpus papers too.
        let counts = graph.edgeCounts
        #expect(counts[.similar] == 902)
        #expect((counts[.cites] ?? 0) >= 1)
        let clustered = clusters.reduce(0) { $0 + $1.size }
        #expect(graph.nodes.filter { $0.attributes["cluster"] != nil }.count == clustered)
        #expect(graph.nodes.filter { $0.group == nil }.allSatisfy { $0.attributes["clusterLabel"] == nil })
        let gd = try #require(graph.nodes.first { $0.attributes["title"] == .string(FixtureGraphTests.iclGD[0]) })
        #expect(gd.label.count <= 41 && gd.label.hasSuffix("…"))
        #expect(gd.attributes["clusterLabel"].map { "\($0)".contains("in-context learning") } == true)
        #expect(graph.nodes.contains { $0.attributes["methods"] != nil } && graph.nodes.contains { $0.attributes["datasets"] != nil })
        let similar = try #require(graph.edges.first { $0.kind == .similar })
        #expect(similar.weight > 0 && similar.attributes["shared"] != nil)
        let cites = try #require(graph.edges.first { $0.kind == .cites })
        #expect(cites.attributes["evidence"] != nil && cites.attributes["citationKind"] != nil)
    }

    @Test func clusterRestrictionKeepsMembersAndMarksNeighbours() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let cluster = try store.cluster("in-context learning")
        let graph = try store.graphExport(ExportOptions(cluster: "in-context learning"))
        let members = Set(cluster.papers.map { "p\($0.id)" })
        let nodeIDs = Set(graph.nodes.map(\.id))
        #expect(members.isSubset(of: nodeIDs))
        #expect(nodeIDs.count > members.count, "the cluster has neighbours outside it")
        for node in graph.nodes { #expect(node.attributes["neighbour"] == .bool(!members.contains(node.id))) }
        #expect(graph.edges.allSatisfy { members.contains($0.source) || members.contains($0.target) })
        // Every neighbour is linked to a member.
        let linked = Set(graph.edges.flatMap { [$0.source, $0.target] })
        #expect(nodeIDs.subtracting(members).isSubset(of: linked))
        #expect(graph.attributes["cluster"] == .int(cluster.id))
        #expect(throws: ConceptGraphError.self) { try store.graphExport(ExportOptions(cluster: "no such topic at all")) }
    }

    @Test func minimumWeightDropsWeakSimilarEdgesOnly() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let all = try store.graphExport()
        let strong = try store.graphExport(ExportOptions(minimumWeight: 0.3))
        let similar = strong.edges.filter { $0.kind == .similar }
        #expect(!similar.isEmpty && similar.count < all.edgeCounts[.similar]!)
        #expect(similar.allSatisfy { $0.weight >= 0.3 })
        #expect(strong.edgeCounts[.cites] == all.edgeCounts[.cites])
        #expect(strong.nodes.count == all.nodes.count)
    }

    @Test func conceptEdgesCountSharedPapersLikeBruteForce() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let graph = try store.graphExport(ExportOptions(graph: .concepts))
        #expect(!graph.edges.isEmpty && graph.edges.count <= 2000)
        #expect(!graph.isDirected)
        // Brute force: the papers of each concept, intersected.
        let papersOf: [String: Set<Int64>] = try store.read { db in
            var result: [String: Set<Int64>] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT paperID, conceptID FROM mention") {
                result["c\(row["conceptID"] as Int64)", default: []].insert(row["paperID"])
            }
            return result
        }
        for edge in graph.edges {
            let shared = papersOf[edge.source]!.intersection(papersOf[edge.target]!).count
            #expect(Int(edge.weight) == shared && shared >= 2)
        }
        for node in graph.nodes {
            #expect(node.attributes["papers"] == .int(papersOf[node.id]!.count))
            #expect(papersOf[node.id]!.count >= 2)
        }
        let linked = Set(graph.edges.flatMap { [$0.source, $0.target] })
        #expect(Set(graph.nodes.map(\.id)) == linked)
        // The limit keeps the strongest.
        var small = ExportOptions(graph: .concepts)
        small.maximumConceptEdges = 10
        let top = try store.graphExport(small)
        #expect(top.edges.count == 10)
        let tenth = graph.edges.map(\.weight).sorted(by: >)[9]
        #expect(top.edges.allSatisfy { $0.weight >= tenth })
    }

    @Test func clusterEdgesSumThePaperLinksBetweenClusters() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let graph = try store.graphExport(ExportOptions(graph: .clusters))
        let clusters = try store.clusters()
        #expect(graph.nodes.map(\.id) == clusters.map { "k\($0.id)" })
        #expect(graph.nodes.allSatisfy { $0.attributes["size"] != nil })
        let expected: [String: Double] = try store.read { db in
            var member: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT paperID, clusterID FROM membership") { member[row["paperID"]] = row["clusterID"] }
            var sums: [String: Double] = [:]
            func add(_ a: Int64, _ b: Int64, _ w: Double) {
                guard let x = member[a], let y = member[b], x != y else { return }
                sums["k\(min(x, y))-k\(max(x, y))", default: 0] += w
            }
            for row in try Row.fetchAll(db, sql: "SELECT a, b, score FROM similarity") { add(row["a"], row["b"], row["score"]) }
            for row in try Row.fetchAll(db, sql: "SELECT citing, cited, confidence FROM citation WHERE cited IS NOT NULL") {
                add(row["citing"], row["cited"], 0.3 * (row["confidence"] as Double))
            }
            return sums
        }
        #expect(graph.edges.count == expected.count)
        for edge in graph.edges {
            let want = try #require(expected["\(edge.source)-\(edge.target)"])
            #expect(abs(edge.weight - want) < 0.001)
        }
    }

    @Test func unclusteredPapersHaveNoPlaceholders() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let graph = try store.graphExport()
        let loner = try #require(graph.nodes.first { $0.group == nil })
        let graphML = GraphMLWriter().write(graph)
        let start = try #require(graphML.range(of: "<node id=\"\(loner.id)\">"))
        let rest = graphML[start.upperBound...]
        let end = try #require(rest.range(of: "</node>"))
        let element = rest[..<end.lowerBound]
        #expect(element.contains("n_label"))
        #expect(!element.contains("n_cluster") && !element.contains("n_clusterLabel"))
        for placeholder in [">None<", ">nan<", ">null<", ">-1<", "><"] { #expect(!graphML.contains(placeholder), "\(placeholder)") }
        let json = try NodeLinkJSONWriter().write(graph)
        #expect(!json.contains("null"))
        // Keys come before the graph.
        let lastKey = try #require(graphML.range(of: "<key ", options: .backwards))
        let graphStart = try #require(graphML.range(of: "<graph "))
        #expect(lastKey.lowerBound < graphStart.lowerBound)
    }

    @Test(.enabled(if: ExternalTools.hasDot, "Graphviz `dot` is not installed (apt-get install graphviz)"))
    func graphvizAcceptsTheDOT() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        for kind in GraphExport.Kind.allCases {
            let graph = try store.graphExport(ExportOptions(graph: kind))
            let result = try ExternalTools.run("dot", ["-Tsvg"], input: DOTWriter().write(graph))
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            #expect(!result.stderr.lowercased().contains("error"), "\(kind): \(result.stderr)")
            #expect(result.stdout.contains("<svg"))
            // Every node is drawn.
            #expect(result.stdout.components(separatedBy: "class=\"node\"").count - 1 == graph.nodes.count, "\(kind)")
        }
    }

    @Test(.enabled(if: ExternalTools.canValidateGraphML, "xmllint or the GraphML schema in ../shared is missing"))
    func graphMLValidatesAgainstTheSchema() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        for kind in GraphExport.Kind.allCases {
            let path = scratch.write("\(kind).graphml", GraphMLWriter().write(try store.graphExport(ExportOptions(graph: kind))))
            let result = try ExternalTools.run("xmllint", ["--noout", "--schema", ExternalTools.graphMLSchema, path])
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            #expect(result.stderr.contains("validates"), "\(kind): \(result.stderr)")
        }
        // The check itself catches a broken file: an edge pointing at no declared key.
        let broken = scratch.write("broken.graphml", GraphMLWriter().write(try store.graphExport()).replacingOccurrences(of: "edgedefault=\"directed\"", with: "edgedefault=\"sideways\""))
        #expect(try ExternalTools.run("xmllint", ["--noout", "--schema", ExternalTools.graphMLSchema, broken]).status != 0)
    }

    @Test(.enabled(if: ExternalTools.hasNetworkX, "python3 with networkx is not installed"))
    func networkxLoadsGraphMLAndJSONWithTheSameCounts() throws {
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        for kind in GraphExport.Kind.allCases {
            let graph = try store.graphExport(ExportOptions(graph: kind))
            let graphML = scratch.write("\(kind).graphml", GraphMLWriter().write(graph))
            let json = scratch.write("\(kind).json", try NodeLinkJSONWriter().write(graph))
            for (file, isJSON) in [(graphML, false), (json, true)] {
                let seen = try ExternalTools.networkx(file, json: isJSON)
                #expect(seen.nodes == graph.nodes.count, "\(kind) \(file)")
                #expect(seen.edges == graph.edges.count, "\(kind) \(file)")
                #expect(seen.directed == graph.isDirected)
                #expect(seen.sample["label"] == graph.nodes.first { $0.id == graph.nodes.map(\.id).min() }?.label)
                // GraphML keeps the declared types: counts are ints, weights floats (JSON numbers
                // carry no type: a weight of 2.0 reads back as 2).
                if !isJSON { #expect(seen.sample["edge:weight"] == "float", "\(kind) \(file)") }
                if kind == .papers { #expect(seen.sample["type:cluster"] == "int", "\(file)") }
            }
        }
    }

    @Test(.enabled(if: ExternalTools.hasNetworkX, "python3 with networkx is not installed"))
    func parallelEdgesMakeAMultigraphThatNetworkxCountsInFull() throws {
        let scratch = Scratch()
        let nodes = [GraphExport.Node(id: "p1", label: "one"), GraphExport.Node(id: "p2", label: "two")]
        let both = [GraphExport.Edge(source: "p1", target: "p2", kind: .similar, weight: 0.5),
                    GraphExport.Edge(source: "p1", target: "p2", kind: .cites, weight: 0.9),
                    GraphExport.Edge(source: "p2", target: "p1", kind: .cites, weight: 0.8)]
        for (edges, multigraph) in [(both, true), (Array(both.dropFirst()), false)] {
            let graph = GraphExport(kind: .papers, isDirected: true, groupsAreBoxes: true, nodes: nodes, edges: edges)
            #expect(graph.isMultigraph == multigraph)
            let graphML = scratch.write("m.graphml", GraphMLWriter().write(graph))
            let json = scratch.write("m.json", try NodeLinkJSONWriter().write(graph))
            for (file, isJSON) in [(graphML, false), (json, true)] {
                let seen = try ExternalTools.networkx(file, json: isJSON)
                #expect(seen.nodes == 2 && seen.edges == edges.count && seen.multigraph == multigraph, "\(file)")
            }
        }
    }

    @Test func sharedConceptNamesAreReadLikeTheDecoderReadsThem() throws {
        struct Shared: Decodable { var name: String }
        let scratch = Scratch()
        let store = try Self.built(in: scratch)
        let stored: [String] = try store.read { db in try String.fetchAll(db, sql: "SELECT reasons FROM similarity ORDER BY a, b") }
        let tricky = [
            #"[]"#,
            #"[{"key":"a","kind":"method","name":"quote \" and \\ back","weight":0.1}]"#,
            #"[{"key":"name\":\"x","kind":"task","name":"real","weight":0.2},{"key":"{","kind":"task","name":"λ-calculus","weight":0.1}]"#,
            #"[{"key":"u","kind":"task","name":"\u00e9t\u00e9","weight":0.1}]"#,
            #"[{"weight":0.1,"name":"reordered","kind":"task","key":"r"}]"#,
        ]
        let all = stored + tricky
        let expected = all.map { try! JSONDecoder().decode([Shared].self, from: Data($0.utf8)).map(\.name) }
        #expect(GraphExportReader.sharedNames(all) == expected)
        #expect(GraphExportReader.scanNames(tricky[3]) == nil, "\\u escapes go to the decoder")
        #expect(GraphExportReader.scanNames(tricky[2]) == ["real", "λ-calculus"])
    }
}
