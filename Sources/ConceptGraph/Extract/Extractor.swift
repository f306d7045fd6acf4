import Foundation

/// Extracts typed, evidenced mentions, abbreviation definitions and claims from one paper.
///
/// Stages run in a fixed order over each field (title, abstract), each claiming the tokens it
/// explains so later, weaker stages cannot re-read them: abbreviation definitions, the lexicon,
/// short forms, name-like tokens, capitalized phrases, task and metric patterns, concept phrases.
public struct Extractor: Sendable {
    public let lexicon: Lexicon

    public init(lexicon: Lexicon = .shared) {
        self.lexicon = lexicon
    }

    /// A mention while it is being built; `weak` marks a kind guessed without evidence, which
    /// corpus propagation may correct.
    struct Candidate {
        var mention: Mention
        var weak: Bool
    }

    /// Extraction of one paper with the internal flags corpus propagation needs.
    struct Draft {
        var candidates: [Candidate]
        var abbreviations: [Abbreviation]
        var claims: [Claim]

        var extraction: Extraction {
            Extraction(mentions: candidates.map(\.mention), abbreviations: abbreviations, claims: claims)
        }
    }

    /// Extracts one paper on its own (no corpus propagation).
    public func extract(title: String?, abstract: String?) -> Extraction {
        draft(title: title, abstract: abstract).extraction
    }

    func draft(title: String?, abstract: String?) -> Draft {
        var draft = Draft(candidates: [], abbreviations: [], claims: [])
        var titleName: String?
        if let title, !title.isEmpty {
            var field = FieldExtraction(text: title, field: .title, lexicon: lexicon)
            field.run(isTitle: true)
            titleName = field.titleName
            draft.candidates += field.candidates
            draft.abbreviations += field.abbreviations
        }
        if let abstract, !abstract.isEmpty {
            var field = FieldExtraction(text: abstract, field: .abstract, lexicon: lexicon)
            field.run(isTitle: false)
            draft.candidates += field.candidates
            draft.abbreviations += field.abbreviations
            draft.claims = field.claims()
        }
        // One concept, one kind within a paper: a kind found with evidence wins over the
        // generic "concept" and over guesses ("Weight Compander" in the title, "weight compander"
        // in the abstract).
        var evidenced: [String: MentionKind] = [:]
        for c in draft.candidates where !c.weak && c.mention.kind != .concept && evidenced[c.mention.key] == nil {
            evidenced[c.mention.key] = c.mention.kind
        }
        for i in draft.candidates.indices {
            let c = draft.candidates[i]
            if let kind = evidenced[c.mention.key], c.weak || c.mention.kind == .concept {
                draft.candidates[i].mention.kind = kind
                draft.candidates[i].weak = false
            }
        }
        // A name the title introduces is introduced wherever it appears.
        if let name = titleName {
            let key = ConceptKey.make(name)
            for i in draft.candidates.indices where draft.candidates[i].mention.key == key {
                draft.candidates[i].mention.introduced = true
                if draft.candidates[i].weak { draft.candidates[i].mention.kind = .method }
            }
        }
        return draft
    }

    /// Extracts a whole corpus: each paper on its own, then corpus-level evidence. A name typed
    /// with evidence in one paper gives its kind to guesses elsewhere, and a short form defined in
    /// one paper (unambiguously across the corpus) resolves to its long form in the others.
    public func extractCorpus(_ papers: [(title: String?, abstract: String?)], progress: ProgressObserver? = nil) -> [Extraction] {
        var drafts = drafts(papers, progress: progress)
        Self.propagate(&drafts)
        // Hand each draft over as it is converted, so the corpus is never held twice.
        var result: [Extraction] = []
        result.reserveCapacity(drafts.count)
        for i in drafts.indices {
            result.append(drafts[i].extraction)
            drafts[i] = Draft(candidates: [], abbreviations: [], claims: [])
        }
        return result
    }

    /// Papers per unit of parallel work: large enough that scheduling costs nothing, small enough
    /// that the cores finish together.
    static let chunkSize = 256

    /// Drafts every paper, in parallel over the available cores. Each paper's draft depends only
    /// on the paper, so the result is the same whatever the number of threads.
    func drafts(_ papers: [(title: String?, abstract: String?)], progress: ProgressObserver?) -> [Draft] {
        Parallel.map(papers.count, chunk: Self.chunkSize, progress: progress) { i in
            draft(title: papers[i].title, abstract: papers[i].abstract)
        }
    }

    /// Corrects every paper's guesses with what the whole corpus says (`CorpusEvidence`).
    static func propagate(_ drafts: inout [Draft]) {
        var evidence = CorpusEvidence()
        for d in drafts { evidence.add(d) }
        for i in drafts.indices {
            for j in drafts[i].candidates.indices where drafts[i].candidates[j].weak {
                var c = drafts[i].candidates[j]
                evidence.resolve(key: &c.mention.key, kind: &c.mention.kind, evidence: &c.mention.evidence, weak: &c.weak)
                drafts[i].candidates[j] = c
            }
        }
    }
}
