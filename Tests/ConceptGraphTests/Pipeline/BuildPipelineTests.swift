import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// The build hands the corpus from stage to stage in memory; these check that what it hands over
/// is exactly what reading the store back would give, and that parallel work changes nothing.
@Suite struct BuildPipelineTests {
    @Test func inMemorySnapshotEqualsTheStoredOne() throws {
        let scratch = Scratch()
        let store = try scratch.store()
        let ingestor = Ingestor(store: store)
        _ = try ingestor.ingest([TestPaths.fixtures])
        let memory = try #require(ingestor.snapshot)
        let stored = try store.read { db in try CorpusSnapshot.load(db) }
        #expect(memory.papers.count == 192)
        #expect(memory.papers.map(\.id) == stored.papers.map(\.id))
        #expect(memory.papers.map(\.label) == stored.papers.map(\.label))
        #expect(memory.papers.map(\.year) == stored.papers.map(\.year))
        #expect(memory.concepts.map(\.id) == stored.concepts.map(\.id))
        #expect(memory.concepts.map(\.key) == stored.concepts.map(\.key))
        #expect(memory.concepts.map(\.name) == stored.concepts.map(\.name))
        #expect(memory.concepts.map(\.kind) == stored.concepts.map(\.kind))
        #expect(memory.concepts.map(\.df) == stored.concepts.map(\.df))
        #expect(memory.concepts.map(\.introducer) == stored.concepts.map(\.introducer))
        #expect(memory.concepts.contains { $0.introducer != nil })
        #expect(memory.uses.count == stored.uses.count)
        for (a, b) in zip(memory.uses, stored.uses) {
            #expect(a.map(\.concept) == b.map(\.concept))
            #expect(a.map(\.count) == b.map(\.count))
            #expect(a.map(\.inTitle) == b.map(\.inTitle))
            #expect(a.map(\.introduced) == b.map(\.introduced))
            #expect(a.map(\.kind) == b.map(\.kind))
            #expect(a.map(\.firstInTitle) == b.map(\.firstInTitle))
            #expect(a.map(\.firstSentence) == b.map(\.firstSentence))
        }
    }

    @Test func buildThroughTheSnapshotEqualsStageByStage() throws {
        // `build` passes the snapshot along; `link` and `cluster` on their own read it back.
        let one = Scratch()
        let built = try one.store()
        _ = try Builder(store: built).build([TestPaths.fixtures])
        let two = Scratch()
        let staged = try two.store()
        _ = try Ingestor(store: staged).ingest([TestPaths.fixtures])
        try staged.link()
        try staged.cluster()
        for sql in ["SELECT a, b, score, reasons FROM similarity ORDER BY a, b",
                    "SELECT citing, cited, kind, confidence, evidence FROM citation ORDER BY citing, cited, id",
                    "SELECT paperID, clusterID FROM membership ORDER BY paperID",
                    "SELECT id, label, size FROM cluster ORDER BY id"] {
            let a = try built.read { db in try Row.fetchAll(db, sql: sql).map(\.description) }
            let b = try staged.read { db in try Row.fetchAll(db, sql: sql).map(\.description) }
            #expect(!a.isEmpty)
            #expect(a == b, "\(sql)")
        }
    }

    @Test func streamedExtractionEqualsTheWholeCorpusInMemory() throws {
        // The store streams the corpus through in batches and corrects guesses once every batch is
        // seen; that must give what extracting the whole corpus in memory gives, whatever the batch.
        let scratch = Scratch()
        let store = try scratch.store()
        _ = try Ingestor(store: store).ingest([TestPaths.fixtures])
        // Concept ids are not compared: a second extraction numbers concepts after the first's.
        let tables = ["""
                      SELECT paperID, concept.key, mention.kind, surface, field, sentence, start, end, evidence, introduced
                      FROM mention JOIN concept ON concept.id = mention.conceptID ORDER BY mention.rowid
                      """,
                      """
                      SELECT concept.key, paperID, mentions, inTitle, conceptPaper.introduced, rank
                      FROM conceptPaper JOIN concept ON concept.id = conceptPaper.conceptID ORDER BY concept.key, paperID
                      """,
                      "SELECT key, kind, name, papers, introducedBy FROM concept ORDER BY id",
                      "SELECT paperID, sentence, kind, text, hedged, negated, quantities, baseline, metric, dataset FROM claim ORDER BY rowid",
                      "SELECT * FROM abbreviation ORDER BY rowid"]
        func dump() throws -> [[String]] {
            try store.read { db in try tables.map { try Row.fetchAll(db, sql: $0).map(\.description) } }
        }
        let oneBatch = try dump()
        _ = try store.extractAndStore(batchSize: 7)
        let smallBatches = try dump()
        for (sql, (a, b)) in zip(tables, zip(oneBatch, smallBatches)) {
            #expect(!a.isEmpty)
            #expect(a.count == b.count, "\(sql)")
            let firstDifference = a.indices.first { $0 < b.count && a[$0] != b[$0] }
            #expect(firstDifference == nil, "\(sql): row \(firstDifference ?? -1)")
        }

        let texts = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT title, abstract FROM paper ORDER BY id").map { (title: $0["title"] as String?, abstract: $0["abstract"] as String?) }
        }
        let expected = Extractor().extractCorpus(texts).flatMap { e in e.mentions.map { "\($0.key) \($0.kind) \($0.surface) \($0.start) \($0.evidence)" } }
        let stored = try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT concept.key, mention.kind, surface, start, evidence FROM mention JOIN concept ON concept.id = mention.conceptID
                ORDER BY mention.paperID, mention.rowid
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as Int) \($0[4] as String)" }
        }
        #expect(expected.count > 1000)
        #expect(stored.count == expected.count)
        #expect(stored.indices.first { $0 < expected.count && stored[$0] != expected[$0] } == nil)
        #expect(expected.contains { $0.hasSuffix(" propagation") })
    }

    @Test func parallelExtractionEqualsOnePaperAtATime() throws {
        let (records, _) = try readAll(TestPaths.fixtures + "/000_4e8f444d762af75b.txt")
        // Enough papers for several chunks of parallel work.
        var papers = records.map { (title: $0.title, abstract: $0.abstract) }
        while papers.count < 3 * Extractor.chunkSize { papers += papers }
        let extractor = Extractor()
        let parallel = extractor.drafts(papers, progress: nil)
        let serial = papers.map { extractor.draft(title: $0.title, abstract: $0.abstract) }
        #expect(parallel.count == serial.count)
        #expect(parallel.map(\.extraction.mentions) == serial.map(\.extraction.mentions))
        #expect(parallel.map(\.extraction.claims) == serial.map(\.extraction.claims))
    }

    @Test func parallelNeighbourSearchIsDeterministicAndExact() {
        // Several chunks of 1,024 papers: the parallel path.
        var state: UInt64 = 11
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let vectors: [[(Int32, Double)]] = (0..<2_600).map { _ in
            var set = Set<Int32>()
            while set.count < 4 { set.insert(Int32(next() % 300)) }
            return set.sorted().map { ($0, Double(next() % 100 + 1) / 100) }
        }
        var linker = SimilarityLinker()
        linker.k = 3
        linker.threshold = 0.05
        let first = linker.link(vectors: vectors, conceptCount: 300)
        let second = linker.link(vectors: vectors, conceptCount: 300)
        #expect(first.map { [$0.a, $0.b] } == second.map { [$0.a, $0.b] })
        #expect(first.map(\.score) == second.map(\.score))
        let edges = Set(first.map { [$0.a, $0.b] })
        func dot(_ x: [(Int32, Double)], _ y: [(Int32, Double)]) -> Double {
            var s = 0.0
            for (c, w) in x { if let v = y.first(where: { $0.0 == c }) { s += w * v.1 } }
            return s
        }
        // Each sampled paper's own best three (by brute force) are among the edges.
        for p in stride(from: 0, to: vectors.count, by: 97) {
            var scores = vectors.indices.filter { $0 != p }.map { ($0, dot(vectors[p], vectors[$0])) }.filter { $0.1 >= 0.05 }
            scores.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            for (q, _) in scores.prefix(3) { #expect(edges.contains([min(p, q), max(p, q)]), "paper \(p) → \(q)") }
        }
    }
}
