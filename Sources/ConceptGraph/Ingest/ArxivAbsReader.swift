import Foundation

/// Reads arXiv `.abs` metadata files: `\\`, a header of `Key: value` lines (continued by indented
/// lines), `\\`, the abstract, `\\`. A file may hold several such records one after another.
struct ArxivAbsReader: RecordReader {
    func read(path: String, display: String, into sink: RecordSink) throws {
        let reader = try LineReader(path: path)
        enum Section { case outside, header, abstract }
        var section = Section.outside
        var header: [String: String] = [:]
        var lastKey: String?
        var abstractLines: [String] = []
        var abstractBytes = 0
        var recordLine = 0
        var recordIndex = 0

        func finish() throws {
            defer { header = [:]; abstractLines = []; abstractBytes = 0; lastKey = nil }
            guard !header.isEmpty else { return }
            recordIndex += 1
            let provenance = Provenance(file: display, locator: "record \(recordIndex) (line \(recordLine))", line: recordLine)
            let arxivID = Identifiers.arxiv(header["arxiv"] ?? header["paper"])
            let authors = Identifiers.splitAuthors(header["authors"] ?? "").compactMap { TextNormalizer.normalize($0) }
            let record = SourceRecord(
                title: TextNormalizer.normalize(header["title"]),
                abstract: TextNormalizer.normalize(abstractLines.joined(separator: "\n")),
                authors: authors,
                year: Identifiers.year(header["date"]),
                arxivID: arxivID,
                doi: Identifiers.doi(header["doi"]?.split(separator: " ").first.map(String.init)),
                categories: (header["categories"] ?? "").split(separator: " ").map(String.init),
                venue: TextNormalizer.normalize(header["journal-ref"]),
                provenance: provenance, format: .arxivAbs)
            try sink.emit(record)
        }

        while let line = try reader.next() {
            let text = line.text
            if text.trimmingCharacters(in: .whitespaces) == "\\\\" {
                switch section {
                case .outside: section = .header; recordLine = line.number
                case .header: section = .abstract
                case .abstract: try finish(); section = .outside
                }
                continue
            }
            switch section {
            case .outside:
                continue
            case .header:
                if let first = text.first, first == " " || first == "\t", let key = lastKey {
                    // Past the limit the record is refused anyway: stop growing the value.
                    if header[key, default: ""].utf8.count <= RecordSink.maxAbstractBytes {
                        header[key, default: ""] += " " + text.trimmingCharacters(in: .whitespaces)
                    }
                } else if let colon = text.firstIndex(of: ":") {
                    let key = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                    let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if header[key] == nil { header[key] = value }  // the first Date: is the submission
                    lastKey = key
                }
            case .abstract:
                // Past the limit the abstract is refused anyway: stop holding more of it.
                if abstractBytes <= RecordSink.maxAbstractBytes { abstractLines.append(text) }
                abstractBytes += text.utf8.count + 1
            }
        }
        if section == .abstract { try finish() }
        reader.reportProblems(display: display, into: sink)
    }
}
