/// A citation found in a paper's text, before it is stored.
struct FoundCitation {
    enum Target: Hashable {
        case paper(Int)
        case external(key: String, label: String)
    }
    var citing: Int
    var target: Target
    var kind: String
    var confidence: Double
    var callout: String?
    var evidence: String
    var alternatives: [Int] = []
}

/// Citations that are not callouts: a paper names what another corpus paper introduced
/// ("… outperforms DualPrompt"), or quotes another paper's distinctive title.
struct MentionCitationLinker {
    /// Titles shorter than this many words are too generic to recognise in other text.
    var minimumTitleWords = 4

    /// Name mentions: the concept's single introducer is cited by every other paper naming it.
    func nameCitations(_ snapshot: CorpusSnapshot, sentence: (Int, CorpusSnapshot.Use) -> String) -> [FoundCitation] {
        var result: [FoundCitation] = []
        for (p, uses) in snapshot.uses.enumerated() {
            for u in uses where u.kind == .method || u.kind == .dataset {
                let concept = snapshot.concepts[Int(u.concept)]
                guard let introducer = concept.introducer, introducer != p, !u.introduced, Self.looksLikeName(concept.name) else { continue }
                // A paper cannot cite one published later.
                if let y = snapshot.papers[p].year, let x = snapshot.papers[introducer].year, y < x { continue }
                result.append(FoundCitation(citing: p, target: .paper(introducer), kind: "name", confidence: 0.7,
                                            callout: concept.name, evidence: sentence(p, u)))
            }
        }
        return result
    }

    /// Title phrases: paper A's normalized title appears word for word in paper B's title or
    /// abstract ("Revisiting the Hypothesis: Do pretrained Transformers Learn In-Context by
    /// Gradient Descent?" contains "Transformers learn in-context by gradient descent").
    func titleCitations(titles: [String?], texts: [(title: String?, abstract: String?)], years: [Int?]) -> [FoundCitation] {
        // Index titles by the hash of their first three words.
        let trigram = Self.trigram
        var byPrefix: [Int: [Int]] = [:]
        var titleWords: [[Substring]] = []
        for (i, title) in titles.enumerated() {
            let words = title.map { TextNormalizer.titleKey($0).split(separator: " ") } ?? []
            titleWords.append(words)
            guard words.count >= minimumTitleWords else { continue }
            let content = words.filter { !MentionCitationLinker.titleStopwords.contains(String($0)) }
            guard content.count >= 3 else { continue }
            byPrefix[trigram(words[0..<3]), default: []].append(i)
        }
        let (index, titleKeys) = (byPrefix, titleWords)
        return Parallel.map(texts.count, chunk: 512) { p -> [FoundCitation] in
            let text = texts[p]
            var result: [FoundCitation] = []
            for (fieldText, isTitle) in [(text.title, true), (text.abstract, false)] {
                guard let fieldText else { continue }
                let words = TextNormalizer.titleKey(fieldText).split(separator: " ")
                guard words.count >= 3 else { continue }
                var seen = Set<Int>()
                for start in 0...(words.count - 3) {
                    guard let candidates = index[trigram(words[start..<(start + 3)])] else { continue }
                    for q in candidates where q != p && !seen.contains(q) {
                        let title = titleKeys[q]
                        guard start + title.count <= words.count, words[start..<(start + title.count)].elementsEqual(title) else { continue }
                        // A title that is this paper's whole title is a duplicate, not a citation.
                        if isTitle && title.count == words.count { continue }
                        if let y = years[p], let x = years[q], y < x { continue }
                        seen.insert(q)
                        result.append(FoundCitation(citing: p, target: .paper(q), kind: "title", confidence: 0.9,
                                                    callout: titles[q], evidence: Self.quotingSentence(fieldText, title) ?? fieldText))
                    }
                }
            }
            return result
        }.flatMap { $0 }
    }

    /// A hash of three words, to find where a title may start.
    @Sendable static func trigram(_ words: ArraySlice<Substring>) -> Int {
        var h = Hasher()
        for word in words { h.combine(word) }
        return h.finalize()
    }

    /// The sentence of `text` that holds the title words `title`, as the evidence of a title
    /// citation (the whole field when no single sentence does).
    static func quotingSentence(_ text: String, _ title: [Substring]) -> String? {
        let scalars = Array(text.unicodeScalars)
        let (_, sentences) = Tokenizer.tokenize(scalars)
        guard sentences.count > 1 else { return nil }
        let key = title.joined(separator: " ")
        for s in sentences {
            let sentence = String(String.UnicodeScalarView(scalars[s.start..<s.end]))
            let words = TextNormalizer.titleKey(sentence)
            if (" " + words + " ").contains(" " + key + " ") { return sentence }
        }
        return nil
    }

    /// A coined name ("HyperFL", "CODA-Prompt", "Weight Compander", "D2NWG"), not a common term.
    static func looksLikeName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count >= 3 else { return false }
        if scalars.dropFirst().contains(where: { Tokenizer.isUpper($0) }) && scalars.contains(where: { Tokenizer.isLetter($0) && !Tokenizer.isUpper($0) }) {
            return true
        }
        if scalars.contains(where: Tokenizer.isDigit) && scalars.contains(where: Tokenizer.isLetter) { return true }
        let words = name.split(separator: " ")
        return words.count >= 2 && words.allSatisfy { $0.first?.isUppercase == true }
    }

    static let titleStopwords: Set<String> = ["a", "an", "the", "of", "for", "in", "on", "and", "or", "to", "with", "by",
                                              "via", "from", "is", "are", "do", "does", "how", "what", "why", "we", "our"]
}
