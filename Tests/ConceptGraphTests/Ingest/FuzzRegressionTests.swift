import Foundation
import Testing
@_spi(Fuzzing) @testable import ConceptGraph

/// Inputs the fuzz targets in `Fuzz/` (run by `scripts/fuzz.sh`) crashed on, minimized and read
/// the way the target read them: written to a file, then handed to the reader.
@Suite struct FuzzRegressionTests {
    /// Reads `text` as `format`, or as the detected format when nil, like the fuzz targets.
    private func read(_ text: String, as format: InputFormat?) throws -> FuzzEntryPoints.ReadResult {
        let scratch = Scratch()
        let path = scratch.write("input", text)
        if let format { return try FuzzEntryPoints.read(path: path, as: format) }
        return try FuzzEntryPoints.detectAndRead(path: path).result
    }

    /// fuzz-bibtex, fuzz-detect: a year field of 20 digits overflowed `Identifiers.year`.
    @Test func bibtexYearLongerThanAnIntDoesNotCrash() throws {
        for format in [InputFormat.bibtex, nil] {
            let result = try read("@a{\nyear=77777777777777777777", as: format)
            #expect(result.records.isEmpty)
            #expect(result.skipped == 1)
        }
    }

    /// fuzz-abs: the same overflow through an `.abs` header's `Date:` line.
    @Test func absDateLongerThanAnIntDoesNotCrash() throws {
        let result = try read("\\\\\ndate:11111111111111111111\n\\\\", as: .arxivAbs)
        #expect(result.records.isEmpty)
        #expect(result.skipped == 1)
    }

    /// fuzz-json, with AddressSanitizer's leak check: an empty file given to the JSON document
    /// reader leaked 4 KiB inside Foundation's `Data(contentsOf:)`; it is now refused before reading.
    @Test func emptyJSONDocumentIsRefusedWithoutReadingIt() throws {
        let error = #expect(throws: ConceptGraphError.self) { try read("", as: .json) }
        guard case let .malformedFile(_, location, reason)? = error else {
            Issue.record("expected malformedFile, got \(String(describing: error))")
            return
        }
        #expect(location == "document")
        #expect(reason.contains("the file is empty"))
    }
}
