import Foundation
import GRDB

/// The SQLite store: one embedded file in WAL mode, evolved only through named, append-only
/// migrations. Everything conceptgraph knows lives here; every command reads it.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Bulk loads look up identifiers all over the file: a page cache of 128 MiB (allocated
            // only as used) keeps them off the disk; sorts for index builds stay in memory.
            try db.execute(sql: "PRAGMA cache_size = \(-Store.pageCacheKiB)")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw ConceptGraphError.database("\(path): \(error.message ?? error.description)")
        } catch {
            throw ConceptGraphError.database("\(path): \(error)")
        }
    }

    /// Schema history. Never edit a registered migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createPapers") { db in
            try db.create(table: "paper") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("title", .text)
                t.column("label", .text).notNull()
                t.column("abstract", .text)
                t.column("year", .integer)
                t.column("arxivID", .text)
                t.column("doi", .text)
                t.column("venue", .text)
                t.column("categories", .text).notNull().defaults(to: "")
                t.column("richness", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "author") { t in
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("name", .text).notNull()
                t.primaryKey(["paperID", "position"])
            }
            try db.create(table: "identifier") { t in
                t.column("scheme", .text).notNull()
                t.column("value", .text).notNull()
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.primaryKey(["scheme", "value"])
            }
            try db.create(index: "identifier_paper", on: "identifier", columns: ["paperID"])
            try db.create(table: "inputFile") { t in
                t.primaryKey("path", .text)
                t.column("format", .text).notNull()
                t.column("size", .integer).notNull()
                t.column("digest", .text).notNull()
                t.column("records", .integer).notNull()
                t.column("skipped", .integer).notNull()
            }
            try db.create(table: "source") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("file", .text).notNull().references("inputFile", onDelete: .cascade)
                t.column("locator", .text).notNull()
                t.column("line", .integer)
                t.column("format", .text).notNull()
                t.uniqueKey(["file", "locator"])
            }
            try db.create(index: "source_paper", on: "source", columns: ["paperID"])
        }
        migrator.registerMigration("createPaperFullText") { db in
            // External-content FTS5 index, rebuilt once after each ingest rather than kept in sync
            // by triggers (bulk loads are several times faster that way).
            try db.create(virtualTable: "paperFTS", using: FTS5()) { t in
                t.tokenizer = .porter(wrapping: .unicode61())
                t.content = "paper"
                t.contentRowID = "id"
                t.column("label")
                t.column("abstract")
            }
        }
        migrator.registerMigration("createExtraction") { db in
            try db.create(table: "concept") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("kind", .text).notNull()
                t.column("name", .text).notNull()
                t.column("papers", .integer).notNull()
                t.column("introducedBy", .integer).references("paper", onDelete: .setNull)
            }
            try db.create(table: "mention") { t in
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("conceptID", .integer).notNull().references("concept", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("surface", .text).notNull()
                t.column("field", .text).notNull()
                t.column("sentence", .integer).notNull()
                t.column("start", .integer).notNull()
                t.column("end", .integer).notNull()
                t.column("evidence", .text).notNull()
                t.column("introduced", .boolean).notNull()
            }
            try db.create(index: "mention_paper", on: "mention", columns: ["paperID"])
            try db.create(index: "mention_concept", on: "mention", columns: ["conceptID", "paperID"])
            try db.create(table: "abbreviation") { t in
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("short", .text).notNull()
                t.column("long", .text).notNull()
            }
            try db.create(index: "abbreviation_paper", on: "abbreviation", columns: ["paperID"])
            try db.create(table: "claim") { t in
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("sentence", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("text", .text).notNull()
                t.column("hedged", .boolean).notNull()
                t.column("negated", .boolean).notNull()
                t.column("quantities", .text).notNull()
                t.column("baseline", .text)
                t.column("metric", .text)
                t.column("dataset", .text)
            }
            try db.create(index: "claim_paper", on: "claim", columns: ["paperID"])
        }
        migrator.registerMigration("createGraph") { db in
            try db.alter(table: "concept") { t in
                t.add(column: "weight", .double).notNull().defaults(to: 0)
                t.add(column: "introducers", .integer).notNull().defaults(to: 0)
            }
            // Undirected "shares concepts" edges, a < b, with the shared concepts that explain them.
            try db.create(table: "similarity") { t in
                t.column("a", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("b", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("score", .double).notNull()
                t.column("reasons", .text).notNull()
                t.primaryKey(["a", "b"])
            }
            try db.create(index: "similarity_b", on: "similarity", columns: ["b"])
            // Works cited but not in the corpus: two papers citing the same one are coupled.
            try db.create(table: "reference") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("key", .text).notNull().unique()
                t.column("label", .text).notNull()
            }
            try db.create(table: "citation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("citing", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("cited", .integer).references("paper", onDelete: .cascade)
                t.column("referenceID", .integer).references("reference", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("confidence", .double).notNull()
                t.column("callout", .text)
                t.column("evidence", .text).notNull()
                t.column("alternatives", .text).notNull().defaults(to: "[]")
            }
            try db.create(index: "citation_citing", on: "citation", columns: ["citing"])
            try db.create(index: "citation_cited", on: "citation", columns: ["cited"])
            try db.create(index: "citation_reference", on: "citation", columns: ["referenceID"])
            // Author surnames for resolving "Smith et al. (2020)".
            try db.create(table: "surname") { t in
                t.column("key", .text).notNull()
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("position", .integer).notNull()
            }
            try db.create(index: "surname_key", on: "surname", columns: ["key", "position"])
            try db.create(table: "cluster") { t in
                t.primaryKey("id", .integer)
                t.column("label", .text).notNull()
                t.column("terms", .text).notNull()
                t.column("size", .integer).notNull()
            }
            try db.create(table: "membership") { t in
                t.primaryKey("paperID", .integer).references("paper", onDelete: .cascade)
                t.column("clusterID", .integer).notNull().references("cluster", onDelete: .cascade)
            }
            try db.create(index: "membership_cluster", on: "membership", columns: ["clusterID"])
            try db.create(table: "graphInfo") { t in
                t.primaryKey("name", .text)
                t.column("value", .text).notNull()
            }
        }
        migrator.registerMigration("createConceptPaper") { db in
            // One row per concept and paper, ranked: "who works on X" reads the first rows of an
            // index instead of grouping every mention of a popular concept.
            try db.create(table: "conceptPaper") { t in
                t.column("conceptID", .integer).notNull().references("concept", onDelete: .cascade)
                t.column("paperID", .integer).notNull().references("paper", onDelete: .cascade)
                t.column("mentions", .integer).notNull()
                t.column("inTitle", .boolean).notNull()
                t.column("introduced", .boolean).notNull()
                t.column("rank", .double).notNull()
                t.primaryKey(["conceptID", "paperID"])
            }
            try db.create(index: "conceptPaper_rank", on: "conceptPaper", columns: ["conceptID", "rank", "paperID"])
            try db.create(index: "conceptPaper_paper", on: "conceptPaper", columns: ["paperID"])
        }
        migrator.registerMigration("createStaleStages") { db in
            // Stages whose output is older than the papers. Set in the transaction that changes
            // the papers, cleared in the one that redoes the stage: a build killed in between
            // leaves the mark, and the next build redoes the stage even though no file changed.
            try db.create(table: "staleStage") { t in
                t.primaryKey("stage", .text)
            }
            // Stores made before the mark existed may hold a stale extraction: redo it once.
            try db.execute(sql: "INSERT INTO staleStage (stage) SELECT 'extract' WHERE EXISTS (SELECT 1 FROM paper)")
        }
        migrator.registerMigration("dropMentionConceptIndex") { db in
            // Nothing looks mentions up by concept (concept queries read conceptPaper), and the
            // index cost a sort of every mention on each build.
            try db.execute(sql: "DROP INDEX IF EXISTS mention_concept")
        }
        migrator.registerMigration("coverConceptPaperByPaper") { db in
            // "Which concepts does this paper have" (co-occurrence in `concept`) read the table row
            // behind every entry of the paperID index, and the table is stored in concept order:
            // one random page per concept of every paper. With conceptID in the index the answer
            // is one index page per paper. The new index serves every lookup by paperID the old
            // one did, so the old one goes.
            try db.execute(sql: "DROP INDEX IF EXISTS conceptPaper_paper")
            try db.create(index: "conceptPaper_paperConcept", on: "conceptPaper", columns: ["paperID", "conceptID"], options: .ifNotExists)
        }
        migrator.registerMigration("clusterConceptPaperByPaper") { db in
            // Concept–paper rows stored in (paper, concept) order with no rowid: the table is itself
            // the by-paper lookup, so a build writes them in paper order as it goes, with no sort
            // and two B-trees fewer (the rowid table and the by-paper index); by-concept lookups
            // go through the rank index, which holds both keys.
            try db.execute(sql: """
                CREATE TABLE conceptPaperByPaper (
                    conceptID INTEGER NOT NULL REFERENCES concept(id) ON DELETE CASCADE,
                    paperID INTEGER NOT NULL REFERENCES paper(id) ON DELETE CASCADE,
                    mentions INTEGER NOT NULL,
                    inTitle BOOLEAN NOT NULL,
                    introduced BOOLEAN NOT NULL,
                    rank DOUBLE NOT NULL,
                    PRIMARY KEY (paperID, conceptID)
                ) WITHOUT ROWID;
                INSERT INTO conceptPaperByPaper (conceptID, paperID, mentions, inTitle, introduced, rank)
                    SELECT conceptID, paperID, mentions, inTitle, introduced, rank FROM conceptPaper ORDER BY paperID, conceptID;
                DROP TABLE conceptPaper;
                ALTER TABLE conceptPaperByPaper RENAME TO conceptPaper;
                CREATE INDEX conceptPaper_rank ON conceptPaper(conceptID, rank, paperID);
                """)
        }
        return migrator
    }

    /// SQLite's page cache per connection (allocated only as used), and the larger one of bulk writes.
    static let pageCacheKiB = 131_072
    static let bulkPageCacheKiB = 1_048_576

    /// Runs `body` in one write transaction; a thrown error rolls everything back.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw ConceptGraphError.database(error.description)
        }
    }

    /// Runs `body` in one write transaction with foreign-key checks off, for bulk loads whose
    /// rows reference only what the same transaction wrote (the pragma cannot change inside a
    /// transaction, hence the two steps).
    func bulkWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                // A transaction that writes gigabytes keeps its pages in memory as long as it can:
                // once they spill to the log, every page lookup searches the log's index.
                try db.execute(sql: "PRAGMA foreign_keys = OFF; PRAGMA cache_size = \(-Self.bulkPageCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA foreign_keys = ON; PRAGMA cache_size = \(-Self.pageCacheKiB)") }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            throw ConceptGraphError.database(error.description)
        }
    }

    /// Runs a bulk load into `tables` with their secondary indexes dropped, and builds them again
    /// once at the end from the loaded rows, instead of updating them row by row. Call inside
    /// `bulkWrite`, so that a failure restores the indexes with everything else.
    func withoutIndexes<T>(on tables: [String], _ db: Database, _ body: () throws -> T) throws -> T {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(tables.map { "'\($0)'" }.joined(separator: ", ")))
            ORDER BY name
            """).map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        let result = try body()
        for index in indexes { try db.execute(sql: index.sql) }
        return result
    }

    /// Folds the write-ahead log back into the database file after a bulk write, so later reads
    /// and writes do not search a log of gigabytes. Skipped quietly while readers hold the log.
    func checkpoint() {
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw ConceptGraphError.database(error.description)
        }
    }

    /// Memory FTS5 gathers postings in before it writes them out as a segment. Its default of
    /// 1 MiB writes a rebuild of a million abstracts as thousands of small segments that are then
    /// merged again and again; 64 MiB cuts the rebuild's CPU time by about a third at that size
    /// (256 MiB gains nothing more).
    static let fullTextHashBytes = 64 << 20

    /// Rebuilds the full-text index from the paper table.
    func rebuildFullText(_ db: Database) throws {
        // A setting of the index kept in its own config table, so stores made before it get it too.
        try db.execute(sql: "INSERT INTO paperFTS(paperFTS, rank) VALUES('hashsize', ?)", arguments: [Self.fullTextHashBytes])
        try db.execute(sql: "INSERT INTO paperFTS(paperFTS) VALUES('rebuild')")
    }
}
