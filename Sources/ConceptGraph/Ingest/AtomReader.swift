import Foundation

/// Reads arXiv API Atom feeds, the pre-2025 variant (per-element namespaces, `<title type="html">`)
/// and the 2025+ one (feed-level namespaces, https links) alike: only local names are used.
struct AtomReader: RecordReader {
    func read(path: String, display: String, into sink: RecordSink) throws {
        let xml = try XMLStreamReader(path: path)
        var entryIndex = 0
        var inEntry = false
        var entryLine = 0
        var field: String?
        var buffer = ""
        var values: [String: String] = [:]
        var authors: [String] = []
        var categories: [String] = []
        var inAuthor = false
        var doiLink: String?

        func finishEntry() throws {
            let provenance = Provenance(file: display, locator: "entry \(entryIndex) (line \(entryLine))", line: entryLine)
            let id = values["id"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if id.contains("/api/errors") || values["title"]?.trimmingCharacters(in: .whitespaces) == "Error" {
                let message = TextNormalizer.normalize(values["summary"]) ?? "unknown error"
                sink.skip(provenance, "arXiv API error entry: \(message)")
                return
            }
            var categoryList = categories
            if let primary = values["primary"], !categoryList.contains(primary) { categoryList.insert(primary, at: 0) }
            let record = SourceRecord(
                title: TextNormalizer.normalize(values["title"]),
                abstract: TextNormalizer.normalize(values["summary"]),
                authors: authors,
                year: Identifiers.year(values["published"] ?? values["updated"]),
                arxivID: Identifiers.arxiv(id),
                doi: Identifiers.doi(values["doi"]) ?? Identifiers.doi(doiLink),
                categories: categoryList,
                venue: TextNormalizer.normalize(values["journal_ref"]),
                provenance: provenance, format: .atom)
            try sink.emit(record)
        }

        while let node = try xml.next() {
            switch node {
            case let .start(name, attributes, _):
                if name == "entry" {
                    inEntry = true
                    entryIndex += 1
                    entryLine = xml.line
                    values = [:]; authors = []; categories = []; doiLink = nil
                } else if inEntry {
                    switch name {
                    case "author": inAuthor = true
                    case "category":
                        if let term = attributes["term"] { categories.append(term) }
                    case "primary_category":
                        if let term = attributes["term"] { values["primary"] = term }
                    case "link":
                        if attributes["title"] == "doi", let href = attributes["href"] { doiLink = href }
                    case "id", "title", "summary", "published", "updated", "doi", "journal_ref", "comment":
                        field = name; buffer = ""
                    case "name" where inAuthor:
                        field = "name"; buffer = ""
                    default: break
                    }
                }
            case let .text(text):
                // Past the limit the field is refused anyway: stop holding more of it.
                if field != nil, buffer.utf8.count <= RecordSink.maxAbstractBytes { buffer += text }
            case let .end(name):
                if name == "entry" {
                    inEntry = false
                    try finishEntry()
                } else if name == "author" {
                    inAuthor = false
                } else if let f = field, f == name {
                    if f == "name" {
                        if let n = TextNormalizer.normalize(buffer) { authors.append(n) }
                    } else {
                        values[f] = buffer
                    }
                    field = nil
                }
            }
        }

    }
}

/// Reads the OAI-style XML dump: `<ListRecords><record><header><identifier>oai:arXiv.org:ID`
/// with Dublin-Core-like `title`, `description` (the abstract), `creator` and `date` elements.
struct OAIReader: RecordReader {
    func read(path: String, display: String, into sink: RecordSink) throws {
        let xml = try XMLStreamReader(path: path)
        var index = 0
        var line = 0
        var inRecord = false
        var field: String?
        var buffer = ""
        var values: [String: String] = [:]
        var creators: [String] = []
        var subjects: [String] = []

        while let node = try xml.next() {
            switch node {
            case let .start(name, _, _):
                if name == "record" {
                    inRecord = true
                    index += 1
                    line = xml.line
                    values = [:]; creators = []; subjects = []
                } else if inRecord, ["identifier", "title", "description", "abstract", "date", "creator", "subject", "doi", "setSpec"].contains(name) {
                    field = name; buffer = ""
                }
            case let .text(text):
                // Past the limit the field is refused anyway: stop holding more of it.
                if field != nil, buffer.utf8.count <= RecordSink.maxAbstractBytes { buffer += text }
            case let .end(name):
                if name == "record" {
                    inRecord = false
                    let provenance = Provenance(file: display, locator: "record \(index) (line \(line))", line: line)
                    let identifier = values["identifier"] ?? ""
                    let arxivID = Identifiers.arxiv(identifier.replacingOccurrences(of: "oai:arXiv.org:", with: ""))
                    let record = SourceRecord(
                        title: TextNormalizer.normalize(values["title"]),
                        abstract: TextNormalizer.normalize(values["description"] ?? values["abstract"]),
                        authors: creators,
                        year: Identifiers.year(values["date"]),
                        arxivID: arxivID,
                        doi: Identifiers.doi(values["doi"]),
                        categories: subjects,
                        provenance: provenance, format: .oai)
                    try sink.emit(record)
                } else if let f = field, f == name {
                    switch f {
                    case "creator":
                        if let n = TextNormalizer.normalize(buffer) { creators.append(Identifiers.flipLastFirst(n)) }
                    case "subject":
                        if let s = TextNormalizer.normalize(buffer) { subjects.append(s) }
                    case "date":
                        if values["date"] == nil { values["date"] = buffer }  // the first date is the submission
                    default:
                        values[f] = buffer
                    }
                    field = nil
                }
            }
        }
    }
}
