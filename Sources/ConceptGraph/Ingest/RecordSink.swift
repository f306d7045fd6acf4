/// Receives what a reader finds in one file: records to store and recoverable problems.
///
/// Readers stream: they hand each record over as soon as it is complete, so memory holds one
/// record at a time whatever the file size.
public final class RecordSink {
    private let onRecord: (SourceRecord) throws -> Void
    public private(set) var diagnostics: [Diagnostic] = []
    public private(set) var records = 0
    public private(set) var skipped = 0

    public init(onRecord: @escaping (SourceRecord) throws -> Void) {
        self.onRecord = onRecord
    }

    /// Hands over a record; records with neither title nor abstract are skipped with a warning.
    func emit(_ record: SourceRecord) throws {
        guard record.hasContent else {
            skip(record.provenance, "no title and no abstract")
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
