/// Why two papers are linked, as a user reads it.
public struct Reason: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable { case concept, citation }
    public var kind: Kind
    public var text: String
}

/// A paper related to another, with the reasons.
public struct RelatedPaper: Sendable, Codable, Hashable {
    public var id: Int64
    public var title: String
    public var score: Double
    public var reasons: [Reason]
}

/// A paper in a list.
public struct PaperRef: Sendable, Codable, Hashable {
    public var id: Int64
    public var title: String
}

/// A cluster with its members.
public struct ClusterSummary: Sendable, Codable, Hashable {
    public var id: Int
    public var label: String
    public var size: Int
    public var papers: [PaperRef]
}

/// A citation as the queries show it.
public struct CitationLink: Sendable, Codable, Hashable {
    /// The other side: a corpus paper (id and title) or an outside work (label only).
    public var paper: PaperRef?
    public var reference: String?
    /// callout, name, title, arxiv or doi.
    public var kind: String
    public var confidence: Double
    public var callout: String?
    public var evidence: String
    public var alternatives: [PaperRef]
}

/// A concept and who works on it.
public struct ConceptReport: Sendable, Codable {
    public struct PaperUse: Sendable, Codable, Hashable {
        public var id: Int64
        public var title: String
        public var mentions: Int
        public var inTitle: Bool
        public var introduced: Bool
    }
    public struct Cooccurrence: Sendable, Codable, Hashable {
        public var name: String
        public var kind: String
        public var papers: Int
    }
    public var name: String
    public var key: String
    public var kind: String
    public var papers: Int
    public var weight: Double
    public var introducedBy: PaperRef?
    public var mentionedIn: [PaperUse]
    public var cooccurring: [Cooccurrence]
}

/// One step of a path between two papers.
public struct PathStep: Sendable, Codable, Hashable {
    public var from: PaperRef
    public var to: PaperRef
    public var reasons: [Reason]
}
