import Foundation
import GRDB

/// Writing papers: matching a source record to the paper it describes, or creating one.
extension Store {
    /// What happened to one record.
    enum UpsertOutcome { case created, merged }

    /// Titles shorter than this (as keys) are too generic to merge papers by ("Introduction").
    static let minimumTitleKeyLength = 10
    /// Abstracts shorter than this are not used as a content identifier.
    static let minimumContentKeyLength = 100

    /// The identifiers a record can be matched by, strongest first.
    static func matchKeys(for r: SourceRecord) -> [ExternalID] {
        var keys: [ExternalID] = []
        if let a = r.arxivID { keys.append(ExternalID("arxiv", a)) }
        if let d = r.doi { keys.append(ExternalID("doi", d)) }
        for id in r.otherIDs where id.scheme == "acl" || id.scheme == "s2" { keys.append(id) }
        if let t = r.title {
            let key = TextNormalizer.titleKey(t)
            if key.count >= minimumTitleKeyLength { keys.append(ExternalID("title", key)) }
        }
        if let a = r.abstract {
            let key = TextNormalizer.titleKey(a)
            if key.count >= minimumContentKeyLength { keys.append(ExternalID("content", TextNormalizer.stableHash(key))) }
        }
        return keys
    }

    /// How much metadata a record carries; the richer source supplies authors and year.
    static func richness(of r: SourceRecord) -> Int {
        var score = 0
        if !r.authors.isEmpty { score += 4 + min(r.authors.count, 20) }
        // Full given names say more than initials.
        if r.authors.contains(where: { $0.split(separator: " ").first.map { $0.count > 2 && !$0.hasSuffix(".") } ?? false }) { score += 2 }
        if r.year != nil { score += 2 }
        if r.doi != nil { score += 1 }
        if r.arxivID != nil { score += 1 }
        if r.venue != nil { score += 1 }
        return score
    }

    /// A record with everything about it that needs no database (match keys, richness, label),
    /// worked out on the reading thread so the writer only writes.
    struct PreparedRecord: Sendable {
        let record: SourceRecord
        let keys: [ExternalID]
        let richness: Int
        let label: String
        let categories: String

        init(_ r: SourceRecord) {
            record = r
            keys = Store.matchKeys(for: r)
            richness = Store.richness(of: r)
            label = r.title ?? TextNormalizer.label(fromText: r.abstract ?? "")
            categories = r.categories.joined(separator: " ")
        }
    }

    /// Writes the papers of one file inside its write transaction. The statements every record
    /// runs are prepared once per file and stepped through SQLite's C API; the rarer merge path
    /// goes through GRDB's cached statements.
    struct PaperWriter {
        private let db: Database
        private let fileKey: String
        private var findPaper: BoundStatement
        private var insertPaper: BoundStatement
        private var insertIdentifier: BoundStatement
        private var insertSource: BoundStatement
        private var insertAuthor: BoundStatement

        init(_ db: Database, fileKey: String) throws {
            self.db = db
            self.fileKey = fileKey
            findPaper = try BoundStatement(db, sql: "SELECT paperID FROM identifier WHERE scheme = ? AND value = ?")
            insertPaper = try BoundStatement(db, sql: """
                INSERT INTO paper (title, label, abstract, year, arxivID, doi, venue, categories, richness)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            insertIdentifier = try BoundStatement(db, sql: "INSERT OR IGNORE INTO identifier (scheme, value, paperID) VALUES (?, ?, ?)")
            insertSource = try BoundStatement(db, sql: "INSERT OR IGNORE INTO source (paperID, file, locator, line, format) VALUES (?, ?, ?, ?, ?)")
            insertAuthor = try BoundStatement(db, sql: "INSERT INTO author (paperID, position, name) VALUES (?, ?, ?)")
        }

        /// The paper an identifier belongs to, if any.
        private mutating func paper(for key: ExternalID) throws -> Int64? {
            findPaper.bind(key.scheme)
            findPaper.bind(key.value)
            return try findPaper.int64()
        }

        /// Stores one record: merges it into the paper it matches or creates a paper, and records
        /// the source occurrence.
        mutating func upsert(_ prepared: PreparedRecord) throws -> UpsertOutcome {
            let r = prepared.record
            let keys = prepared.keys
            var paperID: Int64?
            for key in keys {
                guard let candidate = try paper(for: key) else { continue }
                if key.scheme == "title" || key.scheme == "content" {
                    // Same title, but a different arXiv id, DOI or anthology id: a different paper
                    // (often the journal and the conference version of one work).
                    let theirs = try Row.fetchAll(db.cachedStatement(sql: """
                        SELECT scheme, value FROM identifier WHERE paperID = ? AND scheme IN ('arxiv', 'doi', 'acl', 's2')
                        """), arguments: [candidate])
                    let conflict = theirs.contains { row in
                        let scheme: String = row["scheme"]
                        let value: String = row["value"]
                        return keys.contains { $0.scheme == scheme && $0.value != value }
                            && !keys.contains { $0.scheme == scheme && $0.value == value }
                    }
                    if conflict { continue }
                }
                paperID = candidate
                break
            }

            let outcome: UpsertOutcome
            let richness = prepared.richness
            let label = prepared.label
            if let id = paperID {
                outcome = .merged
                let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, abstract, richness FROM paper WHERE id = ?"), arguments: [id])!
                let oldTitle: String? = row["title"]
                let oldAbstract: String? = row["abstract"]
                let oldRichness: Int = row["richness"]
                let newTitle = oldTitle ?? r.title
                let newAbstract = (r.abstract?.count ?? 0) > (oldAbstract?.count ?? 0) ? r.abstract : oldAbstract
                try db.cachedStatement(sql: """
                    UPDATE paper SET title = ?, label = ?, abstract = ?,
                      arxivID = COALESCE(arxivID, ?), doi = COALESCE(doi, ?), venue = COALESCE(venue, ?),
                      categories = CASE WHEN categories = '' THEN ? ELSE categories END
                    WHERE id = ?
                    """).execute(arguments: [newTitle, newTitle ?? label, newAbstract, r.arxivID, r.doi, r.venue,
                                     prepared.categories, id])
                if richness > oldRichness {
                    try db.cachedStatement(sql: "UPDATE paper SET richness = ?, year = COALESCE(?, year) WHERE id = ?").execute(arguments: [richness, r.year, id])
                    if !r.authors.isEmpty {
                        try db.cachedStatement(sql: "DELETE FROM author WHERE paperID = ?").execute(arguments: [id])
                        try insertAuthors(r.authors, paperID: id)
                    }
                } else {
                    try db.cachedStatement(sql: "UPDATE paper SET year = COALESCE(year, ?) WHERE id = ?").execute(arguments: [r.year, id])
                }
            } else {
                outcome = .created
                insertPaper.bind(r.title)
                insertPaper.bind(label)
                insertPaper.bind(r.abstract)
                if let year = r.year { insertPaper.bind(year) } else { insertPaper.bind(nil as String?) }
                insertPaper.bind(r.arxivID)
                insertPaper.bind(r.doi)
                insertPaper.bind(r.venue)
                insertPaper.bind(prepared.categories)
                insertPaper.bind(richness)
                try insertPaper.step()
                paperID = db.lastInsertedRowID
                try insertAuthors(r.authors, paperID: paperID!)
            }
            let id = paperID!
            for key in keys {
                insertIdentifier.bind(key.scheme)
                insertIdentifier.bind(key.value)
                insertIdentifier.bind(id)
                try insertIdentifier.step()
            }
            for other in r.otherIDs where other.scheme != "acl" && other.scheme != "s2" {
                // Local ids and BibTeX keys are only unique inside their file.
                insertIdentifier.bind(other.scheme)
                insertIdentifier.bind("\(fileKey)#\(other.value)")
                insertIdentifier.bind(id)
                try insertIdentifier.step()
            }
            insertSource.bind(id)
            insertSource.bind(fileKey)
            insertSource.bind(r.provenance.locator)
            if let line = r.provenance.line { insertSource.bind(line) } else { insertSource.bind(nil as String?) }
            insertSource.bind(r.format.rawValue)
            try insertSource.step()
            return outcome
        }

        private mutating func insertAuthors(_ authors: [String], paperID: Int64) throws {
            for (position, name) in authors.enumerated() {
                insertAuthor.bind(paperID)
                insertAuthor.bind(position)
                insertAuthor.bind(name)
                try insertAuthor.step()
            }
        }
    }
}
