/// A paper as the store knows it, merged from all its sources.
public struct Paper: Sendable, Codable, Hashable {
    public var id: Int64
    /// Nil for an abstract without a title; `label` then holds its first words.
    public var title: String?
    public var label: String
    public var abstract: String?
    public var year: Int?
    public var arxivID: String?
    public var doi: String?
    public var venue: String?
    public var categories: [String]
    public var authors: [String]
}

/// One occurrence of a paper in an input file.
public struct SourceOccurrence: Sendable, Codable, Hashable {
    public var file: String
    public var locator: String
    public var line: Int?
    public var format: String
}

/// A concept as one paper uses it.
public struct ConceptUse: Sendable, Codable, Hashable {
    /// The concept's display name across the corpus.
    public var name: String
    public var key: String
    /// How this paper writes it (distinct surfaces, first first).
    public var surfaces: [String]
    /// How it was found in this paper (distinct evidence kinds).
    public var evidence: [String]
    /// Mentions in this paper.
    public var count: Int
    /// True when this paper introduces the name.
    public var introduced: Bool
    /// Papers of the corpus that mention it.
    public var papers: Int
}

/// A paper with everything the store holds about it.
public struct PaperDetails: Sendable, Codable {
    public var paper: Paper
    public var identifiers: [ExternalID]
    public var sources: [SourceOccurrence]
    public var methods: [ConceptUse] = []
    public var datasets: [ConceptUse] = []
    public var tasks: [ConceptUse] = []
    public var metrics: [ConceptUse] = []
    public var concepts: [ConceptUse] = []
    public var abbreviations: [Abbreviation] = []
    public var claims: [Claim] = []
    /// What the paper cites (corpus papers and outside works) and which corpus papers cite it.
    public var cites: [CitationLink] = []
    public var citedBy: [CitationLink] = []
}

/// A short line about a paper, for lists and search results.
public struct PaperSummary: Sendable, Codable, Hashable {
    public var id: Int64
    public var title: String
    public var year: Int?
    public var authors: [String]
    public var arxivID: String?
    /// Relevance for search results (bm25, lower is better as SQLite reports it; negated here so higher is better).
    public var score: Double?
}

/// Counts over the whole store.
public struct StoreStatistics: Sendable, Codable {
    public var papers: Int
    public var titled: Int
    public var untitled: Int
    public var withAbstract: Int
    public var withAuthors: Int
    public var authors: Int
    public var sources: Int
    public var papersInSeveralSources: Int
    public var files: Int
    public var sourcesByFormat: [String: Int]
    public var identifiersByScheme: [String: Int]
    public var firstYear: Int?
    public var lastYear: Int?
}
