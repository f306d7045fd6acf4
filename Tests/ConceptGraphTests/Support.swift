import Foundation
@testable import ConceptGraph

/// Where the package and the shared data live, for tests.
enum TestPaths {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var fixtures: String { packageRoot.appendingPathComponent("fixtures").path }

    /// `$CONCEPTGRAPH_SHARED`, else `../shared` beside the package.
    static var shared: String? {
        let candidate = ProcessInfo.processInfo.environment["CONCEPTGRAPH_SHARED"]
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
        return FileManager.default.fileExists(atPath: candidate) ? candidate : nil
    }

    static var sharedAvailable: Bool {
        if shared == nil {
            print("note: ../shared not found (set CONCEPTGRAPH_SHARED); tests on the real samples are skipped")
        }
        return shared != nil
    }

    static func sharedPath(_ relative: String) -> String { "\(shared ?? "/nonexistent")/\(relative)" }
}

/// A scratch directory removed when the value goes away.
final class Scratch {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("cg-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (or raw bytes) to a file in the scratch directory and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    var db: String { url.appendingPathComponent("test.sqlite").path }
    func store() throws -> Store { try Store(path: db) }
}

/// Reads one file with the reader its content calls for, collecting records and diagnostics.
func readAll(_ path: String) throws -> (records: [SourceRecord], sink: RecordSink) {
    var records: [SourceRecord] = []
    let sink = RecordSink { records.append($0) }
    let format = try FormatDetector.detect(path: path)
    try Ingestor.reader(for: format).read(path: path, display: path, into: sink)
    return (records, sink)
}
