import Foundation
import GRDB

/// Reading papers back: lookup by any name a user may type, listing, search and statistics.
extension Store {
    /// Finds the paper a user means: a store id, an arXiv id, a DOI, an exact title, or a unique
    /// case-insensitive part of a title. Ambiguity is an error that lists the candidates.
    public func resolvePaper(_ query: String) throws -> Int64 {
        let q = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !q.isEmpty else { throw ConceptGraphError.invalidArgument("an empty paper name; give an id, an arXiv id, a DOI or a title") }
        return try read { db in
            if let id = Int64(q), try Bool.fetchOne(db, sql: "SELECT 1 FROM paper WHERE id = ?", arguments: [id]) == true {
                return id
            }
            let schemes: [(String, String?)] = [("arxiv", Identifiers.arxiv(q)), ("doi", Identifiers.doi(q)),
                                                ("acl", q), ("s2", q), ("title", TextNormalizer.titleKey(q))]
            for (scheme, value) in schemes {
                guard let value, !value.isEmpty else { continue }
                if let id = try Int64.fetchOne(db, sql: "SELECT paperID FROM identifier WHERE scheme = ? AND value = ?", arguments: [scheme, value]) {
                    return id
                }
            }
            let exact = try Int64.fetchAll(db, sql: "SELECT id FROM paper WHERE label = ? ORDER BY id", arguments: [q])
            if exact.count == 1 { return exact[0] }
            let lowered = q.lowercased()
            let rows = try Row.fetchAll(db, sql: "SELECT id, label FROM paper WHERE instr(lower(label), ?) > 0 ORDER BY id LIMIT 200", arguments: [lowered])
            if rows.count == 1 { return rows[0]["id"] }
            if rows.count > 1 {
                throw ConceptGraphError.ambiguousPaper(query: q, candidates: rows.map { "\($0["id"] as Int64)  \($0["label"] as String)" })
            }
            // Last resort for untitled abstracts: a phrase of the abstract itself.
            let inAbstract = try Row.fetchAll(db, sql: "SELECT id, label FROM paper WHERE instr(lower(abstract), ?) > 0 ORDER BY id LIMIT 200", arguments: [lowered])
            if inAbstract.count == 1 { return inAbstract[0]["id"] }
            if inAbstract.count > 1 {
                throw ConceptGraphError.ambiguousPaper(query: q, candidates: inAbstract.map { "\($0["id"] as Int64)  \($0["label"] as String)" })
            }
            throw ConceptGraphError.paperNotFound(query: q)
        }
    }

    /// Everything about one paper.
    public func paperDetails(_ id: Int64) throws -> PaperDetails {
        try read { db in
            guard let paper = try fetchPaper(id, db) else { throw ConceptGraphError.paperNotFound(query: String(id)) }
            let identifiers = try Row.fetchAll(db, sql: "SELECT scheme, value FROM identifier WHERE paperID = ? ORDER BY scheme, value", arguments: [id])
                .map { ExternalID($0["scheme"], $0["value"]) }
            let sources = try Row.fetchAll(db, sql: "SELECT file, locator, line, format FROM source WHERE paperID = ? ORDER BY file, line, locator", arguments: [id])
                .map { SourceOccurrence(file: $0["file"], locator: $0["locator"], line: $0["line"], format: $0["format"]) }
            var details = PaperDetails(paper: paper, identifiers: identifiers, sources: sources)
            // Mentions grouped by concept, under the kind the mention has in this paper.
            let rows = try Row.fetchAll(db, sql: """
                SELECT mention.kind, mention.surface, mention.evidence, mention.introduced, concept.key, concept.name, concept.papers
                FROM mention JOIN concept ON concept.id = mention.conceptID
                WHERE mention.paperID = ? ORDER BY mention.field DESC, mention.sentence, mention.start
                """, arguments: [id])
            var uses: [MentionKind: [ConceptUse]] = [:]
            for row in rows {
                guard let kind = MentionKind(rawValue: row["kind"]) else { continue }
                let key: String = row["key"]
                let surface = Store.displayForm(row["surface"], kind: kind)
                let evidence: String = row["evidence"]
                var list = uses[kind] ?? []
                if let i = list.firstIndex(where: { $0.key == key }) {
                    list[i].count += 1
                    if !list[i].surfaces.contains(surface) { list[i].surfaces.append(surface) }
                    if !list[i].evidence.contains(evidence) { list[i].evidence.append(evidence) }
                    if row["introduced"] as Bool { list[i].introduced = true }
                } else {
                    list.append(ConceptUse(name: row["name"], key: key, surfaces: [surface], evidence: [evidence], count: 1,
                                           introduced: row["introduced"], papers: row["papers"]))
                }
                uses[kind] = list
            }
            details.methods = uses[.method] ?? []
            details.datasets = uses[.dataset] ?? []
            details.tasks = uses[.task] ?? []
            details.metrics = uses[.metric] ?? []
            details.concepts = uses[.concept] ?? []
            details.abbreviations = try Row.fetchAll(db, sql: "SELECT short, long FROM abbreviation WHERE paperID = ? ORDER BY rowid", arguments: [id])
                .map { Abbreviation(short: $0["short"], long: $0["long"], sentence: 0) }
            let decoder = JSONDecoder()
            details.claims = try Row.fetchAll(db, sql: "SELECT * FROM claim WHERE paperID = ? ORDER BY sentence", arguments: [id]).map { row in
                let quantities = (try? decoder.decode([Quantity].self, from: Data((row["quantities"] as String).utf8))) ?? []
                return Claim(kind: Claim.Kind(rawValue: row["kind"]) ?? .empirical, sentence: row["sentence"], text: row["text"],
                             hedged: row["hedged"], negated: row["negated"], quantities: quantities,
                             baseline: row["baseline"], metric: row["metric"], dataset: row["dataset"])
            }
            details.cites = try citationLinks(of: id, outgoing: true, db)
            details.citedBy = try citationLinks(of: id, outgoing: false, db)
            return details
        }
    }

    func fetchPaper(_ id: Int64, _ db: Database) throws -> Paper? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM paper WHERE id = ?", arguments: [id]) else { return nil }
        let authors = try String.fetchAll(db, sql: "SELECT name FROM author WHERE paperID = ? ORDER BY position", arguments: [id])
        let categories: String = row["categories"]
        return Paper(id: row["id"], title: row["title"], label: row["label"], abstract: row["abstract"], year: row["year"],
                     arxivID: row["arxivID"], doi: row["doi"], venue: row["venue"],
                     categories: categories.split(separator: " ").map(String.init), authors: authors)
    }

    /// Papers in store order, or the best full-text matches for `search` (FTS5, bm25 ranking).
    public func papers(search: String? = nil, limit: Int? = nil, offset: Int = 0) throws -> [PaperSummary] {
        try papers(search: search, limit: limit, offset: offset, maximumRanked: Self.maximumRankedMatches)
    }

    func papers(search: String?, limit: Int?, offset: Int, maximumRanked: Int) throws -> [PaperSummary] {
        try read { db in
            let rows: [Row]
            let lim = limit ?? -1
            if let search, !search.trimmingCharacters(in: .whitespaces).isEmpty {
                guard let pattern = Self.ftsPattern(search) else { return [] }
                // bm25 scores every match, which costs ~2 µs a paper: fine for specific queries,
                // too slow for a word in most of a large corpus. Such broad queries list the papers
                // with the words in their title, newest first, which the index answers directly.
                let matches = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paperFTS WHERE paperFTS MATCH ?", arguments: [pattern]) ?? 0
                if matches > maximumRanked {
                    rows = try Row.fetchAll(db, sql: """
                        SELECT paper.id, paper.label, paper.year, paper.arxivID, NULL AS rank
                        FROM paperFTS JOIN paper ON paper.id = paperFTS.rowid
                        WHERE paperFTS MATCH ? ORDER BY paperFTS.rowid DESC LIMIT ? OFFSET ?
                        """, arguments: ["{label} : (\(pattern))", lim, offset])
                } else {
                    rows = try Row.fetchAll(db, sql: """
                        SELECT paper.id, paper.label, paper.year, paper.arxivID, bm25(paperFTS, 4.0, 1.0) AS rank
                        FROM paperFTS JOIN paper ON paper.id = paperFTS.rowid
                        WHERE paperFTS MATCH ? ORDER BY rank, paper.id LIMIT ? OFFSET ?
                        """, arguments: [pattern, lim, offset])
                }
            } else {
                rows = try Row.fetchAll(db, sql: "SELECT id, label, year, arxivID, NULL AS rank FROM paper ORDER BY id LIMIT ? OFFSET ?",
                                       arguments: [lim, offset])
            }
            return try rows.map { row in
                let id: Int64 = row["id"]
                let authors = try String.fetchAll(db, sql: "SELECT name FROM author WHERE paperID = ? ORDER BY position LIMIT 3", arguments: [id])
                let rank: Double? = row["rank"]
                return PaperSummary(id: id, title: row["label"], year: row["year"], authors: authors, arxivID: row["arxivID"],
                                    score: rank.map { -$0 })
            }
        }
    }

    /// Above this many matches a search is too broad to rank by bm25 within the latency budget.
    static let maximumRankedMatches = 10_000

    /// A safe FTS5 query from free text: every word quoted, all required. Nil when no word remains.
    static func ftsPattern(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { "\"\($0)\"" }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Counts over the store.
    public func statistics() throws -> StoreStatistics {
        try read { db in
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            var byFormat: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT format, COUNT(*) AS n FROM source GROUP BY format") {
                byFormat[row["format"]] = row["n"]
            }
            var byScheme: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT scheme, COUNT(*) AS n FROM identifier GROUP BY scheme") {
                byScheme[row["scheme"]] = row["n"]
            }
            let years = try Row.fetchOne(db, sql: "SELECT MIN(year) AS a, MAX(year) AS b FROM paper")
            return StoreStatistics(
                papers: try count("SELECT COUNT(*) FROM paper"),
                titled: try count("SELECT COUNT(*) FROM paper WHERE title IS NOT NULL"),
                untitled: try count("SELECT COUNT(*) FROM paper WHERE title IS NULL"),
                withAbstract: try count("SELECT COUNT(*) FROM paper WHERE abstract IS NOT NULL"),
                withAuthors: try count("SELECT COUNT(DISTINCT paperID) FROM author"),
                authors: try count("SELECT COUNT(DISTINCT name) FROM author"),
                sources: try count("SELECT COUNT(*) FROM source"),
                papersInSeveralSources: try count("SELECT COUNT(*) FROM (SELECT paperID FROM source GROUP BY paperID HAVING COUNT(*) > 1)"),
                files: try count("SELECT COUNT(*) FROM inputFile"),
                sourcesByFormat: byFormat, identifiersByScheme: byScheme,
                firstYear: years?["a"], lastYear: years?["b"])
        }
    }
}
