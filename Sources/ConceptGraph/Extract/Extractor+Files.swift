import Foundation

/// One paper read from a file with what was extracted from it.
public struct ExtractedPaper: Sendable, Codable {
    public var label: String
    public var title: String?
    public var source: Provenance
    public var extraction: Extraction
}

extension Extractor {
    /// Reads the papers of `paths` (no store involved) and extracts them as one corpus.
    /// Diagnostics of the readers are returned alongside.
    public func extract(paths: [String]) throws -> (papers: [ExtractedPaper], diagnostics: [Diagnostic]) {
        var records: [SourceRecord] = []
        var diagnostics: [Diagnostic] = []
        for (path, display, _) in try Ingestor.expand(paths) {
            var readPath = path
            var temporary: String?
            if path == "-" { temporary = try Ingestor.spoolStandardInput(); readPath = temporary! }
            defer { if let t = temporary { try? FileManager.default.removeItem(atPath: t) } }
            do {
                let format = try FormatDetector.detect(path: readPath)
                let sink = RecordSink { records.append($0) }
                try Ingestor.reader(for: format).read(path: readPath, display: display, into: sink)
                diagnostics += sink.diagnostics
            } catch let error as ConceptGraphError {
                diagnostics.append(Diagnostic(.error, Provenance(file: display, locator: "file"), error.description))
            }
        }
        let extractions = extractCorpus(records.map { ($0.title, $0.abstract) })
        let papers = zip(records, extractions).map { record, extraction in
            ExtractedPaper(label: record.title ?? TextNormalizer.label(fromText: record.abstract ?? ""), title: record.title,
                           source: record.provenance, extraction: extraction)
        }
        return (papers, diagnostics)
    }
}
