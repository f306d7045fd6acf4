import Foundation
import GRDB

/// Storing what the extractor finds. Extraction runs over the whole corpus at once, because
/// evidence travels between papers (a name typed as a data set in one paper is one in the others).
extension Store {
    /// Re-extracts every paper and replaces concepts, mentions, abbreviations and claims, in one
    /// transaction. Returns the number of mentions stored.
    @discardableResult
    public func rebuildExtraction(extractor: Extractor = Extractor()) throws -> (concepts: Int, mentions: Int, claims: Int) {
        let papers = try read { db in
            try Row.fetchAll(db, sql: "SELECT id, title, abstract FROM paper ORDER BY id").map {
                (id: $0["id"] as Int64, title: $0["title"] as String?, abstract: $0["abstract"] as String?)
            }
        }
        let extractions = extractor.extractCorpus(papers.map { ($0.title, $0.abstract) })

        // Concepts: kind by majority over mentions, name by the most frequent surface.
        struct ConceptStats {
            var kinds: [MentionKind: Int] = [:]
            var surfaces: [String: Int] = [:]
            var papers = Set<Int64>()
            var introducedBy: Int64?
        }
        var stats: [String: ConceptStats] = [:]
        for (paper, extraction) in zip(papers, extractions) {
            for m in extraction.mentions {
                var st = stats[m.key] ?? ConceptStats()
                st.kinds[m.kind, default: 0] += 1
                st.surfaces[Self.displayForm(m.surface, kind: m.kind), default: 0] += 1
                st.papers.insert(paper.id)
                if m.introduced, st.introducedBy == nil || paper.id < st.introducedBy! { st.introducedBy = paper.id }
                stats[m.key] = st
            }
        }
        return try write { db in
            try db.execute(sql: "DELETE FROM conceptPaper; DELETE FROM mention; DELETE FROM claim; DELETE FROM abbreviation; DELETE FROM concept")
            try db.execute(sql: "DELETE FROM staleStage WHERE stage = 'extract'")
            var conceptIDs: [String: Int64] = [:]
            let insertConcept = try db.makeStatement(sql: "INSERT INTO concept (key, kind, name, papers, introducedBy) VALUES (?, ?, ?, ?, ?)")
            for key in stats.keys.sorted() {
                let st = stats[key]!
                let kind = st.kinds.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
                // Long forms read better than short ones: "in-context learning" over "ICL".
                func score(_ surface: String, _ count: Int) -> Double {
                    let shortForm = !surface.contains(" ") && surface.count <= 6 && surface.uppercased() == surface
                    return Double(count) * (shortForm ? 0.3 : 1)
                }
                let name = st.surfaces.max { (score($0.key, $0.value), $1.key) < (score($1.key, $1.value), $0.key) }!.key
                try insertConcept.execute(arguments: [key, kind.rawValue, name, st.papers.count, st.introducedBy])
                conceptIDs[key] = db.lastInsertedRowID
            }
            let insertMention = try db.makeStatement(sql: """
                INSERT INTO mention (paperID, conceptID, kind, surface, field, sentence, start, end, evidence, introduced)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertAbbreviation = try db.makeStatement(sql: "INSERT INTO abbreviation (paperID, short, long) VALUES (?, ?, ?)")
            let insertClaim = try db.makeStatement(sql: """
                INSERT INTO claim (paperID, sentence, kind, text, hedged, negated, quantities, baseline, metric, dataset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var mentions = 0
            var claims = 0
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            for (paper, extraction) in zip(papers, extractions) {
                for m in extraction.mentions {
                    try insertMention.execute(arguments: [paper.id, conceptIDs[m.key]!, m.kind.rawValue, m.surface, m.field.rawValue,
                                                          m.sentence, m.start, m.end, m.evidence.rawValue, m.introduced])
                    mentions += 1
                }
                for a in extraction.abbreviations {
                    try insertAbbreviation.execute(arguments: [paper.id, a.short, a.long])
                }
                for c in extraction.claims {
                    let quantities = String(decoding: try encoder.encode(c.quantities), as: UTF8.self)
                    try insertClaim.execute(arguments: [paper.id, c.sentence, c.kind.rawValue, c.text, c.hedged, c.negated,
                                                        quantities, c.baseline, c.metric, c.dataset])
                    claims += 1
                }
            }
            // Rank: introducers first, then title mentions, then how often (lower rank is stronger).
            try db.execute(sql: """
                INSERT INTO conceptPaper (conceptID, paperID, mentions, inTitle, introduced, rank)
                SELECT conceptID, paperID, COUNT(*), MAX(field = 'title'), MAX(introduced),
                       -(MAX(introduced) * 1000000 + MAX(field = 'title') * 1000 + COUNT(*))
                FROM mention GROUP BY conceptID, paperID
                """)
            return (stats.count, mentions, claims)
        }
    }

    /// A mention's surface without a trailing cue noun ("MegaFace dataset" → "MegaFace").
    static func displayForm(_ surface: String, kind: MentionKind) -> String {
        guard kind == .dataset else { return surface }
        for suffix in [" datasets", " dataset", " data sets", " data set", " corpora", " corpus", " databases", " database",
                       " benchmarks", " benchmark", " collections", " collection"] where surface.hasSuffix(suffix) {
            let trimmed = String(surface.dropLast(suffix.count))
            if !trimmed.isEmpty { return trimmed }
        }
        return surface
    }
}
