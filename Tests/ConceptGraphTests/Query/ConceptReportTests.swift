import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// The concept report's co-occurrence against a plain count in Swift, and the index it reads.
@Suite(.serialized) struct ConceptReportTests {
    /// The whole store's concepts and concept–paper rows, read once.
    struct Tables {
        struct Info { var key: String, name: String, kind: String, weight: Double, papers: Int }
        var concepts: [Int64: Info] = [:]
        var papersOf: [Int64: [(rank: Double, paper: Int64)]] = [:]
        var conceptsOf: [Int64: [Int64]] = [:]

        init(_ db: Database) throws {
            for row in try Row.fetchAll(db, sql: "SELECT id, key, name, kind, weight, papers FROM concept") {
                concepts[row["id"]] = Info(key: row["key"], name: row["name"], kind: row["kind"], weight: row["weight"], papers: row["papers"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT conceptID, paperID, rank FROM conceptPaper") {
                let (c, p): (Int64, Int64) = (row["conceptID"], row["paperID"])
                papersOf[c, default: []].append((row["rank"], p))
                conceptsOf[p, default: []].append(c)
            }
        }

        /// The co-occurrence list as its definition says, counted in Swift: the `sample` strongest
        /// papers of the concept (rank, then paper id), every other concept with a positive weight
        /// in them, by count times weight, then key; the first 12.
        func cooccurring(_ conceptID: Int64, sample: Int) -> [ConceptReport.Cooccurrence] {
            let strongest = (papersOf[conceptID] ?? []).sorted { ($0.rank, $0.paper) < ($1.rank, $1.paper) }.prefix(sample)
            var counts: [Int64: Int] = [:]
            for use in strongest {
                for other in conceptsOf[use.paper] ?? [] where other != conceptID && concepts[other]!.weight > 0 {
                    counts[other, default: 0] += 1
                }
            }
            let ranked = counts.sorted { a, b in
                let (sa, sb) = (Double(a.value) * concepts[a.key]!.weight, Double(b.value) * concepts[b.key]!.weight)
                return sa != sb ? sa > sb : concepts[a.key]!.key < concepts[b.key]!.key
            }
            return ranked.prefix(12).map { ConceptReport.Cooccurrence(name: concepts[$0.key]!.name, kind: concepts[$0.key]!.kind, papers: $0.value) }
        }
    }

    @Test func cooccurrenceMatchesAPlainCountForEveryConceptAndSample() throws {
        let (_, store, _) = try FixtureGraphTests.built()
        let tables = try store.read { db in try Tables(db) }
        let concepts = tables.concepts.filter { $0.value.papers >= 2 }.sorted { $0.key < $1.key }
        #expect(concepts.count > 100)
        var cutOff = 0
        // Small samples cut most concepts' papers short, so the rank order decides what is counted.
        for sample in [1, 3, 10, Store.cooccurrenceSample] {
            for (id, info) in concepts {
                let report = try store.conceptReport(info.key, papers: 20, sample: sample)
                #expect(report.key == info.key)
                #expect(report.cooccurring == tables.cooccurring(id, sample: sample), "\(info.key), sample \(sample)")
                if info.papers > sample { cutOff += 1 }
            }
        }
        #expect(cutOff > 100, "the samples should cut many concepts short")
    }

    @Test func anOldStoreGetsConceptPaperKeyedByPaperAndTheQueryUsesIt() throws {
        let scratch = Scratch()
        // The schema as it was before the migration, with one concept in two papers.
        do {
            let old = try DatabaseQueue(path: scratch.db)
            try Store.migrator.migrate(old, upTo: "createStaleStages")
            try old.write { db in
                try db.execute(sql: """
                    INSERT INTO paper (id, label) VALUES (1, 'One'), (2, 'Two');
                    INSERT INTO concept (id, key, kind, name, papers, weight) VALUES (1, 'a', 'concept', 'a', 2, 1), (2, 'b', 'concept', 'b', 2, 1);
                    INSERT INTO conceptPaper VALUES (1, 1, 1, 0, 0, 1), (2, 1, 1, 0, 0, 1), (1, 2, 1, 0, 0, 2), (2, 2, 1, 0, 0, 2);
                    """)
                #expect(try db.indexes(on: "conceptPaper").map(\.name).contains("conceptPaper_paper"))
            }
        }
        let store = try Store(path: scratch.db)
        try store.read { db in
            // The rows are now stored by (paper, concept) without rowid: the table itself is the
            // by-paper lookup, and the rank index serves lookups by concept.
            let table = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'conceptPaper'"))
            #expect(table.contains("WITHOUT ROWID") && table.contains("PRIMARY KEY (paperID, conceptID)"), "\(table)")
            #expect(try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conceptPaper' AND sql IS NOT NULL ORDER BY name
                """) == ["conceptPaper_rank"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conceptPaper") == 4)
            let details = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Store.cooccurrenceSQL, arguments: [1, 200]).map { $0["detail"] as String }
            #expect(details.contains { $0.contains("USING PRIMARY KEY (paperID=?)") }, "\(details)")
            #expect(details.contains { $0.contains("conceptPaper_rank") }, "\(details)")
        }
        let report = try store.conceptReport("a")
        #expect(report.cooccurring == [ConceptReport.Cooccurrence(name: "b", kind: "concept", papers: 2)])
    }
}
