import Foundation
import GRDB

/// The questions users ask of the graph. Every one reads the store only.
extension Store {
    /// Papers related to `id`, strongest first: shared concepts (with the concepts) and citations
    /// either way (with the evidence).
    /// How much a shared neighbour adds to a direct link in `related`.
    static let secondOrderWeight = 0.5

    public func related(to id: Int64, limit: Int = 10) throws -> [RelatedPaper] {
        try read { db in
            var byPaper: [Int64: RelatedPaper] = [:]
            let edges = try Row.fetchAll(db, sql: """
                SELECT CASE WHEN a = ? THEN b ELSE a END AS other, score, reasons FROM similarity WHERE a = ? OR b = ?
                """, arguments: [id, id, id])
            let decoder = JSONDecoder()
            for row in edges {
                let other: Int64 = row["other"]
                let reasons = (try? decoder.decode([ReasonConcept].self, from: Data((row["reasons"] as String).utf8))) ?? []
                let text = "shares " + reasons.map { "\($0.name) (\($0.kind))" }.joined(separator: ", ")
                byPaper[other] = RelatedPaper(id: other, title: "", score: row["score"], reasons: [Reason(kind: .concept, text: text)])
            }
            let citations = try Row.fetchAll(db, sql: """
                SELECT citing, cited, kind, confidence, callout, evidence FROM citation
                WHERE (citing = ? AND cited IS NOT NULL) OR cited = ? ORDER BY id
                """, arguments: [id, id])
            for row in citations {
                let citing: Int64 = row["citing"]
                let cited: Int64 = row["cited"]
                let other = citing == id ? cited : citing
                guard other != id else { continue }
                let direction = citing == id ? "cites it" : "is cited by it"
                let how = Self.describe(kind: row["kind"], callout: row["callout"])
                let reason = Reason(kind: .citation, text: "\(direction) (\(how)): \(row["evidence"] as String)")
                var entry = byPaper[other] ?? RelatedPaper(id: other, title: "", score: 0, reasons: [])
                entry.score += Self.citationEdgeWeight * (row["confidence"] as Double)
                entry.reasons.append(reason)
                byPaper[other] = entry
            }
            // Papers related to the same papers are related too (as in co-citation): each common
            // neighbour adds the weaker of its two links, at half weight.
            // One statement for all of them, prepared once per connection rather than once per neighbour.
            let neighbours = try db.cachedStatement(sql: """
                SELECT CASE WHEN a = ?1 THEN b ELSE a END AS other, score FROM similarity WHERE a = ?1 OR b = ?1
                """)
            let direct = byPaper.mapValues(\.score)
            for (r, toR) in direct.sorted(by: { $0.key < $1.key }) {
                let second = try Row.fetchAll(neighbours, arguments: [r])
                for row in second {
                    let q: Int64 = row["other"]
                    guard q != id, var entry = byPaper[q] else { continue }
                    let bonus = Self.secondOrderWeight * min(toR, row["score"] as Double)
                    entry.score += bonus
                    byPaper[q] = entry
                }
            }
            var result = Array(byPaper.values)
            result.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            result = Array(result.prefix(limit))
            let label = try db.cachedStatement(sql: "SELECT label FROM paper WHERE id = ?")
            for i in result.indices {
                result[i].title = try String.fetchOne(label, arguments: [result[i].id]) ?? ""
                result[i].score = (result[i].score * 10000).rounded() / 10000
            }
            return result
        }
    }

    static func describe(kind: String, callout: String?) -> String {
        switch kind {
        case "callout": return "callout \(callout ?? "")"
        case "name": return "names \(callout ?? "its method")"
        case "title": return "quotes its title"
        case "arxiv": return "arXiv id"
        case "doi": return "DOI"
        default: return kind
        }
    }

    /// The concept a user means: by key, by lexicon alias, else the most-used concept whose name
    /// contains the words.
    public func conceptReport(_ term: String, papers limit: Int = 20) throws -> ConceptReport {
        try conceptReport(term, papers: limit, sample: Self.cooccurrenceSample)
    }

    /// How many of a concept's strongest papers its co-occurring concepts are counted over:
    /// enough to characterise it, bounded whatever its frequency.
    static let cooccurrenceSample = 200

    /// The concepts found with concept ?1 in its ?2 strongest papers, by count times weight.
    /// The counts come first, from the (paperID, conceptID) index alone; then each distinct
    /// concept is looked up for its weight once, not once per paper it occurs in, and the sort
    /// for the ranking sees one row per concept.
    static let cooccurrenceSQL = """
        WITH counts AS (
            SELECT other.conceptID AS id, COUNT(*) AS n
            FROM (SELECT paperID FROM conceptPaper WHERE conceptID = ?1 ORDER BY rank, paperID LIMIT ?2) AS mine
            JOIN conceptPaper AS other ON other.paperID = mine.paperID AND other.conceptID != ?1
            GROUP BY other.conceptID)
        SELECT concept.name, concept.kind, counts.n FROM counts JOIN concept ON concept.id = counts.id
        WHERE concept.weight > 0
        ORDER BY counts.n * concept.weight DESC, concept.key LIMIT 12
        """

    /// `conceptReport` with the co-occurrence sample as a parameter, so tests can reach its cutoff.
    func conceptReport(_ term: String, papers limit: Int, sample: Int) throws -> ConceptReport {
        try read { db in
            let key = ConceptKey.make(term)
            let byKey = try db.cachedStatement(sql: "SELECT * FROM concept WHERE key = ?")
            var row = try Row.fetchOne(byKey, arguments: [key])
            if row == nil, let entry = Lexicon.shared.entry(forKey: key) {
                row = try Row.fetchOne(byKey, arguments: [entry.key])
            }
            if row == nil {
                row = try Row.fetchOne(db, sql: "SELECT * FROM concept WHERE instr(key, ?) > 0 ORDER BY papers DESC, key LIMIT 1", arguments: [key])
            }
            guard let concept = row else {
                throw ConceptGraphError.invalidArgument("no concept matches \"\(term)\"; try `conceptgraph papers --search \"\(term)\"`")
            }
            let conceptID: Int64 = concept["id"]
            let uses = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT paper.id, paper.label, cp.mentions, cp.inTitle, cp.introduced
                FROM conceptPaper AS cp JOIN paper ON paper.id = cp.paperID WHERE cp.conceptID = ?
                ORDER BY cp.rank, cp.paperID LIMIT ?
                """), arguments: [conceptID, limit]).map {
                    ConceptReport.PaperUse(id: $0["id"], title: $0["label"], mentions: $0["mentions"], inTitle: $0["inTitle"], introduced: $0["introduced"])
                }
            let cooccurring = try Row.fetchAll(db.cachedStatement(sql: Self.cooccurrenceSQL), arguments: [conceptID, sample])
                .map { ConceptReport.Cooccurrence(name: $0["name"], kind: $0["kind"], papers: $0["n"]) }
            var introducedBy: PaperRef?
            if (concept["introducers"] as Int) == 1, let pid = concept["introducedBy"] as Int64? {
                introducedBy = PaperRef(id: pid, title: try String.fetchOne(db, sql: "SELECT label FROM paper WHERE id = ?", arguments: [pid]) ?? "")
            }
            return ConceptReport(name: concept["name"], key: concept["key"], kind: concept["kind"], papers: concept["papers"],
                                 weight: ((concept["weight"] as Double) * 1000).rounded() / 1000, introducedBy: introducedBy,
                                 mentionedIn: uses, cooccurring: cooccurring)
        }
    }

    /// All clusters, largest first, with their papers.
    public func clusters(papersPerCluster: Int? = nil) throws -> [ClusterSummary] {
        try read { db in
            var members: [Int: [PaperRef]] = [:]
            if let perCluster = papersPerCluster {
                // The first papers of each cluster, through the membership index.
                let statement = try db.cachedStatement(sql: """
                    SELECT paper.id, paper.label FROM membership JOIN paper ON paper.id = membership.paperID
                    WHERE membership.clusterID = ? ORDER BY membership.paperID LIMIT ?
                    """)
                for id in try Int.fetchAll(db, sql: "SELECT id FROM cluster ORDER BY id") {
                    members[id] = try Row.fetchAll(statement, arguments: [id, perCluster]).map { PaperRef(id: $0[0], title: $0[1]) }
                }
            } else {
                // Every paper, in one pass over the memberships.
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT membership.clusterID, paper.id, paper.label FROM membership JOIN paper ON paper.id = membership.paperID
                    ORDER BY membership.clusterID, paper.id
                    """)
                while let row = try cursor.next() {
                    members[row[0], default: []].append(PaperRef(id: row[1], title: row[2]))
                }
            }
            return try Row.fetchAll(db, sql: "SELECT id, label, size FROM cluster ORDER BY id").map { row in
                let id: Int = row["id"]
                return ClusterSummary(id: id, label: row["label"], size: row["size"], papers: members[id] ?? [])
            }
        }
    }

    private func clusterPapers(_ id: Int, _ db: Database) throws -> [PaperRef] {
        try Row.fetchAll(db, sql: """
            SELECT paper.id, paper.label FROM membership JOIN paper ON paper.id = membership.paperID
            WHERE membership.clusterID = ? ORDER BY paper.id
            """, arguments: [id]).map { PaperRef(id: $0["id"], title: $0["label"]) }
    }

    /// One cluster by id or by words of its label.
    public func cluster(_ query: String) throws -> ClusterSummary {
        try read { db in
            var row: Row?
            if let id = Int(query) {
                row = try Row.fetchOne(db, sql: "SELECT id, label, size FROM cluster WHERE id = ?", arguments: [id])
            }
            if row == nil {
                let words = query.lowercased().split(separator: " ").map(String.init)
                let all = try Row.fetchAll(db, sql: "SELECT id, label, size FROM cluster ORDER BY id")
                let matching = all.filter { r in words.allSatisfy { (r["label"] as String).lowercased().contains($0) } }
                if matching.count > 1 {
                    throw ConceptGraphError.ambiguousPaper(query: query, candidates: matching.map { "\($0["id"] as Int)  \($0["label"] as String)" })
                }
                row = matching.first
            }
            guard let row else {
                throw ConceptGraphError.invalidArgument("no cluster matches \"\(query)\"; `conceptgraph clusters` lists them")
            }
            let id: Int = row["id"]
            return ClusterSummary(id: id, label: row["label"], size: row["size"], papers: try clusterPapers(id, db))
        }
    }

    /// The cluster a paper is in, if any.
    public func clusterOf(_ paper: Int64) throws -> (id: Int, label: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT cluster.id, cluster.label FROM membership JOIN cluster ON cluster.id = membership.clusterID WHERE paperID = ?",
                             arguments: [paper]).map { ($0["id"], $0["label"]) }
        }
    }

    /// What a paper cites (`outgoing`) or what cites it.
    public func citations(of id: Int64, outgoing: Bool) throws -> [CitationLink] {
        try read { db in try citationLinks(of: id, outgoing: outgoing, db) }
    }

    func citationLinks(of id: Int64, outgoing: Bool, _ db: Database) throws -> [CitationLink] {
        do {
            let sql = outgoing
                ? "SELECT * FROM citation WHERE citing = ? ORDER BY confidence DESC, id"
                : "SELECT * FROM citation WHERE cited = ? ORDER BY confidence DESC, id"
            return try Row.fetchAll(db, sql: sql, arguments: [id]).map { row in
                let other: Int64? = outgoing ? row["cited"] : row["citing"]
                var paper: PaperRef?
                if let other {
                    paper = PaperRef(id: other, title: try String.fetchOne(db, sql: "SELECT label FROM paper WHERE id = ?", arguments: [other]) ?? "")
                }
                var reference: String?
                if let rid = row["referenceID"] as Int64? {
                    reference = try String.fetchOne(db, sql: "SELECT label FROM reference WHERE id = ?", arguments: [rid])
                }
                let alternativeIDs = (try? JSONDecoder().decode([Int64].self, from: Data((row["alternatives"] as String).utf8))) ?? []
                let alternatives = try alternativeIDs.map { aid in
                    PaperRef(id: aid, title: try String.fetchOne(db, sql: "SELECT label FROM paper WHERE id = ?", arguments: [aid]) ?? "")
                }
                return CitationLink(paper: paper, reference: reference, kind: row["kind"], confidence: row["confidence"],
                                    callout: row["callout"], evidence: row["evidence"], alternatives: alternatives)
            }
        }
    }

    /// The shortest chain of links from one paper to another (shared concepts or citations), each
    /// step with its reasons; nil when they are not connected within `maxSteps`.
    public func path(from start: Int64, to goal: Int64, maxSteps: Int = 8) throws -> [PathStep]? {
        try read { db in
            let statement = try db.cachedStatement(sql: """
                SELECT b FROM similarity WHERE a = ?1 UNION SELECT a FROM similarity WHERE b = ?1
                UNION SELECT cited FROM citation WHERE citing = ?1 AND cited IS NOT NULL UNION SELECT citing FROM citation WHERE cited = ?1
                """)
            func neighbours(_ p: Int64) throws -> [Int64] {
                try Int64.fetchAll(statement, arguments: [p]).sorted()
            }
            if start == goal { return [] }
            // Breadth-first from both ends, always growing the smaller frontier: the search meets
            // in the middle and touches far fewer papers than a one-sided search.
            var fromStart: [Int64: Int64] = [start: start]
            var fromGoal: [Int64: Int64] = [goal: goal]
            var frontierA = [start]
            var frontierB = [goal]
            var meeting: Int64?
            var steps = 0
            search: while !frontierA.isEmpty && !frontierB.isEmpty && steps < maxSteps {
                steps += 1
                let expandA = frontierA.count <= frontierB.count
                var next: [Int64] = []
                for p in expandA ? frontierA : frontierB {
                    for q in try neighbours(p) {
                        if expandA {
                            guard fromStart[q] == nil else { continue }
                            fromStart[q] = p
                            if fromGoal[q] != nil { meeting = q; break search }
                        } else {
                            guard fromGoal[q] == nil else { continue }
                            fromGoal[q] = p
                            if fromStart[q] != nil { meeting = q; break search }
                        }
                        next.append(q)
                    }
                }
                if expandA { frontierA = next } else { frontierB = next }
            }
            guard let meeting else { return nil }
            var left = [meeting]
            while let last = left.last, last != start { left.append(fromStart[last]!) }
            left.reverse()
            var right: [Int64] = []
            var node = meeting
            while node != goal { node = fromGoal[node]!; right.append(node) }
            let chain = left + right
            var result: [PathStep] = []
            for (a, b) in zip(chain, chain.dropFirst()) {
                result.append(PathStep(from: try ref(a, db), to: try ref(b, db), reasons: try reasons(between: a, and: b, db)))
            }
            return result
        }
    }

    private func ref(_ id: Int64, _ db: Database) throws -> PaperRef {
        PaperRef(id: id, title: try String.fetchOne(db, sql: "SELECT label FROM paper WHERE id = ?", arguments: [id]) ?? "")
    }

    private func reasons(between a: Int64, and b: Int64, _ db: Database) throws -> [Reason] {
        var result: [Reason] = []
        if let json = try String.fetchOne(db, sql: "SELECT reasons FROM similarity WHERE a = ? AND b = ?", arguments: [min(a, b), max(a, b)]),
           let concepts = try? JSONDecoder().decode([ReasonConcept].self, from: Data(json.utf8)) {
            result.append(Reason(kind: .concept, text: "shares " + concepts.map(\.name).joined(separator: ", ")))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT citing, kind, callout, evidence FROM citation WHERE (citing = ? AND cited = ?) OR (citing = ? AND cited = ?) ORDER BY id
            """, arguments: [a, b, b, a]) {
            let direction = (row["citing"] as Int64) == a ? "cites" : "is cited by"
            result.append(Reason(kind: .citation, text: "\(direction) (\(Self.describe(kind: row["kind"], callout: row["callout"]))): \(row["evidence"] as String)"))
        }
        return result
    }

    /// Graph-wide facts: modularity, resolution, seed, node and edge counts.
    public func graphInfo() throws -> [String: String] {
        try read { db in
            var info: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM graphInfo") { info[row["name"]] = row["value"] }
            return info
        }
    }
}
