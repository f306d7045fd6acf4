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

    /// Papers drafted per batch: the text of one batch is all that is held at once.
    static let extractionBatchSize = 8192

    /// Extraction over the whole corpus, stored; also returns the corpus snapshot the link and
    /// cluster stages need, built from memory, so a build never reads the mentions back.
    ///
    /// The corpus streams through in batches: each batch's text is read, drafted in parallel, its
    /// claims and abbreviations stored, its mentions kept compactly (`MentionBuffer`) and its
    /// evidence counted (`CorpusEvidence`). Once every paper is seen, guesses are corrected with
    /// the corpus' evidence and concepts, mentions and concept–paper rows are written.
    func extractAndStore(extractor: Extractor = Extractor(), batchSize: Int = extractionBatchSize, progress: ProgressObserver? = nil) throws
        -> (counts: (concepts: Int, mentions: Int, claims: Int), snapshot: CorpusSnapshot, seconds: [String: Double]) {
        let started = Date()
        var extractSeconds = 0.0
        var snapshot = CorpusSnapshot()
        let total = try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0 }
        let counts: (concepts: Int, mentions: Int, claims: Int) = try bulkWrite { db in
            try db.execute(sql: "DELETE FROM conceptPaper; DELETE FROM mention; DELETE FROM claim; DELETE FROM abbreviation; DELETE FROM concept")
            try db.execute(sql: "DELETE FROM staleStage WHERE stage = 'extract'")
            // Bulk load: secondary indexes are built once, at the end, from sorted data.
            return try withoutIndexes(on: ["mention", "conceptPaper", "claim", "abbreviation"], db) {
                var (buffer, claims) = try draftAndStoreClaims(db, extractor: extractor, batchSize: batchSize, total: total,
                                                               snapshot: &snapshot, progress: progress)
                // Extraction's time includes the claims and abbreviations written while it drafted.
                extractSeconds = elapsedSeconds(from: started)
                let concepts = try storeConcepts(db, buffer: &buffer, snapshot: &snapshot)
                progress?.begin("store", unit: "papers", total: buffer.paperCount)
                let mentions = try storeMentions(db, buffer: buffer, concepts: concepts, snapshot: &snapshot, progress: progress)
                progress?.finish()
                return (snapshot.concepts.count, mentions, claims)
            }
        }
        checkpoint()
        return (counts, snapshot, ["extract": extractSeconds, "store": max(0, elapsedSeconds(from: started) - extractSeconds)])
    }

    /// Streams every paper through the extractor, batch by batch: batch k + 1 is drafted on the
    /// cores while batch k's claims and abbreviations are written and its mentions buffered. Fills
    /// `snapshot.papers`; returns the mentions, corrected with the whole corpus' evidence, and the
    /// number of claims.
    private func draftAndStoreClaims(_ db: Database, extractor: Extractor, batchSize: Int, total: Int,
                                     snapshot: inout CorpusSnapshot, progress: ProgressObserver?) throws -> (MentionBuffer, Int) {
        var insertAbbreviation = try BoundStatement(db, sql: "INSERT INTO abbreviation (paperID, short, long) VALUES (?, ?, ?)")
        var insertClaim = try BoundStatement(db, sql: """
            INSERT INTO claim (paperID, sentence, kind, text, hedged, negated, quantities, baseline, metric, dataset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var claims = 0
        var buffer = MentionBuffer()
        var evidence = CorpusEvidence()
        progress?.begin("extract", unit: "papers", total: total)
        var after = Int64.min
        func nextBatch() throws -> (rows: [Row], drafts: Background<[Extractor.Draft]>)? {
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, title, abstract, label, year, arxivID, doi FROM paper WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [after, batchSize])
            guard let last = rows.last else { return nil }
            after = last["id"]
            let texts = rows.map { (title: $0["title"] as String?, abstract: $0["abstract"] as String?) }
            return (rows, Background { extractor.drafts(texts, progress: progress) })
        }
        var next = try nextBatch()
        while let batch = next {
            let drafts = batch.drafts.wait()
            next = try nextBatch()
            for (draft, row) in zip(drafts, batch.rows) {
                let paperID: Int64 = row["id"]
                snapshot.index[paperID] = snapshot.papers.count
                snapshot.papers.append(.init(id: paperID, label: row["label"], year: row["year"], arxivID: row["arxivID"], doi: row["doi"]))
                evidence.add(draft)
                buffer.append(draft.candidates)
                for a in draft.abbreviations {
                    insertAbbreviation.bind(paperID)
                    insertAbbreviation.bind(a.short)
                    insertAbbreviation.bind(a.long)
                    try insertAbbreviation.step()
                }
                for c in draft.claims {
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
            }
        }
        progress?.finish()
        buffer.propagate(evidence)
        return (buffer, claims)
    }

    /// Concepts: the keys mentions ended with, numbered in key order; kind by majority over
    /// mentions, name by the most frequent surface. Returns each key's concept index (-1 for keys
    /// no mention kept) and fills `snapshot.concepts`. Data-set display forms are numbered in the
    /// buffer's surfaces beside the written ones.
    private func storeConcepts(_ db: Database, buffer: inout MentionBuffer, snapshot: inout CorpusSnapshot) throws -> [Int32] {
        struct ConceptStats {
            var kinds = [Int](repeating: 0, count: MentionKind.allCases.count)
            var surfaces: [Int32: Int] = [:]
            var papers = 0
            var lastPaper = -1
            var introducers = 0
            var lastIntroducer = -1
            /// The first paper (in id order) that introduces the name.
            var introducedBy: Int?
        }
        var stats = [ConceptStats?](repeating: nil, count: buffer.keys.count)
        var displayForms: [Int32: Int32] = [:]
        for p in 0..<buffer.paperCount {
            for e in buffer.entries[buffer.range(ofPaper: p)] {
                var display = e.surface
                if e.kind == .dataset {
                    if let known = displayForms[e.surface] { display = known } else {
                        display = buffer.surfaces.id(Self.displayForm(buffer.surfaces[e.surface], kind: .dataset))
                        displayForms[e.surface] = display
                    }
                }
                let k = Int(e.key)
                var st = stats[k] ?? ConceptStats()
                stats[k] = nil
                st.kinds[MentionKind.ordinal(e.kind)] += 1
                st.surfaces[display, default: 0] += 1
                if st.lastPaper != p { st.papers += 1; st.lastPaper = p }
                if e.introduced, st.lastIntroducer != p {
                    st.introducers += 1
                    st.lastIntroducer = p
                    if st.introducedBy == nil { st.introducedBy = p }
                }
                stats[k] = st
            }
        }
        // Final order: by key, as concept ids are assigned.
        let order = stats.indices.filter { stats[$0] != nil }.sorted { buffer.keys[Int32($0)] < buffer.keys[Int32($1)] }
        var conceptOf = [Int32](repeating: -1, count: stats.count)
        snapshot.concepts.reserveCapacity(order.count)
        let insertConcept = try db.makeStatement(sql: "INSERT INTO concept (key, kind, name, papers, introducedBy) VALUES (?, ?, ?, ?, ?)")
        // Long forms read better than short ones: "in-context learning" over "ICL".
        func score(_ surface: String, _ count: Int) -> Double {
            let shortForm = !surface.contains(" ") && surface.count <= 6 && surface.uppercased() == surface
            return Double(count) * (shortForm ? 0.3 : 1)
        }
        for k in order {
            let st = stats[k]!
            let key = buffer.keys[Int32(k)]
            let kind = MentionKind.allCases.indices.max { (st.kinds[$0], MentionKind.allCases[$1]) < (st.kinds[$1], MentionKind.allCases[$0]) }
                .map { MentionKind.allCases[$0] }!
            let name = st.surfaces.map { (buffer.surfaces[$0.key], $0.value) }
                .max { (score($0.0, $0.1), $1.0) < (score($1.0, $1.1), $0.0) }!.0
            try insertConcept.execute(arguments: [key, kind.rawValue, name, st.papers, st.introducedBy.map { snapshot.papers[$0].id }])
            conceptOf[k] = Int32(snapshot.concepts.count)
            snapshot.concepts.append(.init(id: db.lastInsertedRowID, key: key, name: name, kind: kind, df: st.papers,
                                           introducer: st.introducers == 1 ? st.introducedBy : nil))
        }
        return conceptOf
    }

    /// Mentions and concept–paper rows in paper order, the latter also kept as the snapshot's
    /// uses. Returns the number of mentions.
    private func storeMentions(_ db: Database, buffer: MentionBuffer, concepts conceptOf: [Int32], snapshot: inout CorpusSnapshot,
                               progress: ProgressObserver?) throws -> Int {
        var insertMention = try BoundStatement(db, sql: """
            INSERT INTO mention (paperID, conceptID, kind, surface, field, sentence, start, end, evidence, introduced)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var insertConceptPaper = try BoundStatement(db, sql: """
            INSERT INTO conceptPaper (conceptID, paperID, mentions, inTitle, introduced, rank) VALUES (?, ?, ?, ?, ?, ?)
            """)
        snapshot.uses.reserveCapacity(buffer.paperCount)
        for p in 0..<buffer.paperCount {
            let paperID = snapshot.papers[p].id
            let range = buffer.range(ofPaper: p)
            for e in buffer.entries[range] {
                insertMention.bind(paperID)
                insertMention.bind(snapshot.concepts[Int(conceptOf[Int(e.key)])].id)
                insertMention.bind(e.kind.rawValue)
                insertMention.bind(buffer.surfaces[e.surface])
                insertMention.bind(e.field.rawValue)
                insertMention.bind(e.sentence)
                insertMention.bind(e.start)
                insertMention.bind(e.end)
                insertMention.bind(e.evidence.rawValue)
                insertMention.bind(e.introduced)
                try insertMention.step()
            }
            let uses = CorpusSnapshot.uses(buffer.entries[range].lazy.map {
                (concept: conceptOf[Int($0.key)], kind: $0.kind, inTitle: $0.field == .title, sentence: $0.sentence, introduced: $0.introduced)
            })
            // Concept–paper rows go in primary-key order (paper, then concept) as they come.
            for u in uses {
                // Rank: introducers first, then title mentions, then how often (lower rank is stronger).
                let rank = -((u.introduced ? 1 : 0) * 1_000_000 + (u.inTitle ? 1 : 0) * 1000 + Int(u.count))
                insertConceptPaper.bind(snapshot.concepts[Int(u.concept)].id)
                insertConceptPaper.bind(paperID)
                insertConceptPaper.bind(u.count)
                insertConceptPaper.bind(u.inTitle)
                insertConceptPaper.bind(u.introduced)
                insertConceptPaper.bind(Double(rank))
                try insertConceptPaper.step()
            }
            snapshot.uses.append(uses)
            if p % 1024 == 1023 { progress?.advance(1024) }
        }
        progress?.advance(buffer.paperCount % 1024)
        return buffer.entries.count
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
