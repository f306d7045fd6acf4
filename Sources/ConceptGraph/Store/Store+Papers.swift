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

    /// Stores one record: merges it into the paper it matches or creates a paper, and records the
    /// source occurrence. Must run inside the file's write transaction.
    func upsert(_ r: SourceRecord, fileKey: String, in db: Database) throws -> UpsertOutcome {
        let keys = Self.matchKeys(for: r)
        var paperID: Int64?
        for key in keys {
            guard let candidate = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT paperID FROM identifier WHERE scheme = ? AND value = ?"),
                arguments: [key.scheme, key.value]) else { continue }
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
        let richness = Self.richness(of: r)
        let label = r.title ?? TextNormalizer.label(fromText: r.abstract ?? "")
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
                                 r.categories.joined(separator: " "), id])
            if richness > oldRichness {
                try db.cachedStatement(sql: "UPDATE paper SET richness = ?, year = COALESCE(?, year) WHERE id = ?").execute(arguments: [richness, r.year, id])
                if !r.authors.isEmpty {
                    try db.cachedStatement(sql: "DELETE FROM author WHERE paperID = ?").execute(arguments: [id])
                    try insertAuthors(r.authors, paperID: id, db)
                }
            } else {
                try db.cachedStatement(sql: "UPDATE paper SET year = COALESCE(year, ?) WHERE id = ?").execute(arguments: [r.year, id])
            }
        } else {
            outcome = .created
            try db.cachedStatement(sql: """
                INSERT INTO paper (title, label, abstract, year, arxivID, doi, venue, categories, richness)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [r.title, label, r.abstract, r.year, r.arxivID, r.doi, r.venue,
                                 r.categories.joined(separator: " "), richness])
            paperID = db.lastInsertedRowID
            try insertAuthors(r.authors, paperID: paperID!, db)
        }
        let id = paperID!
        let insertID = try db.cachedStatement(sql: "INSERT OR IGNORE INTO identifier (scheme, value, paperID) VALUES (?, ?, ?)")
        for key in keys { try insertID.execute(arguments: [key.scheme, key.value, id]) }
        for other in r.otherIDs where other.scheme != "acl" && other.scheme != "s2" {
            // Local ids and BibTeX keys are only unique inside their file.
            try insertID.execute(arguments: [other.scheme, "\(fileKey)#\(other.value)", id])
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO source (paperID, file, locator, line, format) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [id, fileKey, r.provenance.locator, r.provenance.line, r.format.rawValue])
        return outcome
    }

    private func insertAuthors(_ authors: [String], paperID: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO author (paperID, position, name) VALUES (?, ?, ?)")
        for (position, name) in authors.enumerated() {
            try statement.execute(arguments: [paperID, position, name])
        }
    }
}
