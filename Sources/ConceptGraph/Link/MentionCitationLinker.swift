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
    /// Only the citing papers in `papers` are looked at, so the corpus can be taken in batches.
    func nameCitations(_ snapshot: CorpusSnapshot, papers: Range<Int>, sentence: (Int, CorpusSnapshot.Use) -> String) -> [FoundCitation] {
        var result: [FoundCitation] = []
        for p in papers {
            for u in snapshot.uses[p] where u.kind == .method || u.kind == .dataset {
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

    /// Every title long and distinctive enough to be recognised in other text, by word hashes.
    /// A title is found from its first three words (`lengths` tells which title lengths start
    /// with them) and then by the hash of exactly that many words (`byWords`), so a common
    /// opening ("on the theory of") costs one lookup per length, however many titles share it.
    struct TitleIndex: Sendable {
        var titles: [String?]
        var years: [Int?]
        var lengths: [UInt64: [Int]] = [:]
        var byWords: [UInt64: [Int]] = [:]
        var titleWords: [[UInt64]] = []
    }

    func titleIndex(titles: [String?], years: [Int?]) -> TitleIndex {
        var index = TitleIndex(titles: titles, years: years)
        index.titleWords.reserveCapacity(titles.count)
        for (i, title) in titles.enumerated() {
            let key = title.map(TextNormalizer.titleKey) ?? ""
            let words = Self.wordHashes(key)
            index.titleWords.append(words)
            guard words.count >= minimumTitleWords else { continue }
            let content = key.split(separator: " ").filter { !MentionCitationLinker.titleStopwords.contains(String($0)) }
            guard content.count >= 3 else { continue }
            let opening = Self.combine(words[0..<3])
            if !(index.lengths[opening]?.contains(words.count) ?? false) { index.lengths[opening, default: []].append(words.count) }
            index.byWords[Self.combine(words[...]), default: []].append(i)
        }
        return index
    }

    /// Title phrases: paper A's normalized title appears word for word in paper B's title or
    /// abstract ("Revisiting the Hypothesis: Do pretrained Transformers Learn In-Context by
    /// Gradient Descent?" contains "Transformers learn in-context by gradient descent").
    func titleCitations(titles: [String?], texts: [(title: String?, abstract: String?)], years: [Int?]) -> [FoundCitation] {
        titleCitations(titleIndex(titles: titles, years: years), texts: texts, first: 0)
    }

    /// Title phrases in the papers `first ..< first + texts.count`, whose texts are given.
    func titleCitations(_ index: TitleIndex, texts: [(title: String?, abstract: String?)], first: Int) -> [FoundCitation] {
        Parallel.map(texts.count, chunk: 512) { i -> [FoundCitation] in
            let p = first + i
            let text = texts[i]
            var result: [FoundCitation] = []
            var seen = Set<Int>()
            for (fieldText, isTitle) in [(text.title, true), (text.abstract, false)] {
                guard let fieldText else { continue }
                let words = Self.wordHashes(TextNormalizer.titleKey(fieldText))
                guard words.count >= 3 else { continue }
                for start in 0...(words.count - 3) {
                    guard let sizes = index.lengths[Self.combine(words[start..<(start + 3)])] else { continue }
                    for size in sizes where start + size <= words.count {
                        // A title that is this paper's whole title is a duplicate, not a citation.
                        if isTitle && size == words.count { continue }
                        let window = words[start..<(start + size)]
                        for q in index.byWords[Self.combine(window)] ?? [] where q != p && !seen.contains(q) && window.elementsEqual(index.titleWords[q]) {
                            if let y = index.years[p], let x = index.years[q], y < x { continue }
                            seen.insert(q)
                            result.append(FoundCitation(citing: p, target: .paper(q), kind: "title", confidence: 0.9, callout: index.titles[q],
                                                        evidence: Self.quotingSentence(fieldText, TextNormalizer.titleKey(index.titles[q] ?? "")) ?? fieldText))
                        }
                    }
                }
            }
            return result
        }.flatMap { $0 }
    }

    /// The FNV-1a hash of each space-separated word of a title key.
    static func wordHashes(_ key: String) -> [UInt64] {
        var hashes: [UInt64] = []
        var hash = FNV1a.offset
        var inWord = false
        for byte in key.utf8 {
            if byte == 0x20 {
                if inWord { hashes.append(hash) }
                hash = FNV1a.offset
                inWord = false
            } else {
                hash = (hash ^ UInt64(byte)) &* FNV1a.prime
                inWord = true
            }
        }
        if inWord { hashes.append(hash) }
        return hashes
    }

    /// One hash for a run of word hashes (order matters).
    static func combine(_ words: ArraySlice<UInt64>) -> UInt64 {
        var h = FNV1a.offset
        for w in words { h = (h ^ w) &* FNV1a.prime &+ 0x9E37_79B9_7F4A_7C15 }
        return h
    }

    /// The sentence of `text` that holds the title words `title`, as the evidence of a title
    /// citation (the whole field when no single sentence does).
    static func quotingSentence(_ text: String, _ key: String) -> String? {
        let sentences = Tokenizer.sentenceTexts(text)
        guard sentences.count > 1 else { return nil }
        return sentences.first { (" " + TextNormalizer.titleKey($0.text) + " ").contains(" " + key + " ") }?.text
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
