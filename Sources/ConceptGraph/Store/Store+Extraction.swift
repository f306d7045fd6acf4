import Foundation
import GRDB

/// Storing what the extractor finds. Extraction runs over the whole corpus at once, because
/// evidence travels between papers (a name typed as a data set in one paper is one in the others).
extension Store {
    /// Re-extracts every paper and replaces concepts, mentions, abbreviations and claims, in one
    /// transaction. Returns what was stored.
    @discardableResult
    public func rebuildExtraction(extractor: Extractor = Extractor(), progress: ProgressObserver? = nil) throws
        -> (concepts: Int, mentions: Int, claims: Int) {
        try extractAndStore(extractor: extractor, progress: progress).counts
    }

    /// Extraction over the whole corpus, stored; also returns the corpus snapshot the link and
    /// cluster stages need, built from memory, so a build never reads the mentions back.
    func extractAndStore(extractor: Extractor = Extractor(), progress: ProgressObserver? = nil) throws
        -> (counts: (concepts: Int, mentions: Int, claims: Int), snapshot: CorpusSnapshot, seconds: [String: Double]) {
        let started = Date()
        var snapshot = CorpusSnapshot()
        var texts: [(title: String?, abstract: String?)] = []
        try read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, title, abstract, label, year, arxivID, doi FROM paper ORDER BY id")
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                snapshot.index[id] = snapshot.papers.count
                snapshot.papers.append(.init(id: id, label: row["label"], year: row["year"], arxivID: row["arxivID"], doi: row["doi"]))
                texts.append((row["title"], row["abstract"]))
            }
        }
        progress?.begin("extract", unit: "papers", total: texts.count)
        let extractions = extractor.extractCorpus(texts, progress: progress)
        progress?.finish()
        texts = []
        let extracted = Date()

        // Concepts: kind by majority over mentions, name by the most frequent surface. Each
        // concept gets a provisional number in order of first appearance; `conceptOf` gives
        // every mention's number, so keys are hashed once.
        struct ConceptStats {
            var key: String
            var kinds = [Int](repeating: 0, count: MentionKind.allCases.count)
            var surfaces: [String: Int] = [:]
            var papers = 0
            var lastPaper = -1
            var introducers = 0
            var lastIntroducer = -1
        }
        var numbers: [String: Int32] = [:]
        var stats: [ConceptStats] = []
        var conceptOf: [[Int32]] = []
        conceptOf.reserveCapacity(extractions.count)
        for (p, extraction) in extractions.enumerated() {
            var ofPaper: [Int32] = []
            ofPaper.reserveCapacity(extraction.mentions.count)
            for m in extraction.mentions {
                let c: Int32
                if let known = numbers[m.key] { c = known } else {
                    c = Int32(stats.count)
                    numbers[m.key] = c
                    stats.append(ConceptStats(key: m.key))
                }
                ofPaper.append(c)
                let i = Int(c)
                stats[i].kinds[MentionKind.ordinal(m.kind)] += 1
                stats[i].surfaces[Self.displayForm(m.surface, kind: m.kind), default: 0] += 1
                if stats[i].lastPaper != p { stats[i].papers += 1; stats[i].lastPaper = p }
                if m.introduced, stats[i].lastIntroducer != p { stats[i].introducers += 1; stats[i].lastIntroducer = p }
            }
            conceptOf.append(ofPaper)
        }
        numbers = [:]
        // Final order: by key, as concept ids are assigned.
        let order = stats.indices.sorted { stats[$0].key < stats[$1].key }
        var final = [Int32](repeating: 0, count: stats.count)
        for (position, c) in order.enumerated() { final[c] = Int32(position) }
        // The introducer is the first paper (in id order) that introduces the name.
        var introducedBy = [Int?](repeating: nil, count: stats.count)
        for (p, extraction) in extractions.enumerated() {
            for (m, c) in zip(extraction.mentions, conceptOf[p]) where m.introduced && introducedBy[Int(c)] == nil {
                introducedBy[Int(c)] = p
            }
        }

        let counts: (concepts: Int, mentions: Int, claims: Int) = try bulkWrite { db in
            try db.execute(sql: "DELETE FROM conceptPaper; DELETE FROM mention; DELETE FROM claim; DELETE FROM abbreviation; DELETE FROM concept")
            try db.execute(sql: "DELETE FROM staleStage WHERE stage = 'extract'")
            // Bulk load: secondary indexes are dropped and built again once, at the end, from
            // sorted data, instead of being updated row by row.
            let indexes = try Row.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('mention', 'conceptPaper', 'claim', 'abbreviation')
                ORDER BY name
                """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
            for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
            snapshot.concepts.reserveCapacity(stats.count)
            let insertConcept = try db.makeStatement(sql: "INSERT INTO concept (key, kind, name, papers, introducedBy) VALUES (?, ?, ?, ?, ?)")
            for c in order {
                let st = stats[c]
                let kind = MentionKind.allCases.indices.max { (st.kinds[$0], MentionKind.allCases[$1]) < (st.kinds[$1], MentionKind.allCases[$0]) }
                    .map { MentionKind.allCases[$0] }!
                // Long forms read better than short ones: "in-context learning" over "ICL".
                func score(_ surface: String, _ count: Int) -> Double {
                    let shortForm = !surface.contains(" ") && surface.count <= 6 && surface.uppercased() == surface
                    return Double(count) * (shortForm ? 0.3 : 1)
                }
                let name = st.surfaces.max { (score($0.key, $0.value), $1.key) < (score($1.key, $1.value), $0.key) }!.key
                let introducer = introducedBy[c]
                try insertConcept.execute(arguments: [st.key, kind.rawValue, name, st.papers, introducer.map { snapshot.papers[$0].id }])
                snapshot.concepts.append(.init(id: db.lastInsertedRowID, key: st.key, name: name, kind: kind, df: st.papers,
                                               introducer: st.introducers == 1 ? introducer : nil))
            }
            stats = []
            progress?.begin("store", unit: "papers", total: extractions.count)
            var insertMention = try BulkInsert(db, sql: """
                INSERT INTO mention (paperID, conceptID, kind, surface, field, sentence, start, end, evidence, introduced)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var insertAbbreviation = try BulkInsert(db, sql: "INSERT INTO abbreviation (paperID, short, long) VALUES (?, ?, ?)")
            var insertClaim = try BulkInsert(db, sql: """
                INSERT INTO claim (paperID, sentence, kind, text, hedged, negated, quantities, baseline, metric, dataset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            var insertConceptPaper = try BulkInsert(db, sql: """
                INSERT INTO conceptPaper (conceptID, paperID, mentions, inTitle, introduced, rank) VALUES (?, ?, ?, ?, ?, ?)
                """)
            var mentions = 0
            var claims = 0
            // Concept–paper rows, inserted at the end in primary-key order.
            var conceptPapers: [(concept: Int32, paper: Int32, use: CorpusSnapshot.Use)] = []
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            snapshot.uses.reserveCapacity(extractions.count)
            for (p, extraction) in extractions.enumerated() {
                let paperID = snapshot.papers[p].id
                for (m, c) in zip(extraction.mentions, conceptOf[p]) {
                    insertMention.bind(paperID)
                    insertMention.bind(snapshot.concepts[Int(final[Int(c)])].id)
                    insertMention.bind(m.kind.rawValue)
                    insertMention.bind(m.surface)
                    insertMention.bind(m.field.rawValue)
                    insertMention.bind(m.sentence)
                    insertMention.bind(m.start)
                    insertMention.bind(m.end)
                    insertMention.bind(m.evidence.rawValue)
                    insertMention.bind(m.introduced)
                    try insertMention.step()
                    mentions += 1
                }
                for a in extraction.abbreviations {
                    insertAbbreviation.bind(paperID)
                    insertAbbreviation.bind(a.short)
                    insertAbbreviation.bind(a.long)
                    try insertAbbreviation.step()
                }
                for c in extraction.claims {
                    insertClaim.bind(paperID)
                    insertClaim.bind(c.sentence)
                    insertClaim.bind(c.kind.rawValue)
                    insertClaim.bind(c.text)
                    insertClaim.bind(c.hedged)
                    insertClaim.bind(c.negated)
                    insertClaim.bind(c.quantities.isEmpty ? "[]" : String(decoding: try encoder.encode(c.quantities), as: UTF8.self))
                    insertClaim.bind(c.baseline)
                    insertClaim.bind(c.metric)
                    insertClaim.bind(c.dataset)
                    try insertClaim.step()
                    claims += 1
                }
                let uses = CorpusSnapshot.uses(of: extraction.mentions, concepts: conceptOf[p].map { final[Int($0)] })
                for u in uses { conceptPapers.append((u.concept, Int32(p), u)) }
                snapshot.uses.append(uses)
                conceptOf[p] = []
                if p % 1024 == 1023 { progress?.advance(1024) }
            }
            progress?.advance(extractions.count % 1024)
            conceptPapers.sort { $0.concept != $1.concept ? $0.concept < $1.concept : $0.paper < $1.paper }
            for (concept, paper, u) in conceptPapers {
                // Rank: introducers first, then title mentions, then how often (lower rank is stronger).
                let rank = -((u.introduced ? 1 : 0) * 1_000_000 + (u.inTitle ? 1 : 0) * 1000 + Int(u.count))
                insertConceptPaper.bind(snapshot.concepts[Int(concept)].id)
                insertConceptPaper.bind(snapshot.papers[Int(paper)].id)
                insertConceptPaper.bind(u.count)
                insertConceptPaper.bind(u.inTitle)
                insertConceptPaper.bind(u.introduced)
                insertConceptPaper.bind(Double(rank))
                try insertConceptPaper.step()
            }
            for index in indexes { try db.execute(sql: index.sql) }
            progress?.finish()
            return (snapshot.concepts.count, mentions, claims)
        }
        checkpoint()
        return (counts, snapshot, ["extract": elapsedSeconds(from: started, to: extracted), "store": elapsedSeconds(from: extracted)])
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
