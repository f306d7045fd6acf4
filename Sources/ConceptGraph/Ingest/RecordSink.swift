/// Receives what a reader finds in one file: records to store and recoverable problems.
///
/// Readers stream: they hand each record over as soon as it is complete, so memory holds one
/// record at a time whatever the file size.
public final class RecordSink {
    private let onRecord: (SourceRecord) throws -> Void
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var records = 0
    public private(set) var skipped = 0
    /// Larger fields are not titles, abstracts or names but broken input; the record is skipped.
    static let maxTitleBytes = 8_192
    static let maxAbstractBytes = 1 << 20

    public init(onRecord: @escaping (SourceRecord) throws -> Void) {
        self.onRecord = onRecord
    }

    /// Hands over a record; records with neither title nor abstract are skipped with a warning.
    func emit(_ record: SourceRecord) throws {
        guard record.hasContent else {
            skip(record.provenance, "no title and no abstract")
            return
        }
        if let title = record.title, title.utf8.count > Self.maxTitleBytes {
            skip(record.provenance, "title of \(title.utf8.count) bytes is longer than the \(Self.maxTitleBytes)-byte limit")
            return
        }
        if let abstract = record.abstract, abstract.utf8.count > Self.maxAbstractBytes {
            skip(record.provenance, "abstract of \(abstract.utf8.count) bytes is longer than the \(Self.maxAbstractBytes >> 20) MiB limit")
            return
        }
        // Names share the title's limit.
        for (field, value) in record.authors.map({ ("author name", $0) }) + [("venue", record.venue ?? "")]
        where value.utf8.count > Self.maxTitleBytes {
            skip(record.provenance, "\(field) of \(value.utf8.count) bytes is longer than the \(Self.maxTitleBytes)-byte limit")
            return
        }
        records += 1
        try onRecord(record)
    }

    /// Notes a record that could not be used; the reader goes on with the next one.
    func skip(_ provenance: Provenance, _ message: String) {
        skipped += 1
        diagnostics.append(Diagnostic(.warning, provenance, "skipped: \(message)"))
    }

    /// Notes a problem that did not cost a record (e.g. invalid UTF-8 replaced).
    func warn(_ provenance: Provenance, _ message: String) {
        diagnostics.append(Diagnostic(.warning, provenance, message))
    }
}

/// A reader of one input format.
protocol RecordReader {
    /// Streams the records of the file at `path` into `sink`; `display` is the path shown to users.
    func read(path: String, display: String, into sink: RecordSink) throws
}
