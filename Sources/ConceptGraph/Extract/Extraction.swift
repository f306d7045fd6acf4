/// The five kinds of mention the extractor finds.
public enum MentionKind: String, Sendable, Codable, CaseIterable, Comparable {
    case method, dataset, task, metric, concept
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The position in `allCases`, for counting kinds in a small array.
    static func ordinal(_ kind: Self) -> Int {
        switch kind {
        case .method: 0
        case .dataset: 1
        case .task: 2
        case .metric: 3
        case .concept: 4
        }
    }
}

/// How a mention was found: the evidence a user can check.
public enum MentionEvidence: String, Sendable, Codable {
    /// A cue in the text: "the X dataset", "we propose X", "X network", a task or metric head noun.
    case pattern
    /// The curated lexicon (Resources/lexicon.txt).
    case lexicon
    /// An abbreviation definition, "long form (SF)" or "SF (long form)".
    case definition
    /// The paper's title ("CODA-Prompt: …").
    case title
    /// The kind was learnt from another paper of the corpus.
    case propagation
}

/// Which part of the paper a span is in.
public enum TextField: String, Sendable, Codable {
    case title, abstract
}

/// One mention of a concept in a paper.
public struct Mention: Sendable, Codable, Hashable {
    public var kind: MentionKind
    /// The text as written.
    public var surface: String
    /// The canonical key the same concept has in every paper ("in context learning", "resnet18").
    public var key: String
    public var field: TextField
    /// Sentence index inside the field.
    public var sentence: Int
    /// Unicode-scalar offsets inside the field, end exclusive.
    public var start: Int
    public var end: Int
    public var evidence: MentionEvidence
    /// True when this paper introduces the name ("we propose X", title prefix "X: …").
    public var introduced: Bool
}

/// An abbreviation defined in a paper.
public struct Abbreviation: Sendable, Codable, Hashable {
    public var short: String
    public var long: String
    public var sentence: Int
}

/// A number a claim states.
public struct Quantity: Sendable, Codable, Hashable {
    public var value: Double
    /// "%", "×", "pp" or "" for a plain number.
    public var unit: String
    /// The text it was read from ("4.5%", "2.5x").
    public var text: String
    /// True for a difference ("by 4.5%", "a 2.5x speedup") rather than an absolute level.
    public var isImprovement: Bool
}

/// A sentence that states what a paper contributes or finds.
public struct Claim: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case proposal, theoretical, empirical, comparison }
    public var kind: Kind
    public var sentence: Int
    public var text: String
    public var hedged: Bool
    public var negated: Bool
    public var quantities: [Quantity]
    /// What the paper compares against ("DualPrompt", "Switch Transformer").
    public var baseline: String?
    public var metric: String?
    public var dataset: String?
}

/// Everything extracted from one paper.
public struct Extraction: Sendable, Codable {
    public var mentions: [Mention]
    public var abbreviations: [Abbreviation]
    public var claims: [Claim]

    public init(mentions: [Mention] = [], abbreviations: [Abbreviation] = [], claims: [Claim] = []) {
        self.mentions = mentions
        self.abbreviations = abbreviations
        self.claims = claims
    }
}
