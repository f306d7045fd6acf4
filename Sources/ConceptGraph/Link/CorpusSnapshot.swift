import GRDB

/// What the link and cluster stages need from the store, loaded once into flat arrays.
struct CorpusSnapshot {
    struct PaperInfo {
        var id: Int64
        var label: String
        var year: Int?
        var arxivID: String?
        var doi: String?
    }

    struct ConceptInfo {
        var id: Int64
        var key: String
        var name: String
        var kind: MentionKind
        var df: Int
        /// The paper that introduces the name, when exactly one paper claims it.
        var introducer: Int?
    }

    /// One concept in one paper.
    struct Use {
        var concept: Int32
        var count: Int32
        var inTitle: Bool
        var introduced: Bool
        /// The kind of its mentions here (the greatest, should they differ).
        var kind: MentionKind
        /// Where it is first mentioned: the title's first sentence holding it, else the abstract's.
        var firstInTitle: Bool
        var firstSentence: Int32
    }

    var papers: [PaperInfo] = []
    var index: [Int64: Int] = [:]
    var concepts: [ConceptInfo] = []
    /// Per paper, its concepts sorted by concept index.
    var uses: [[Use]] = []

    static func load(_ db: Database) throws -> CorpusSnapshot {
        var snapshot = CorpusSnapshot()
        for row in try Row.fetchAll(db, sql: "SELECT id, label, year, arxivID, doi FROM paper ORDER BY id") {
            snapshot.index[row["id"]] = snapshot.papers.count
            snapshot.papers.append(PaperInfo(id: row["id"], label: row["label"], year: row["year"], arxivID: row["arxivID"], doi: row["doi"]))
        }
        var conceptIndex: [Int64: Int32] = [:]
        let introducers = try Row.fetchAll(db, sql: """
            SELECT conceptID, MIN(paperID) AS paper, COUNT(DISTINCT paperID) AS n FROM mention WHERE introduced GROUP BY conceptID
            """)
        var introducedBy: [Int64: Int64] = [:]
        for row in introducers where (row["n"] as Int) == 1 { introducedBy[row["conceptID"]] = row["paper"] }
        for row in try Row.fetchAll(db, sql: "SELECT id, key, name, kind, papers FROM concept ORDER BY id") {
            let id: Int64 = row["id"]
            conceptIndex[id] = Int32(snapshot.concepts.count)
            snapshot.concepts.append(ConceptInfo(id: id, key: row["key"], name: row["name"],
                                                 kind: MentionKind(rawValue: row["kind"]) ?? .concept, df: row["papers"],
                                                 introducer: introducedBy[id].flatMap { snapshot.index[$0] }))
        }
        snapshot.uses = Array(repeating: [], count: snapshot.papers.count)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT paperID, conceptID, MAX(kind) AS kind, COUNT(*) AS n, MAX(field = 'title') AS inTitle, MAX(introduced) AS introduced,
                   MIN(CASE WHEN field = 'title' THEN sentence END) AS titleSentence, MIN(sentence) AS sentence
            FROM mention GROUP BY paperID, conceptID ORDER BY paperID, conceptID
            """)
        while let row = try rows.next() {
            guard let p = snapshot.index[row["paperID"]], let c = conceptIndex[row["conceptID"]] else { continue }
            let titleSentence: Int? = row["titleSentence"]
            snapshot.uses[p].append(Use(concept: c, count: Int32(row["n"] as Int), inTitle: row["inTitle"],
                                        introduced: row["introduced"], kind: MentionKind(rawValue: row["kind"]) ?? .concept,
                                        firstInTitle: titleSentence != nil, firstSentence: Int32(titleSentence ?? row["sentence"])))
        }
        for p in snapshot.uses.indices { snapshot.uses[p].sort { $0.concept < $1.concept } }
        return snapshot
    }

    /// One paper's uses from its mentions (each with its concept index); the same values `load`
    /// computes from the stored mentions.
    static func uses<Mentions: Sequence>(_ mentions: Mentions) -> [Use]
        where Mentions.Element == (concept: Int32, kind: MentionKind, inTitle: Bool, sentence: Int32, introduced: Bool) {
        var uses: [Use] = []
        for m in mentions {
            let c = m.concept
            if let i = uses.firstIndex(where: { $0.concept == c }) {
                uses[i].count += 1
                uses[i].introduced = uses[i].introduced || m.introduced
                uses[i].kind = max(uses[i].kind, m.kind)
                if m.inTitle && (!uses[i].firstInTitle || m.sentence < uses[i].firstSentence) {
                    uses[i].firstInTitle = true
                    uses[i].firstSentence = m.sentence
                } else if !uses[i].firstInTitle && m.sentence < uses[i].firstSentence {
                    uses[i].firstSentence = m.sentence
                }
                uses[i].inTitle = uses[i].inTitle || m.inTitle
            } else {
                uses.append(Use(concept: c, count: 1, inTitle: m.inTitle, introduced: m.introduced, kind: m.kind,
                                firstInTitle: m.inTitle, firstSentence: m.sentence))
            }
        }
        uses.sort { $0.concept < $1.concept }
        return uses
    }
}
