import Foundation

/// Reads paper metadata as JSON: one object per line (arXiv Kaggle snapshot, arXiv daily
/// harvests, S2ORC, ACL Anthology exports) or one document holding an array of such objects.
///
/// Field names vary by source; the common shapes are mapped: `title`, `abstract|summary`,
/// `authors` (a string, a list of names, or a list of `{first, middle, last}`), `authors_parsed`,
/// `published|year|update_date|versions`, `arxiv_id|id|paper_id|acl_id`, `doi`, `categories`.
struct JSONRecordReader: RecordReader {
    let format: InputFormat
    /// A single JSON document is parsed whole, so its size is capped.
    static let maxDocumentBytes = 512 << 20

    func read(path: String, display: String, into sink: RecordSink) throws {
        if format == .json {
            try readDocument(path: path, display: display, into: sink)
            return
        }
        let reader = try LineReader(path: path)
        while let line = try reader.next() {
            // JSON allows whitespace around the value; only blank lines are dropped here.
            if line.text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let provenance = Provenance(file: display, locator: "line \(line.number)", line: line.number)
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.text.utf8)) else {
                sink.skip(provenance, "not valid JSON (\(Self.describe(line.text.trimmingCharacters(in: .whitespaces))))")
                continue
            }
            guard let dict = object as? [String: Any] else {
                sink.skip(provenance, "a JSON line must be an object, found \(type(of: object))")
                continue
            }
            try emit(dict, provenance, sink)
        }
        reader.reportProblems(display: display, into: sink)
    }

    private func readDocument(path: String, display: String, into sink: RecordSink) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        if let size, size > Self.maxDocumentBytes {
            throw ConceptGraphError.recordTooLarge(path: display, location: "whole document", limit: Self.maxDocumentBytes)
        }
        // Foundation's Data(contentsOf:) leaks a 4 KiB buffer for every empty file it reads.
        if size == 0 {
            throw ConceptGraphError.malformedFile(path: display, location: "document", reason: "not valid JSON: the file is empty")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConceptGraphError.unreadableFile(path: display, reason: error.localizedDescription)
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw ConceptGraphError.malformedFile(path: display, location: "document", reason: "not valid JSON: \(Self.jsonErrorText(error))")
        }
        var items: [Any] = []
        if let array = object as? [Any] {
            items = array
        } else if let dict = object as? [String: Any] {
            if let array = ["papers", "records", "data", "items", "results", "entries"].lazy.compactMap({ dict[$0] as? [Any] }).first {
                items = array
            } else {
                items = [dict]
            }
        }
        for (index, item) in items.enumerated() {
            let provenance = Provenance(file: display, locator: "item \(index + 1)")
            guard let dict = item as? [String: Any] else {
                sink.skip(provenance, "expected an object")
                continue
            }
            try emit(dict, provenance, sink)
        }
    }

    static func describe(_ text: String) -> String {
        text.count > 60 ? "starts \"\(text.prefix(60))…\"" : "\"\(text)\""
    }

    static func jsonErrorText(_ error: Error) -> String {
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }

    private func emit(_ d: [String: Any], _ provenance: Provenance, _ sink: RecordSink) throws {
        func string(_ keys: String...) -> String? {
            for key in keys {
                if let s = d[key] as? String, !s.isEmpty { return s }
                if let n = d[key] as? NSNumber, !(d[key] is Bool) { return n.stringValue }
            }
            return nil
        }
        var other: [ExternalID] = []
        var arxiv = Identifiers.arxiv(string("arxiv_id", "arxivId", "arxiv"))
        if let ext = d["externalids"] as? [String: Any] ?? d["external_ids"] as? [String: Any] ?? d["externalIds"] as? [String: Any] {
            if arxiv == nil { arxiv = Identifiers.arxiv(ext["ArXiv"] as? String ?? ext["arxiv"] as? String) }
        }
        if let id = string("id") {
            if arxiv == nil, let a = Identifiers.arxiv(id) { arxiv = a }
            else if Identifiers.arxiv(id) == nil { other.append(ExternalID("local", id)) }
        }
        if let acl = string("acl_id", "aclId") { other.append(ExternalID("acl", acl)) }
        if let s2 = string("paper_id", "paperId", "corpusid", "corpus_id") { other.append(ExternalID("s2", s2)) }

        var authors: [String] = []
        if let parsed = d["authors_parsed"] as? [[String]], !parsed.isEmpty {
            authors = parsed.compactMap { parts in
                let last = parts.first ?? ""
                let first = parts.count > 1 ? parts[1] : ""
                let suffix = parts.count > 2 ? parts[2] : ""
                return TextNormalizer.normalize([first, last, suffix].filter { !$0.isEmpty }.joined(separator: " "))
            }
        } else if let list = d["authors"] as? [Any] {
            authors = list.compactMap { item in
                if let s = item as? String { return TextNormalizer.normalize(Identifiers.flipLastFirst(s)) }
                if let o = item as? [String: Any] {
                    if let name = o["name"] as? String { return TextNormalizer.normalize(name) }
                    let first = o["first"] as? String ?? ""
                    let middle = (o["middle"] as? [String])?.joined(separator: " ") ?? ""
                    let last = o["last"] as? String ?? ""
                    let suffix = o["suffix"] as? String ?? ""
                    return TextNormalizer.normalize([first, middle, last, suffix].filter { !$0.isEmpty }.joined(separator: " "))
                }
                return nil
            }
        } else if let s = d["authors"] as? String {
            authors = Identifiers.splitAuthors(s).compactMap { TextNormalizer.normalize($0) }
        }

        var year: Int?
        if let y = d["year"] as? Int { year = y } else { year = Identifiers.year(string("year")) }
        if year == nil, let versions = d["versions"] as? [[String: Any]], let created = versions.first?["created"] as? String {
            year = Identifiers.year(created)
        }
        if year == nil { year = Identifiers.year(string("published", "publication_date", "date", "update_date", "updated")) }

        var categories: [String] = []
        if let s = d["categories"] as? String {
            categories = s.split(separator: " ").map(String.init)
        } else if let list = d["categories"] as? [String] {
            categories = list
        }
        if let primary = d["primary_category"] as? String, !categories.contains(primary) { categories.insert(primary, at: 0) }

        let record = SourceRecord(
            title: TextNormalizer.normalize(string("title")),
            abstract: TextNormalizer.normalize(string("abstract", "summary", "paperAbstract")),
            authors: authors,
            year: year,
            arxivID: arxiv,
            doi: Identifiers.doi(string("doi", "DOI")),
            otherIDs: other,
            categories: categories,
            venue: TextNormalizer.normalize(string("venue", "journal", "journal-ref", "journal_ref")),
            provenance: provenance, format: format)
        try sink.emit(record)
    }
}
