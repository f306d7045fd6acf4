/// The parsers the fuzz targets in `Fuzz/` drive, reached without a store.
///
/// The readers and the LaTeX decoder are internal, and `@testable import` only works in debug
/// builds with testing enabled, while fuzzing wants optimized code. These entry points are SPI:
/// only `@_spi(Fuzzing) import ConceptGraph` sees them, so the product's API stays as it is.
@_spi(Fuzzing)
public enum FuzzEntryPoints {
    /// What a reader made of one file.
    public struct ReadResult {
        /// The records the reader handed over, in order.
        public var records: [SourceRecord] = []
        /// Records the reader skipped with a warning.
        public var skipped = 0
        /// Warnings and skips, as `ingest` would report them.
        public var diagnostics: [Diagnostic] = []
    }

    /// Reads the file at `path` with the reader for `format`, as `ingest` does once the format is
    /// known. Throws what the reader throws for input it cannot use.
    public static func read(path: String, as format: InputFormat) throws -> ReadResult {
        var result = ReadResult()
        let sink = RecordSink { result.records.append($0) }
        try Ingestor.reader(for: format).read(path: path, display: path, into: sink)
        result.skipped = sink.skipped
        result.diagnostics = sink.diagnostics
        return result
    }

    /// Recognises the format of the file at `path` from its first bytes, then reads it with that
    /// format's reader: the path every input takes through `ingest`.
    public static func detectAndRead(path: String) throws -> (format: InputFormat, result: ReadResult) {
        let format = try FormatDetector.detect(path: path)
        return (format, try read(path: path, as: format))
    }

    /// Decodes LaTeX markup in `text` to plain Unicode, the step `TextNormalizer` runs on every field.
    public static func decodeLaTeX(_ text: String) -> String {
        LaTeX.decode(text)
    }
}
