/// Where a record came from: the file and the line or entry that produced it.
public struct Provenance: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path as given by the user (standardized), or `-` for standard input.
    public var file: String
    /// A human-readable locator inside the file, e.g. `line 87` or `entry 12 (Abawi:2004ks)`.
    public var locator: String
    /// The 1-based line where the record starts, when the format has lines.
    public var line: Int?

    public init(file: String, locator: String, line: Int? = nil) {
        self.file = file
        self.locator = locator
        self.line = line
    }

    public var description: String { "\(file): \(locator)" }
}

/// The input formats conceptgraph reads, recognised from a file's content.
public enum InputFormat: String, Sendable, Codable, CaseIterable {
    case listing = "listing"            // title line + abstract paragraph (paper listing pages)
    case abstractRecords = "abstracts"  // `Abstract:` records without titles
    case atom = "atom"                  // arXiv API Atom feed
    case oai = "oai"                    // OAI-style XML dump (<ListRecords><record>…)
    case jsonLines = "jsonl"            // arXiv / Kaggle / S2ORC / ACL metadata, one JSON object per line
    case json = "json"                  // one JSON document holding an array of records
    case bibtex = "bibtex"              // BibTeX / BibLaTeX
    case arxivAbs = "abs"               // arXiv `.abs` metadata files
}

/// One paper as a reader found it in one source, already normalized to plain Unicode text.
public struct SourceRecord: Sendable, Hashable {
    public var title: String?
    public var abstract: String?
    /// Authors in order, as display names ("Ashish Vaswani").
    public var authors: [String]
    public var year: Int?
    /// arXiv identifier without version ("2212.07677", "hep-th/9901001").
    public var arxivID: String?
    public var doi: String?
    /// Other identifiers a source offers (scheme, value): ACL Anthology id, S2 id, BibTeX key…
    public var otherIDs: [ExternalID]
    public var categories: [String]
    public var venue: String?
    public var provenance: Provenance
    public var format: InputFormat

    public init(title: String? = nil, abstract: String? = nil, authors: [String] = [], year: Int? = nil,
                arxivID: String? = nil, doi: String? = nil, otherIDs: [ExternalID] = [],
                categories: [String] = [], venue: String? = nil,
                provenance: Provenance, format: InputFormat) {
        self.title = title
        self.abstract = abstract
        self.authors = authors
        self.year = year
        self.arxivID = arxivID
        self.doi = doi
        self.otherIDs = otherIDs
        self.categories = categories
        self.venue = venue
        self.provenance = provenance
        self.format = format
    }

    /// True when the record carries something worth storing.
    public var hasContent: Bool {
        !(title ?? "").isEmpty || !(abstract ?? "").isEmpty
    }
}

/// An identifier in some scheme: `arxiv`, `doi`, `acl`, `s2`, `bibkey`, `title`, `content`.
public struct ExternalID: Sendable, Hashable, Codable {
    public var scheme: String
    public var value: String
    public init(_ scheme: String, _ value: String) {
        self.scheme = scheme
        self.value = value
    }
}
