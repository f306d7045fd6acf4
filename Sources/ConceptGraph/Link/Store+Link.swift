import Foundation
import GRDB

/// What the link stage stored.
public struct LinkReport: Sendable, Codable {
    public var similarityEdges: Int
    public var citations: Int
    public var citationsToCorpus: Int
    public var externalReferences: Int
}

/// The link stage: concept weights, "shares concepts" edges with their reasons, and citation
/// edges from callouts, names and titles. Runs over the whole corpus in one transaction.
extension Store {
    @discardableResult
    public func link(neighbours k: Int = 10, threshold: Double = SimilarityLinker.defaultThreshold,
                     progress: ProgressObserver? = nil) throws -> LinkReport {
        let snapshot = try read { db in try CorpusSnapshot.load(db) }
        return try link(snapshot, neighbours: k, threshold: threshold, progress: progress)
    }

    func link(_ snapshot: CorpusSnapshot, neighbours k: Int, threshold: Double, progress: ProgressObserver?) throws -> LinkReport {
        defer { checkpoint() }
        return try bulkWrite { db in
            let n = snapshot.papers.count

            // Concept weights.
            let weights = snapshot.concepts.map { ConceptWeights.conceptWeight($0, n: n) }
            let updateWeight = try db.makeStatement(sql: "UPDATE concept SET weight = ?, introducers = ? WHERE id = ?")
            for (c, w) in zip(snapshot.concepts, weights) {
                try updateWeight.execute(arguments: [w, c.introducer == nil ? 0 : 1, c.id])
            }

            // Similarity edges.
            let vectors = ConceptWeights.vectors(snapshot.uses, conceptWeights: weights)
            var linker = SimilarityLinker()
            linker.k = k
            linker.threshold = threshold
            let edges = linker.link(vectors: vectors, conceptCount: snapshot.concepts.count, progress: progress)
            try db.execute(sql: "DELETE FROM similarity")
            try withoutIndexes(on: ["similarity"], db) {
                var insertEdge = try BoundStatement(db, sql: "INSERT INTO similarity (a, b, score, reasons) VALUES (?, ?, ?, ?)")
                // Reasons' JSON is written in parallel, a batch of edges at a time, and stored in order.
                let openings = Parallel.map(snapshot.concepts.count, chunk: 4096) { c in
                    let concept = snapshot.concepts[c]
                    return ReasonConcept.opening(key: concept.key, kind: concept.kind.rawValue, name: concept.name)
                }
                var first = 0
                while first < edges.count {
                    let batch = edges[first..<min(first + 65_536, edges.count)]
                    let json = Parallel.map(batch.count, chunk: 1024) { i in ReasonConcept.json(batch[batch.startIndex + i].reasons, openings: openings) }
                    for (e, reasons) in zip(batch, json) {
                        insertEdge.bind(snapshot.papers[e.a].id)
                        insertEdge.bind(snapshot.papers[e.b].id)
                        insertEdge.bind((e.score * 10000).rounded() / 10000)
                        insertEdge.bind(reasons)
                        try insertEdge.step()
                    }
                    first += batch.count
                }
            }

            // Citations. Texts are read a batch at a time; only titles are held for the whole corpus.
            let titles = try String?.fetchAll(db, sql: "SELECT title FROM paper ORDER BY id")
            let mentionLinker = MentionCitationLinker()
            let titleIndex = mentionLinker.titleIndex(titles: titles, years: snapshot.papers.map(\.year))
            let callouts = try CalloutLinking(db, snapshot: snapshot)
            var found: [FoundCitation] = []
            var first = 0
            while first < n {
                let batch = snapshot.papers[first..<min(first + Self.linkBatchSize, n)]
                let texts = try Row.fetchAll(db, sql: "SELECT title, abstract FROM paper WHERE id BETWEEN ? AND ? ORDER BY id",
                                             arguments: [batch.first!.id, batch.last!.id])
                    .map { (title: $0["title"] as String?, abstract: $0["abstract"] as String?) }
                guard texts.count == batch.count else {
                    throw ConceptGraphError.invalidArgument("the store changed during linking; run `conceptgraph build` again")
                }
                found += callouts.citations(texts: texts, first: first)
                found += mentionLinker.nameCitations(snapshot, papers: batch.indices) { paper, use in
                    Self.sentence(Int(use.firstSentence), of: use.firstInTitle ? texts[paper - first].title : texts[paper - first].abstract) ?? ""
                }
                found += mentionLinker.titleCitations(titleIndex, texts: texts, first: first)
                first += batch.count
            }

            // One citation per (citing, target): the most confident evidence wins.
            func order(_ t: FoundCitation.Target) -> (Int, String) {
                switch t {
                case let .paper(p): return (p, "")
                case let .external(key, _): return (-1, key)
                }
            }
            found.sort { a, b in
                if a.citing != b.citing { return a.citing < b.citing }
                let (x, y) = (order(a.target), order(b.target))
                if x != y { return x < y }
                return a.confidence > b.confidence
            }
            var kept: [FoundCitation] = []
            for c in found where kept.last.map({ $0.citing != c.citing || $0.target != c.target }) ?? true { kept.append(c) }

            try db.execute(sql: "DELETE FROM citation; DELETE FROM reference")
            var referenceIDs: [String: Int64] = [:]
            var toCorpus = 0
            try withoutIndexes(on: ["citation"], db) {
                let insertReference = try db.makeStatement(sql: "INSERT INTO reference (key, label) VALUES (?, ?)")
                var insertCitation = try BoundStatement(db, sql: """
                    INSERT INTO citation (citing, cited, referenceID, kind, confidence, callout, evidence, alternatives)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for c in kept {
                    var cited: Int64?
                    var referenceID: Int64?
                    switch c.target {
                    case let .paper(p):
                        cited = snapshot.papers[p].id
                        toCorpus += 1
                    case let .external(key, label):
                        if let id = referenceIDs[key] {
                            referenceID = id
                        } else {
                            try insertReference.execute(arguments: [key, label])
                            referenceID = db.lastInsertedRowID
                            referenceIDs[key] = referenceID
                        }
                    }
                    insertCitation.bind(snapshot.papers[c.citing].id)
                    insertCitation.bind(cited)
                    insertCitation.bind(referenceID)
                    insertCitation.bind(c.kind)
                    insertCitation.bind((c.confidence * 1000).rounded() / 1000)
                    insertCitation.bind(c.callout)
                    insertCitation.bind(c.evidence)
                    // A JSON array of paper ids, as JSONEncoder writes it.
                    insertCitation.bind("[" + c.alternatives.map { String(snapshot.papers[$0].id) }.joined(separator: ",") + "]")
                    try insertCitation.step()
                }
            }
            return LinkReport(similarityEdges: edges.count, citations: kept.count, citationsToCorpus: toCorpus,
                              externalReferences: referenceIDs.count)
        }
    }

    /// Papers whose texts the citation search holds at once.
    static let linkBatchSize = 16384

    /// Author–year callouts, arXiv ids and DOIs in abstracts, resolved against the corpus.
    private struct CalloutLinking {
        let snapshot: CorpusSnapshot
        let resolver: CalloutResolver
        var byArxiv: [String: Int] = [:]
        var byDOI: [String: Int] = [:]

        init(_ db: Database, snapshot: CorpusSnapshot) throws {
            self.snapshot = snapshot
            resolver = CalloutResolver(index: try SurnameIndex.rebuild(db))
            for (i, p) in snapshot.papers.enumerated() {
                if let a = p.arxivID { byArxiv[a] = i }
                if let d = p.doi { byDOI[d] = i }
            }
        }

        /// The callouts of papers `first ..< first + texts.count`, whose texts are given.
        func citations(texts: [(title: String?, abstract: String?)], first: Int) -> [FoundCitation] {
            // Parsing is per paper and pure: in parallel. Resolving is quick: in order.
            let parsed = Parallel.map(texts.count) { i -> [(callout: Callout, evidence: String)] in
                guard let abstract = texts[i].abstract else { return [] }
                let callouts = CalloutParser.parse(abstract)
                guard !callouts.isEmpty else { return [] }
                // Split into sentences once per abstract, not once per callout.
                let sentences = Tokenizer.sentenceTexts(abstract)
                return callouts.map { ($0, Store.sentence(containing: $0.start, in: sentences) ?? $0.text) }
            }
            var result: [FoundCitation] = []
            for (i, callouts) in parsed.enumerated() {
                let p = first + i
                for (callout, evidence) in callouts {
                    var target: FoundCitation.Target?
                    var confidence = 0.5
                    var alternatives: [Int] = []
                    switch callout.kind {
                    case .authorYear:
                        if let r = resolver.resolve(callout), let q = snapshot.index[r.paper], q != p {
                            target = .paper(q)
                            confidence = r.confidence
                            alternatives = r.alternatives.compactMap { snapshot.index[$0] }
                        }
                    case .arxiv:
                        if let id = callout.identifier, let q = byArxiv[id], q != p { target = .paper(q); confidence = 1 }
                    case .doi:
                        if let id = callout.identifier, let q = byDOI[id], q != p { target = .paper(q); confidence = 1 }
                    }
                    if target == nil, let (key, label) = CalloutResolver.externalReference(callout) {
                        target = .external(key: key, label: label)
                        confidence = 1
                    }
                    guard let target else { continue }
                    result.append(FoundCitation(citing: p, target: target, kind: callout.kind == .authorYear ? "callout" : callout.kind.rawValue,
                                                confidence: confidence, callout: callout.text, evidence: evidence, alternatives: alternatives))
                }
            }
            return result
        }
    }

    /// The text of sentence `index` of `text`.
    static func sentence(_ index: Int, of text: String?) -> String? {
        guard let text else { return nil }
        let sentences = Tokenizer.sentenceTexts(text)
        return index < sentences.count ? sentences[index].text : nil
    }

    /// Of `sentences` (one text's), the one holding the scalar offset `offset`.
    static func sentence(containing offset: Int, in sentences: [(start: Int, end: Int, text: String)]) -> String? {
        (sentences.first { $0.start <= offset && offset < max($0.end, $0.start + 1) } ?? sentences.last)?.text
    }
}

/// A shared concept as stored on an edge.
public struct ReasonConcept: Sendable, Codable, Hashable {
    public var key: String
    public var name: String
    public var kind: String
    public var weight: Double

    /// A reason's JSON up to its weight.
    static func opening(key: String, kind: String, name: String) -> String {
        "{\"key\":\(JSONOutput.quoted(key)),\"kind\":\(JSONOutput.quoted(kind)),\"name\":\(JSONOutput.quoted(name)),\"weight\":"
    }

    /// One edge's reasons (concept index, contribution) as stored: a compact JSON array, keys
    /// sorted, weights rounded to 3 places, written by hand from each concept's `opening`
    /// (millions of edges at scale; JSONEncoder costs microseconds each).
    static func json(_ reasons: [(Int32, Double)], openings: [String]) -> String {
        var out = "["
        for (i, (c, weight)) in reasons.enumerated() {
            if i > 0 { out += "," }
            out += openings[Int(c)]
            out += "\((weight * 1000).rounded() / 1000)}"
        }
        out += "]"
        return out
    }
}
