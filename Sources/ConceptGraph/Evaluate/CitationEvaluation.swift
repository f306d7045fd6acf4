import Foundation
import GRDB

/// Citation resolution scored on real citing sentences (ACL Anthology: `papers.jsonl` as the
/// corpus, `citances-dev.jsonl` as sentences with the paper each one cites).
///
/// A sentence counts as resolved (covered) when at least one of its callouts resolves to a corpus
/// paper, and as correct when the cited paper is among the top-1 answers of its callouts.
public struct CitationEvaluation: Sendable, Codable {
    public struct Slice: Sendable, Codable {
        public var sentences = 0
        public var covered = 0
        public var correct = 0
        /// Covered sentences whose single most confident answer is the cited paper.
        public var strictCorrect = 0
        public var strictTop1: Double { covered == 0 ? 0 : Double(strictCorrect) / Double(covered) }
        /// Correct among covered sentences: the accuracy of the answers given.
        public var top1: Double { covered == 0 ? 0 : Double(correct) / Double(covered) }
        public var coverage: Double { sentences == 0 ? 0 : Double(covered) / Double(sentences) }
        /// Correct among all sentences.
        public var recall: Double { sentences == 0 ? 0 : Double(correct) / Double(sentences) }
    }

    public var all = Slice()
    public var withAuthorYear = Slice()
    public var papers = 0

    public static func run(papers: String, citances: String, scratch: String) throws -> CitationEvaluation {
        try? FileManager.default.removeItem(atPath: scratch)
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: scratch + suffix) }
        }
        let store = try Store(path: scratch)
        let report = try Ingestor(store: store).ingest([papers])
        var evaluation = CitationEvaluation()
        evaluation.papers = report.papers
        let resolver = CalloutResolver(index: try store.write { db in try SurnameIndex.rebuild(db) })
        // ACL ids of each paper, to compare with the gold.
        let aclIDs: [Int64: String] = try store.read { db in
            var map: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT paperID, value FROM identifier WHERE scheme = 'acl'") { map[row["paperID"]] = row["value"] }
            return map
        }
        let lines = try String(contentsOfFile: citances, encoding: .utf8).split(separator: "\n")
        var sentences: [(text: String, gold: String)] = []
        for line in lines {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = object["text"] as? String, let gold = object["cited_id"] as? String else { continue }
            sentences.append((text, gold))
        }
        for (text, gold) in sentences {
            let callouts = CalloutParser.parse(text)
            let resolutions = callouts.compactMap { resolver.resolve($0) }
            let answers = resolutions.compactMap { aclIDs[$0.paper] }
            let covered = !answers.isEmpty
            let correct = answers.contains(gold)
            // The first of the most confident answers.
            let best = resolutions.max { $0.confidence < $1.confidence }.flatMap { aclIDs[$0.paper] }
            let strict = best == gold
            evaluation.all.sentences += 1
            if covered { evaluation.all.covered += 1 }
            if correct { evaluation.all.correct += 1 }
            if strict { evaluation.all.strictCorrect += 1 }
            if callouts.contains(where: { $0.kind == .authorYear }) {
                evaluation.withAuthorYear.sentences += 1
                if covered { evaluation.withAuthorYear.covered += 1 }
                if correct { evaluation.withAuthorYear.correct += 1 }
                if strict { evaluation.withAuthorYear.strictCorrect += 1 }
            }
        }
        return evaluation
    }

    public var table: String {
        func row(_ name: String, _ s: Slice) -> String {
            "\(name.padding(toLength: 28, withPad: " ", startingAt: 0))  \(String(format: "%9d", s.sentences))  \(String(format: "%8.3f", s.coverage))  \(String(format: "%6.3f", s.top1))  \(String(format: "%11.3f", s.recall))  \(String(format: "%12.3f", s.strictTop1))"
        }
        return """
            ACL Anthology citances (\(papers) corpus papers)
            \("".padding(toLength: 28, withPad: " ", startingAt: 0))  sentences  coverage   top-1  correct/all  strict top-1
            \(row("all sentences", all))
            \(row("with an author-year callout", withAuthorYear))
            """
    }
}
