import Foundation
import GRDB

/// Reads the three exportable graphs from one read transaction.
struct GraphExportReader {
    let db: Database
    let options: ExportOptions
    /// The paper the user asked about, marked `highlight` in the papers graph.
    var highlight: Int64? = nil

    struct ClusterRow {
        var id: Int
        var label: String
        var terms: [String]
        var size: Int
    }

    // MARK: Papers

    /// Papers linked by "shares concepts" edges and citations; restricted to a cluster, its
    /// papers plus their direct neighbours and the edges that touch the cluster.
    func papers() throws -> GraphExport {
        let clusters = try clusterRows()
        let clusterByID = Dictionary(uniqueKeysWithValues: clusters.map { ($0.id, $0) })
        let membership = try membershipByPaper()
        let focus = try options.cluster.map { try resolveCluster($0, among: clusters) }

        // Edges first: a restricted graph takes its nodes from them.
        var edges: [GraphExport.Edge] = []
        var links: [(Int64, Int64)] = []
        var similar: [(a: Int64, b: Int64, score: Double, reasons: String)] = []
        for row in try Row.fetchAll(db, sql: "SELECT a, b, score, reasons FROM similarity ORDER BY a, b") {
            let score = (row["score"] as Double).exportRounded
            if let minimum = options.minimumWeight, score < minimum { continue }
            similar.append((row["a"], row["b"], score, row["reasons"]))
        }
        let shared = Self.sharedNames(similar.map(\.reasons))
        for (edge, names) in zip(similar, shared) {
            var attributes: [String: AttributeValue] = [:]
            if !names.isEmpty { attributes["shared"] = .string(names.joined(separator: "; ")) }
            edges.append(GraphExport.Edge(source: paperNode(min(edge.a, edge.b)), target: paperNode(max(edge.a, edge.b)), kind: .similar,
                                          weight: edge.score, attributes: attributes))
            links.append((edge.a, edge.b))
        }
        // One edge per citing–cited pair: the most confident link, its evidence and how it was found.
        var previous: (Int64, Int64)?
        for row in try Row.fetchAll(db, sql: """
            SELECT citing, cited, kind, confidence, callout, evidence FROM citation
            WHERE cited IS NOT NULL AND cited != citing ORDER BY citing, cited, confidence DESC, id
            """) {
            let pair: (Int64, Int64) = (row["citing"], row["cited"])
            if let previous, previous == pair { continue }
            previous = pair
            let confidence = (row["confidence"] as Double).exportRounded
            var attributes: [String: AttributeValue] = [
                "confidence": .double(confidence),
                "citationKind": .string(row["kind"]),
                "evidence": .string(row["evidence"]),
            ]
            if let callout = row["callout"] as String? { attributes["callout"] = .string(callout) }
            edges.append(GraphExport.Edge(source: paperNode(pair.0), target: paperNode(pair.1), kind: .cites,
                                          weight: confidence, attributes: attributes))
            links.append(pair)
        }

        var included: Set<Int64>?
        var members = Set<Int64>()
        if let focus {
            members = Set(membership.filter { $0.value == focus.id }.keys)
            var nodes = members
            var kept: [GraphExport.Edge] = []
            for (edge, (a, b)) in zip(edges, links) where members.contains(a) || members.contains(b) {
                kept.append(edge)
                nodes.insert(a)
                nodes.insert(b)
            }
            edges = kept
            included = nodes
        }

        let authors = try authorsByPaper(included)
        let names = try topNames(included)
        var nodes: [GraphExport.Node] = []
        for row in try Row.fetchAll(db, sql: "SELECT id, title, label, year, arxivID, doi FROM paper ORDER BY id") {
            let id: Int64 = row["id"]
            if let included, !included.contains(id) { continue }
            let label: String = row["label"]
            let title = (row["title"] as String?) ?? label
            let year: Int? = row["year"]
            var attributes: [String: AttributeValue] = ["title": .string(title)]
            var tooltip = title
            let paperAuthors = authors[id] ?? []
            if !paperAuthors.isEmpty {
                attributes["authors"] = .string(paperAuthors.joined(separator: "; "))
                tooltip += "\n" + paperAuthors.prefix(8).joined(separator: ", ") + (paperAuthors.count > 8 ? " et al." : "")
            }
            if let year {
                attributes["year"] = .int(year)
                tooltip += paperAuthors.isEmpty ? "\n\(year)" : " (\(year))"
            }
            let cluster = membership[id]
            if let cluster, let c = clusterByID[cluster] {
                attributes["cluster"] = .int(cluster)
                attributes["clusterLabel"] = .string(c.label)
                tooltip += "\ncluster \(cluster): \(c.label)"
            }
            if let url = Self.url(arxivID: row["arxivID"], doi: row["doi"]) { attributes["url"] = .string(url) }
            if let methods = names[id]?[MentionKind.method.rawValue] { attributes["methods"] = .string(methods.joined(separator: "; ")) }
            if let datasets = names[id]?[MentionKind.dataset.rawValue] { attributes["datasets"] = .string(datasets.joined(separator: "; ")) }
            if focus != nil { attributes["neighbour"] = .bool(!members.contains(id)) }
            if id == highlight { attributes["highlight"] = .bool(true) }
            attributes["tooltip"] = .string(tooltip)
            nodes.append(GraphExport.Node(id: paperNode(id), label: Self.shortLabel(label), group: cluster, attributes: attributes))
        }

        let present = Set(nodes.compactMap(\.group))
        let groups = clusters.filter { present.contains($0.id) }.map { GraphExport.Group(id: $0.id, label: $0.label, size: $0.size) }
        var graphAttributes = baseAttributes()
        if let focus {
            graphAttributes["cluster"] = .int(focus.id)
            graphAttributes["clusterLabel"] = .string(focus.label)
        }
        return GraphExport(kind: .papers, isDirected: true, groupsAreBoxes: true, attributes: graphAttributes,
                           groups: groups, nodes: nodes, edges: edges)
    }

    private func paperNode(_ id: Int64) -> String { "p\(id)" }

    /// The concept names of each "shares concepts" reason list, as the link stage stores it
    /// (compact JSON objects with a `name`). Read by scanning for the `"name":` member: one
    /// JSONDecoder call per edge costs seconds on 300,000 edges. Inside a JSON string every quote is
    /// escaped, so `"name":"` only ever matches the member itself; anything unexpected falls back
    /// to the decoder.
    static func sharedNames(_ reasons: [String]) -> [[String]] {
        struct Shared: Decodable { var name: String }
        let decoder = JSONDecoder()
        return reasons.map { json in
            if let names = scanNames(json) { return names }
            return (try? decoder.decode([Shared].self, from: Data(json.utf8)))?.map(\.name) ?? []
        }
    }

    /// The `"name"` strings of a compact JSON array of objects; nil when the text is not that.
    static func scanNames(_ json: String) -> [String]? {
        let bytes = Array(json.utf8)
        let pattern = Array("\"name\":\"".utf8)
        var names: [String] = []
        var objects = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{") { objects += 1 }
            guard bytes[i] == pattern[0], i + pattern.count <= bytes.count, Array(bytes[i..<i + pattern.count]) == pattern else {
                if bytes[i] == UInt8(ascii: "\"") {
                    // Skip any other string whole, so braces inside it are not counted.
                    i += 1
                    while i < bytes.count && bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                }
                i += 1
                continue
            }
            i += pattern.count
            var value: [UInt8] = []
            while i < bytes.count && bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") {
                    // Escapes other than the plain ones: let the decoder handle the entry.
                    guard i + 1 < bytes.count, let plain = [UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
                                                            UInt8(ascii: "/"): UInt8(ascii: "/")][bytes[i + 1]] else { return nil }
                    value.append(plain)
                    i += 2
                } else {
                    value.append(bytes[i])
                    i += 1
                }
            }
            guard i < bytes.count else { return nil }
            names.append(String(decoding: value, as: UTF8.self))
            i += 1
        }
        return names.count == objects ? names : nil
    }

    /// The page of a paper: arXiv first, else its DOI.
    static func url(arxivID: String?, doi: String?) -> String? {
        if let arxivID, !arxivID.isEmpty { return "https://arxiv.org/abs/\(arxivID)" }
        if let doi, !doi.isEmpty {
            let encoded = doi.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? doi
            return "https://doi.org/\(encoded)"
        }
        return nil
    }

    /// A title short enough for a node: cut at a word boundary near `limit` characters, with "…".
    static func shortLabel(_ text: String, limit: Int = 40) -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s.value < 0x80 ? s == " " || (0x09...0x0D).contains(s.value) : s.properties.isWhitespace
        }
        let words = text.unicodeScalars.split(whereSeparator: isSpace).map { String(String.UnicodeScalarView($0)) }
        var result = ""
        var length = 0
        var complete = true
        for word in words {
            let added = word.count + (result.isEmpty ? 0 : 1)
            if length + added > limit { complete = false; break }
            result += result.isEmpty ? word : " " + word
            length += added
        }
        if complete { return result }
        // A first word longer than the limit is cut inside the word.
        if length < limit / 2 { result = String(words.joined(separator: " ").prefix(limit)) }
        while let last = result.last, ",;:–-(".contains(last) { result.removeLast() }
        return result.trimmingCharacters(in: .whitespaces) + "…"
    }

    private func authorsByPaper(_ only: Set<Int64>?) throws -> [Int64: [String]] {
        var result: [Int64: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT paperID, name FROM author ORDER BY paperID, position") {
            let id: Int64 = row["paperID"]
            if let only, !only.contains(id) { continue }
            result[id, default: []].append(row["name"])
        }
        return result
    }

    /// Per paper and kind (method, dataset), the names of its main concepts of that kind:
    /// introduced first, then the most mentioned, then the most specific.
    private func topNames(_ only: Set<Int64>?) throws -> [Int64: [String: [String]]] {
        var result: [Int64: [String: [String]]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT mention.paperID, mention.kind, concept.name, COUNT(*) AS n, MAX(mention.introduced) AS introduced
            FROM mention JOIN concept ON concept.id = mention.conceptID
            WHERE mention.kind IN ('method', 'dataset')
            GROUP BY mention.paperID, mention.kind, mention.conceptID
            ORDER BY mention.paperID, mention.kind, introduced DESC, n DESC, concept.weight DESC, concept.key
            """) {
            let id: Int64 = row["paperID"]
            if let only, !only.contains(id) { continue }
            let kind: String = row["kind"], name: String = row["name"]
            var list = result[id]?[kind] ?? []
            guard list.count < options.namesPerPaper, !list.contains(name) else { continue }
            list.append(name)
            result[id, default: [:]][kind] = list
        }
        return result
    }

    // MARK: Concepts

    /// Concepts of some weight found in at least two papers, linked by the number of papers they
    /// share (at least two); the strongest edges only, and only concepts with a link left, so the
    /// picture stays readable.
    func concepts() throws -> GraphExport {
        var scope: Set<Int64>?
        var graphAttributes = baseAttributes()
        if let query = options.cluster {
            let focus = try resolveCluster(query, among: try clusterRows())
            scope = Set(try Int64.fetchAll(db, sql: "SELECT paperID FROM membership WHERE clusterID = ?", arguments: [focus.id]))
            graphAttributes["cluster"] = .int(focus.id)
            graphAttributes["clusterLabel"] = .string(focus.label)
        }
        struct Concept { var id: Int64; var key: String; var name: String; var kind: String; var weight: Double; var df = 0 }
        var concepts: [Int64: Concept] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, key, name, kind, weight FROM concept WHERE weight > 0 ORDER BY id") {
            concepts[row["id"]] = Concept(id: row["id"], key: row["key"], name: row["name"], kind: row["kind"], weight: row["weight"])
        }
        // Each paper's concepts, in paper order.
        var perPaper: [[Int64]] = []
        var current: Int64?
        for row in try Row.fetchAll(db, sql: "SELECT DISTINCT paperID, conceptID FROM mention ORDER BY paperID, conceptID") {
            let paper: Int64 = row["paperID"], concept: Int64 = row["conceptID"]
            if let scope, !scope.contains(paper) { continue }
            guard concepts[concept] != nil else { continue }
            if paper != current { perPaper.append([]); current = paper }
            perPaper[perPaper.count - 1].append(concept)
            concepts[concept]!.df += 1
        }
        let kept = concepts.values.filter { $0.df >= 2 }
            .sorted { ($0.df, $0.weight, -$0.id) > ($1.df, $1.weight, -$1.id) }
            .prefix(options.maximumConcepts)
        let keptIDs = Set(kept.map(\.id))

        var pairs: [UInt64: Int] = [:]
        for list in perPaper {
            let ids = list.filter(keptIDs.contains)
            for i in ids.indices {
                for j in ids.index(after: i)..<ids.endIndex {
                    pairs[UInt64(ids[i]) << 32 | UInt64(ids[j]), default: 0] += 1
                }
            }
        }
        let minimum = max(2, Int((options.minimumWeight ?? 0).rounded(.up)))
        let strongest = pairs.filter { $0.value >= minimum }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(options.maximumConceptEdges)
        let edges = strongest.map { pair, count in
            GraphExport.Edge(source: "c\(pair >> 32)", target: "c\(pair & 0xFFFF_FFFF)", kind: .cooccurs,
                             weight: Double(count), attributes: ["papers": .int(count)])
        }

        // A concept without a link left says nothing in a picture of links: it is left out.
        var linked = Set<UInt64>()
        for (pair, _) in strongest {
            linked.insert(pair >> 32)
            linked.insert(pair & 0xFFFF_FFFF)
        }
        let shown = kept.filter { linked.contains(UInt64($0.id)) }
        let kinds = MentionKind.allCases.map(\.rawValue)
        func group(_ kind: String) -> Int { (kinds.firstIndex(of: kind) ?? kinds.count) + 1 }
        let nodes = shown.map { c in
            GraphExport.Node(id: "c\(c.id)", label: c.name, group: group(c.kind), attributes: [
                "kind": .string(c.kind), "key": .string(c.key), "papers": .int(c.df), "weight": .double(c.weight.exportRounded),
                "tooltip": .string("\(c.name) (\(c.kind)): \(c.df) papers"),
            ])
        }
        var sizes: [String: Int] = [:]
        for c in shown { sizes[c.kind, default: 0] += 1 }
        let groups = sizes.map { GraphExport.Group(id: group($0.key), label: $0.key, size: $0.value) }
        return GraphExport(kind: .concepts, isDirected: false, groupsAreBoxes: false, attributes: graphAttributes,
                           groups: groups, nodes: nodes, edges: edges)
    }

    // MARK: Clusters

    /// One node per cluster; edges sum the "shares concepts" scores and the citation weights
    /// (as clustering counts them) of the links between their papers.
    func clusters() throws -> GraphExport {
        let clusters = try clusterRows()
        let membership = try membershipByPaper()
        let focus = try options.cluster.map { try resolveCluster($0, among: clusters) }
        struct Link { var weight = 0.0; var similar = 0; var cites = 0 }
        var links: [Int64: Link] = [:]
        var inside: [Int: Double] = [:]
        func add(_ a: Int64, _ b: Int64, weight: Double, citation: Bool) {
            guard let ca = membership[a], let cb = membership[b] else { return }
            if ca == cb { inside[ca, default: 0] += weight; return }
            let key = Int64(min(ca, cb)) << 32 | Int64(max(ca, cb))
            var link = links[key] ?? Link()
            link.weight += weight
            if citation { link.cites += 1 } else { link.similar += 1 }
            links[key] = link
        }
        for row in try Row.fetchAll(db, sql: "SELECT a, b, score FROM similarity ORDER BY a, b") {
            add(row["a"], row["b"], weight: row["score"], citation: false)
        }
        for row in try Row.fetchAll(db, sql: "SELECT citing, cited, confidence FROM citation WHERE cited IS NOT NULL AND cited != citing ORDER BY id") {
            add(row["citing"], row["cited"], weight: Store.citationEdgeWeight * (row["confidence"] as Double), citation: true)
        }
        var edges: [GraphExport.Edge] = []
        var included: Set<Int>? = focus.map { [$0.id] }
        for (key, link) in links {
            let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
            let weight = link.weight.exportRounded
            if let minimum = options.minimumWeight, weight < minimum { continue }
            if let focus {
                guard a == focus.id || b == focus.id else { continue }
                included?.insert(a)
                included?.insert(b)
            }
            edges.append(GraphExport.Edge(source: "k\(a)", target: "k\(b)", kind: .links, weight: weight,
                                          attributes: ["similar": .int(link.similar), "cites": .int(link.cites)]))
        }
        let shown = clusters.filter { included?.contains($0.id) ?? true }
        let nodes = shown.map { c in
            GraphExport.Node(id: "k\(c.id)", label: c.label, group: c.id, attributes: [
                "cluster": .int(c.id), "size": .int(c.size), "terms": .string(c.terms.joined(separator: "; ")),
                "internalWeight": .double((inside[c.id] ?? 0).exportRounded),
                "tooltip": .string("cluster \(c.id): \(c.label)\n\(c.size) papers"),
            ])
        }
        var graphAttributes = baseAttributes()
        graphAttributes["unclustered"] = .int(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper WHERE id NOT IN (SELECT paperID FROM membership)") ?? 0)
        if let focus {
            graphAttributes["cluster"] = .int(focus.id)
            graphAttributes["clusterLabel"] = .string(focus.label)
        }
        return GraphExport(kind: .clusters, isDirected: false, groupsAreBoxes: false, attributes: graphAttributes,
                           groups: shown.map { GraphExport.Group(id: $0.id, label: $0.label, size: $0.size) },
                           nodes: nodes, edges: edges)
    }

    // MARK: Shared

    private func baseAttributes() -> [String: AttributeValue] {
        var attributes: [String: AttributeValue] = ["kind": .string(options.graph.rawValue), "generator": .string("conceptgraph")]
        if let minimum = options.minimumWeight { attributes["minimumWeight"] = .double(minimum) }
        return attributes
    }

    private func clusterRows() throws -> [ClusterRow] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: "SELECT id, label, terms, size FROM cluster ORDER BY id").map { row in
            let terms = (try? decoder.decode([String].self, from: Data((row["terms"] as String).utf8))) ?? []
            return ClusterRow(id: row["id"], label: row["label"], terms: terms, size: row["size"])
        }
    }

    private func membershipByPaper() throws -> [Int64: Int] {
        var result: [Int64: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT paperID, clusterID FROM membership") { result[row["paperID"]] = row["clusterID"] }
        return result
    }

    /// The cluster a user means: its id, else the one cluster whose label holds every word.
    func resolveCluster(_ query: String, among clusters: [ClusterRow]) throws -> ClusterRow {
        if clusters.isEmpty {
            throw ConceptGraphError.invalidArgument("the store has no clusters yet; run `conceptgraph build` first")
        }
        if let id = Int(query.trimmingCharacters(in: .whitespaces)), let match = clusters.first(where: { $0.id == id }) {
            return match
        }
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        let matching = words.isEmpty ? [] : clusters.filter { c in words.allSatisfy { c.label.lowercased().contains($0) } }
        if matching.count > 1 {
            let list = matching.prefix(10).map { "  \($0.id)  \($0.label)" }.joined(separator: "\n")
            throw ConceptGraphError.invalidArgument("\"\(query)\" matches \(matching.count) clusters; use an id or more words:\n\(list)")
        }
        guard let match = matching.first else {
            throw ConceptGraphError.invalidArgument("no cluster matches \"\(query)\"; `conceptgraph clusters` lists them")
        }
        return match
    }
}
