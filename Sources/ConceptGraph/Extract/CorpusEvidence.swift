/// What the whole corpus says about names, gathered one paper at a time so that it can be
/// collected while the corpus streams past: the kinds each name was given with evidence, and the
/// long forms each short form was defined as. Its size grows with the vocabulary, not the corpus.
struct CorpusEvidence {
    /// Votes per key, counted per kind (indexed by `MentionKind.ordinal`).
    private var votes: [String: [Int32]] = [:]
    /// The long-form key each short-form key was defined as; nil once two papers disagree.
    private var longForms: [String: String?] = [:]

    /// Counts one paper's evidence: its evidenced kinds and its abbreviation definitions.
    mutating func add(_ draft: Extractor.Draft) {
        for c in draft.candidates where !c.weak || c.mention.evidence == .definition {
            votes[c.mention.key, default: [0, 0, 0, 0, 0]][MentionKind.ordinal(c.mention.kind)] += 1
        }
        for a in draft.abbreviations {
            let short = ConceptKey.make(a.short)
            let long = ConceptKey.make(a.long)
            if let known = longForms[short] {
                if known != long { longForms[short] = .some(nil) }
            } else {
                longForms[short] = long
            }
        }
    }

    /// A guessed mention corrected by the corpus: a short form defined (one way) elsewhere becomes
    /// its long form, and the name takes the kind most evidence gives it (ties to the kind first in
    /// name order). `weak` stays true when the corpus has no kind for the name.
    func resolve(key: inout String, kind: inout MentionKind, evidence: inout MentionEvidence, weak: inout Bool) {
        if case let .some(.some(long)) = longForms[key], long != key {
            key = long
            evidence = .propagation
        }
        guard let counts = votes[key] else { return }
        var best: MentionKind?
        for candidate in MentionKind.allCases {
            let n = counts[MentionKind.ordinal(candidate)]
            guard n > 0 else { continue }
            if let b = best {
                let m = counts[MentionKind.ordinal(b)]
                if n > m || (n == m && candidate < b) { best = candidate }
            } else {
                best = candidate
            }
        }
        guard let best else { return }
        if best != kind { evidence = .propagation }
        kind = best
        weak = false
    }
}
