import Foundation

/// Precision, recall and F1 from counts.
public struct Score: Sendable, Codable {
    public var truePositives: Int = 0
    public var predicted: Int = 0
    public var gold: Int = 0
    /// Gold items found (for recall), when it differs from true positives among predictions.
    public var found: Int = 0

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(found) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// The extractor scored on annotated data.
public struct ExtractionEvaluation: Sendable, Codable {
    /// SciREX, per kind: salient entities found (document level).
    public var scirexSalient: [String: Score] = [:]
    /// SciREX, per kind: mentions against the dense `ner` annotation.
    public var scirexMentions: [String: Score] = [:]
    public var scirexDocuments = 0
    /// Heddes et al.: data-set names in sentences, exact and overlapping spans.
    public var heddesExact = Score()
    public var heddesOverlap = Score()
    public var heddesSentences = 0

    public init() {}

    static let scirexKinds: [String: MentionKind] = ["Method": .method, "Material": .dataset, "Task": .task, "Metric": .metric]

    /// Scores the extractor on SciREX abstracts (`abstracts-dev.jsonl`).
    ///
    /// A salient entity is found when a predicted mention of the right kind overlaps one of its
    /// spans; its kind is the majority `ner` type of its spans. Document-level precision is the
    /// share of distinct predicted concepts (by key) of a kind that overlap a gold `ner` mention of
    /// that kind. Mention-level scores compare predicted mentions with `ner` spans by overlap.
    public mutating func scoreSciREX(path: String, extractor: Extractor) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        struct Doc {
            var words: [String]
            var ner: [(Int, Int, MentionKind)]
            var salient: [(MentionKind, [(Int, Int)])]
            var titleEnd: Int
            var wordOffsets: [(field: TextField, start: Int, end: Int)]
            var title: String
            var abstract: String
        }
        var docs: [Doc] = []
        for line in lines {
            guard let data = line.data(using: .utf8),
                  let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let words = object["words"] as? [String] else { continue }
            let ner: [(Int, Int, MentionKind)] = (object["ner"] as? [[Any]] ?? []).compactMap { item in
                guard item.count == 3, let a = item[0] as? Int, let b = item[1] as? Int, let t = item[2] as? String,
                      let kind = Self.scirexKinds[t] else { return nil }
                return (a, b, kind)
            }
            var salient: [(MentionKind, [(Int, Int)])] = []
            for (_, value) in (object["salient_coref_in_abstract"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let spans = (value as? [[Int]] ?? []).compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }
                guard !spans.isEmpty else { continue }
                var votes: [MentionKind: Int] = [:]
                for (a, b) in spans {
                    for n in ner where n.0 < b && a < n.1 { votes[n.2, default: 0] += 1 }
                }
                guard let kind = votes.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })?.key else { continue }
                salient.append((kind, spans))
            }
            // Title words come before the "section : Abstract" header.
            var titleEnd = 0
            for i in 0..<max(0, words.count - 2) where words[i] == "section" && words[i + 1] == ":" && words[i + 2].lowercased() == "abstract" {
                titleEnd = i
                break
            }
            var offsets: [(TextField, Int, Int)] = []
            var title = ""
            var abstract = ""
            for (i, w) in words.enumerated() {
                if i < titleEnd {
                    if !title.isEmpty { title += " " }
                    offsets.append((.title, title.unicodeScalars.count, title.unicodeScalars.count + w.unicodeScalars.count))
                    title += w
                } else {
                    if !abstract.isEmpty { abstract += " " }
                    offsets.append((.abstract, abstract.unicodeScalars.count, abstract.unicodeScalars.count + w.unicodeScalars.count))
                    abstract += w
                }
            }
            docs.append(Doc(words: words, ner: ner, salient: salient, titleEnd: titleEnd,
                            wordOffsets: offsets.map { (field: $0.0, start: $0.1, end: $0.2) }, title: title, abstract: abstract))
        }
        let extractions = extractor.extractCorpus(docs.map { ($0.title.isEmpty ? nil : $0.title, $0.abstract) })
        scirexDocuments = docs.count
        for (doc, extraction) in zip(docs, extractions) {
            // Each mention as a word range.
            let predicted: [(kind: MentionKind, key: String, a: Int, b: Int)] = extraction.mentions.compactMap { m in
                let covered = doc.wordOffsets.indices.filter {
                    doc.wordOffsets[$0].field == m.field && doc.wordOffsets[$0].start < m.end && m.start < doc.wordOffsets[$0].end
                }
                guard let first = covered.first, let last = covered.last else { return nil }
                return (m.kind, m.key, first, last + 1)
            }
            for kind in [MentionKind.method, .dataset, .task, .metric] {
                let name = kind.rawValue
                var doc_score = scirexSalient[name] ?? Score()
                for (k, spans) in doc.salient where k == kind {
                    doc_score.gold += 1
                    if predicted.contains(where: { p in p.kind == kind && spans.contains { p.a < $0.1 && $0.0 < p.b } }) {
                        doc_score.found += 1
                    }
                }
                let keys = Set(predicted.filter { $0.kind == kind }.map(\.key))
                doc_score.predicted += keys.count
                for key in keys {
                    let hits = predicted.filter { $0.kind == kind && $0.key == key }
                    if hits.contains(where: { p in doc.ner.contains { $0.2 == kind && p.a < $0.1 && $0.0 < p.b } }) {
                        doc_score.truePositives += 1
                    }
                }
                scirexSalient[name] = doc_score

                var mention = scirexMentions[name] ?? Score()
                let mine = predicted.filter { $0.kind == kind }
                let gold = doc.ner.filter { $0.2 == kind }
                mention.predicted += mine.count
                mention.gold += gold.count
                mention.truePositives += mine.filter { p in gold.contains { p.a < $0.1 && $0.0 < p.b } }.count
                mention.found += gold.filter { g in mine.contains { $0.a < g.1 && g.0 < $0.b } }.count
                scirexMentions[name] = mention
            }
        }
    }

    /// Scores data-set detection on the Heddes et al. sentences (`Train_set_sentences.csv`).
    public mutating func scoreHeddes(path: String, extractor: Extractor) throws {
        let rows = CSVReader.parse(try String(contentsOfFile: path, encoding: .utf8))
        guard let header = rows.first, let textColumn = header.firstIndex(of: "text"), let labelColumn = header.firstIndex(of: "labels") else {
            throw ConceptGraphError.malformedFile(path: path, location: "line 1", reason: "expected columns text and labels")
        }
        var sentences: [String] = []
        var golds: [[(Int, Int)]] = []
        for row in rows.dropFirst() where row.count > max(textColumn, labelColumn) {
            sentences.append(row[textColumn])
            golds.append(Self.parseLabels(row[labelColumn]))
        }
        heddesSentences = sentences.count
        let extractions = extractor.extractCorpus(sentences.map { (nil, $0) })
        for (gold, extraction) in zip(golds, extractions) {
            let predicted = extraction.mentions.filter { $0.kind == .dataset }.map { ($0.start, $0.end) }
            heddesExact.predicted += predicted.count
            heddesExact.gold += gold.count
            heddesExact.truePositives += predicted.filter { p in gold.contains { $0 == p } }.count
            heddesExact.found += gold.filter { g in predicted.contains { $0 == g } }.count
            heddesOverlap.predicted += predicted.count
            heddesOverlap.gold += gold.count
            heddesOverlap.truePositives += predicted.filter { p in gold.contains { p.0 < $0.1 && $0.0 < p.1 } }.count
            heddesOverlap.found += gold.filter { g in predicted.contains { $0.0 < g.1 && g.0 < $0.1 } }.count
        }
    }

    /// `[[12, 20, 'Dataset'], [30, 35, 'Geen Dataset']]` → the Dataset spans.
    static func parseLabels(_ text: String) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        for part in text.components(separatedBy: "[").dropFirst() {
            let fields = part.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3, let a = Int(fields[0]), let b = Int(fields[1]) else { continue }
            let label = fields[2].trimmingCharacters(in: CharacterSet(charactersIn: "]' \""))
            if label == "Dataset" { result.append((a, b)) }
        }
        return result
    }

    /// The evaluation as a plain-text table.
    public var table: String {
        func row(_ name: String, _ s: Score) -> String {
            let cols = [name.padding(toLength: 24, withPad: " ", startingAt: 0),
                        String(format: "%6.3f", s.precision), String(format: "%6.3f", s.recall), String(format: "%6.3f", s.f1),
                        String(format: "%7d", s.gold), String(format: "%9d", s.predicted)]
            return cols.joined(separator: "  ")
        }
        var lines: [String] = []
        let head = ["".padding(toLength: 24, withPad: " ", startingAt: 0), "  prec", "   rec", "    F1", "   gold", "predicted"].joined(separator: "  ")
        if scirexDocuments > 0 {
            lines.append("SciREX abstracts (\(scirexDocuments) documents), salient entities, document level")
            lines.append(head)
            for kind in ["method", "dataset", "task", "metric"] { if let s = scirexSalient[kind] { lines.append(row(kind, s)) } }
            lines.append("SciREX abstracts, mentions against ner, overlap")
            lines.append(head)
            for kind in ["method", "dataset", "task", "metric"] { if let s = scirexMentions[kind] { lines.append(row(kind, s)) } }
        }
        if heddesSentences > 0 {
            lines.append("Heddes et al. data-set names (\(heddesSentences) sentences), span level")
            lines.append(head)
            lines.append(row("dataset, exact", heddesExact))
            lines.append(row("dataset, overlap", heddesOverlap))
        }
        return lines.joined(separator: "\n")
    }
}
