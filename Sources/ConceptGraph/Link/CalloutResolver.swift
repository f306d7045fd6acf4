import GRDB

/// First-author surnames of the corpus, for resolving author–year callouts.
struct SurnameIndex {
    struct Entry {
        var paper: Int64
        var year: Int?
        var authorCount: Int
        /// The second author's surname key, for "Smith and Jones (2001)".
        var secondKey: String?
    }

    var byKey: [String: [Entry]] = [:]

    /// Keys under which a display name's surname can be cited: its last word, and its last two
    /// words for compound surnames ("Sahami Shirazi"). Particles are dropped by `surnameKey`.
    static func keys(forName name: String) -> [String] {
        let words = name.split(separator: " ")
        guard let last = words.last else { return [] }
        var keys = [CalloutParser.surnameKey(String(last))]
        if words.count >= 3 {
            keys.append(CalloutParser.surnameKey(words.suffix(2).joined(separator: " ")))
        }
        return keys.filter { !$0.isEmpty }
    }

    /// Rebuilds the `surname` table from the authors and loads the index.
    static func rebuild(_ db: Database) throws -> SurnameIndex {
        try db.execute(sql: "DELETE FROM surname")
        let insert = try db.makeStatement(sql: "INSERT INTO surname (key, paperID, position) VALUES (?, ?, ?)")
        for row in try Row.fetchAll(db, sql: "SELECT paperID, position, name FROM author WHERE position < 2 ORDER BY paperID, position") {
            for key in Set(keys(forName: row["name"])).sorted() {
                try insert.execute(arguments: [key, row["paperID"] as Int64, row["position"] as Int])
            }
        }
        return try load(db)
    }

    static func load(_ db: Database) throws -> SurnameIndex {
        var index = SurnameIndex()
        var seconds: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, paperID FROM surname WHERE position = 1 ORDER BY paperID, key") {
            let id: Int64 = row["paperID"]
            if seconds[id] == nil { seconds[id] = row["key"] }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT surname.key, surname.paperID, paper.year, (SELECT COUNT(*) FROM author WHERE author.paperID = surname.paperID) AS n
            FROM surname JOIN paper ON paper.id = surname.paperID WHERE surname.position = 0 ORDER BY surname.paperID
            """)
        for row in rows {
            let id: Int64 = row["paperID"]
            index.byKey[row["key"], default: []].append(Entry(paper: id, year: row["year"], authorCount: row["n"], secondKey: seconds[id]))
        }
        return index
    }
}

/// Resolves a callout to corpus papers by surname and year.
struct CalloutResolver {
    struct Resolution {
        var paper: Int64
        var confidence: Double
        var alternatives: [Int64]
    }

    let index: SurnameIndex

    /// The best candidate with a confidence, or nil. Year within ±1 (preprint versus publication).
    func resolve(_ callout: Callout) -> Resolution? {
        guard callout.kind == .authorYear, let first = callout.surnames.first, let year = callout.year else { return nil }
        let key = CalloutParser.surnameKey(first)
        guard let entries = index.byKey[key] else { return nil }
        var scored: [(Int64, Double)] = []
        for e in entries {
            var score: Double
            if let y = e.year {
                let gap = abs(y - year)
                if gap == 0 { score = 1.0 } else if gap == 1 { score = 0.6 } else { continue }
            } else {
                score = 0.3
            }
            if callout.surnames.count >= 2 && !callout.etAl {
                if let second = e.secondKey, second == CalloutParser.surnameKey(callout.surnames[1]) { score += 0.5 } else { score -= 0.3 }
            }
            if callout.etAl && e.authorCount >= 3 { score += 0.1 }
            if !callout.etAl && callout.surnames.count == 1 && e.authorCount == 1 { score += 0.1 }
            if callout.etAl && e.authorCount == 1 { score -= 0.2 }
            if score > 0 { scored.append((e.paper, score)) }
        }
        guard !scored.isEmpty else { return nil }
        // Strongest first; ties by store order, so the answer never depends on hashing.
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        var unique: [(Int64, Double)] = []
        for s in scored where !unique.contains(where: { $0.0 == s.0 }) { unique.append(s) }
        let total = unique.reduce(0) { $0 + $1.1 }
        let best = unique[0]
        let base = best.1 >= 1.0 ? 0.95 : 0.75
        return Resolution(paper: best.0, confidence: min(1, base * best.1 / total * (unique.count == 1 ? 1 : 1.0)),
                          alternatives: unique.dropFirst().prefix(4).map(\.0))
    }

    /// The key and label of an outside work a callout names, so two papers citing it are coupled.
    static func externalReference(_ callout: Callout) -> (key: String, label: String)? {
        switch callout.kind {
        case .authorYear:
            guard let first = callout.surnames.first, let year = callout.year else { return nil }
            let key = CalloutParser.surnameKey(first)
            guard !key.isEmpty else { return nil }
            let label = callout.etAl || callout.surnames.count > 2 ? "\(first) et al. \(year)"
                : callout.surnames.count == 2 ? "\(callout.surnames[0]) and \(callout.surnames[1]) \(year)" : "\(first) \(year)"
            return ("\(key) \(year)", label)
        case .arxiv:
            return callout.identifier.map { ("arxiv:\($0)", "arXiv:\($0)") }
        case .doi:
            return callout.identifier.map { ("doi:\($0)", "doi:\($0)") }
        }
    }
}
