import Foundation

/// Names clusters with 2–4 terms frequent inside and rare outside (class-based TF-IDF, as
/// BERTopic does with words, here with extracted concepts): a term's share of the cluster's
/// papers times the log of how much more common it is inside than in the corpus.
struct ClusterLabeler {
    var maxTerms = 4
    var minTerms = 2

    /// Terms too broad to name a topic, whatever their statistics.
    static let filler: Set<String> = ConceptWeights.broad.union([
        "method", "approach", "framework", "result", "paper", "work", "problem", "task", "model", "setting",
        "experiment", "analysis", "technique", "improvement", "study", "application", "system", "data set",
    ])

    /// Label terms for each cluster. `members[c]` are paper indices; `uses` the concepts per paper.
    func label(members: [[Int]], snapshot: CorpusSnapshot) -> [[String]] {
        let n = snapshot.papers.count
        return members.map { papers in
            var inCluster: [Int32: Int] = [:]
            for p in papers {
                for u in snapshot.uses[p] { inCluster[u.concept, default: 0] += 1 }
            }
            var scored: [(Int32, Double)] = []
            for (c, count) in inCluster where count >= 2 {
                let concept = snapshot.concepts[Int(c)]
                if Self.filler.contains(concept.key) || concept.kind == .metric { continue }
                // Short forms and symbols ("DP", "MI", "t/T") make poor labels.
                let letters = concept.name.unicodeScalars.filter { Tokenizer.isLetter($0) }
                if letters.count <= 3 || concept.name.contains("/") { continue }
                let share = Double(count) / Double(papers.count)
                let lift = (Double(count) / Double(papers.count)) / (Double(concept.df) / Double(n))
                guard lift > 1.5 else { continue }
                // Named things and longer phrases read better as labels than single broad words.
                let kindBoost = concept.kind == .concept ? 1.0 : 1.1
                scored.append((c, share * log(lift) * kindBoost))
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : snapshot.concepts[Int($0.0)].key < snapshot.concepts[Int($1.0)].key }
            var terms: [String] = []
            var keys: [String] = []
            for (c, _) in scored {
                let concept = snapshot.concepts[Int(c)]
                // Skip a term that repeats one already chosen ("in-context learning" / "learning in-context").
                let words = Set(concept.key.split(separator: " "))
                if keys.contains(where: { k in let kw = Set(k.split(separator: " ")); return kw.isSubset(of: words) || words.isSubset(of: kw) }) { continue }
                // Two concepts may share a display name ("VLMs" for two spellings): show it once.
                if terms.contains(where: { $0.lowercased() == concept.name.lowercased() }) { continue }
                keys.append(concept.key)
                terms.append(concept.name)
                if terms.count == maxTerms { break }
            }
            return terms
        }
    }
}
