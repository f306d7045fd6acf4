import Foundation
import GRDB

/// What ingesting one input file did.
public struct FileReport: Sendable, Codable {
    public enum Status: String, Sendable, Codable { case ingested, unchanged, failed, empty, unsupported }
    public var path: String
    public var format: String?
    public var status: Status
    /// Records read from the file (papers found, before dedup).
    public var records: Int = 0
    /// Records that became new papers.
    public var created: Int = 0
    /// Records merged into a paper already in the store.
    public var merged: Int = 0
    /// Records skipped with a warning.
    public var skipped: Int = 0
    public var error: String?
    public var diagnostics: [Diagnostic] = []
}

/// What an ingest run did, file by file.
public struct IngestReport: Sendable, Codable {
    public var files: [FileReport] = []
    /// Papers in the store after the run.
    public var papers: Int = 0
    /// What extraction stored, when it ran (nil when nothing changed).
    public var concepts: Int?
    public var mentions: Int?
    public var claims: Int?
    public var seconds: Double = 0
    /// Seconds per step: ingest (reading and storing records), index (full text), extract,
    /// store (what extraction found).
    public var stageSeconds: [String: Double] = [:]

    public var records: Int { files.reduce(0) { $0 + $1.records } }
    public var created: Int { files.reduce(0) { $0 + $1.created } }
    public var merged: Int { files.reduce(0) { $0 + $1.merged } }
    public var skipped: Int { files.reduce(0) { $0 + $1.skipped } }
    /// Files named explicitly that failed or held no paper make the run a failure.
    public var failed: [FileReport] { files.filter { $0.status == .failed } }
}

/// Reads input files into the store: format detection, streaming readers, dedup and merge.
/// Each file is one transaction, so a file that fails leaves nothing behind.
public final class Ingestor {
    let store: Store
    /// Called after each file with its report, for progress output.
    public var onFile: ((FileReport) -> Void)?
    /// Told of records read and papers extracted, for long runs.
    public var progress: ProgressObserver?
    /// The corpus as the last extraction left it, for the link and cluster stages of a build.
    var snapshot: CorpusSnapshot?

    public init(store: Store) {
        self.store = store
    }

    /// File names that hold documentation, never papers; skipped when walking directories.
    static let documentationNames: Set<String> = ["readme", "license", "licence", "copying", "changelog", "notice", "authors"]

    /// Expands the user's paths: directories recursively (sorted, hidden entries skipped), `-` as
    /// standard input. Returns (path to read, path to show, named explicitly).
    public static func expand(_ paths: [String]) throws -> [(path: String, display: String, explicit: Bool)] {
        var result: [(String, String, Bool)] = []
        let fm = FileManager.default
        for raw in paths {
            if raw == "-" {
                result.append(("-", "-", true))
                continue
            }
            let path = (raw as NSString).standardizingPath
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ConceptGraphError.unreadableFile(path: raw, reason: "no such file or directory")
            }
            if !isDirectory.boolValue {
                result.append((path, path, true))
                continue
            }
            var found: [String] = []
            // Walk the real directory behind a symbolic link, but show the user's path.
            let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
            if let walker = fm.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) {
                for case let file as URL in walker {
                    guard (try? file.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
                    let base = file.deletingPathExtension().lastPathComponent.lowercased()
                    if documentationNames.contains(base) { continue }
                    // Keep the user's spelling of the directory in what we show and store.
                    let relative = String(file.path.dropFirst(url.path.count)).drop(while: { $0 == "/" })
                    found.append(path == "." ? String(relative) : "\(path)/\(relative)")
                }
            }
            // The store itself (and its write lock) may sit in the directory being walked.
            let storeSuffixes = [".sqlite", ".sqlite-wal", ".sqlite-shm", ".db", ".db-wal", ".db-shm", ".sqlite3",
                                 ".sqlite.lock", ".db.lock", ".sqlite3.lock"]
            let files = found.sorted().filter { file in !storeSuffixes.contains(where: { file.hasSuffix($0) }) }
            if files.isEmpty {
                throw ConceptGraphError.invalidArgument("\(raw): the directory holds no files to read")
            }
            for file in files { result.append((file, file, false)) }
        }
        return result
    }

    /// Ingests every path; per-file failures are reported, not thrown.
    public func ingest(_ paths: [String], force: Bool = false) throws -> IngestReport {
        let started = Date()
        var report = IngestReport()
        let files = try Self.expand(paths)
        progress?.begin("ingest", unit: "records", total: nil)
        for (path, display, explicit) in files {
            var readPath = path
            var temporary: String?
            if path == "-" {
                temporary = try Self.spoolStandardInput()
                readPath = temporary!
            }
            defer { if let t = temporary { try? FileManager.default.removeItem(atPath: t) } }
            var file = ingestFile(readPath, display: display, force: force && path != "-")
            if (file.status == .empty || file.status == .unsupported) && !explicit {
                // Found while walking a directory and holding no papers: note it, do not fail.
                let reason = file.error.map { " (\($0))" } ?? ""
                file.diagnostics = [Diagnostic(.warning, Provenance(file: display, locator: "file"), "no papers found; file ignored\(reason)")]
                file.error = nil
            } else if file.status == .unsupported {
                file.status = .failed
            } else if file.status == .empty {
                file.status = .failed
                file.error = file.error ?? "\(display): no papers found in the file (format \(file.format ?? "unknown"))"
            }
            onFile?(file)
            report.files.append(file)
        }
        progress?.finish()
        report.stageSeconds["ingest"] = elapsedSeconds(from: started)
        // Extraction spans the corpus (evidence travels between papers), so any change redoes it.
        let changed = report.files.contains { $0.status == .ingested }
        // A store whose papers were never extracted (made before extraction existed) catches up,
        // and so does one whose last run stopped between storing papers and extracting them.
        let extractionStale = try store.read { db in
            try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM staleStage WHERE stage = 'extract')
                    OR (EXISTS (SELECT 1 FROM paper) AND NOT EXISTS (SELECT 1 FROM concept))
                """) ?? false
        }
        if changed || extractionStale {
            store.checkpoint()
            progress?.begin("index", unit: "papers", total: nil)
            let indexing = Date()
            try store.write { db in try store.rebuildFullText(db) }
            report.stageSeconds["index"] = elapsedSeconds(from: indexing)
            progress?.finish()
            let (counts, snapshot, seconds) = try store.extractAndStore(progress: progress)
            self.snapshot = snapshot
            report.stageSeconds.merge(seconds) { $1 }
            report.concepts = counts.concepts
            report.mentions = counts.mentions
            report.claims = counts.claims
        }
        report.papers = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper") ?? 0 }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Copies standard input to a temporary file so it can be sniffed and read like any file.
    static func spoolStandardInput() throws -> String {
        let path = NSTemporaryDirectory() + "conceptgraph-stdin-\(getpid())-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let out = FileHandle(forWritingAtPath: path) else {
            throw ConceptGraphError.unreadableFile(path: "-", reason: "cannot create a temporary file in \(NSTemporaryDirectory())")
        }
        defer { try? out.close() }
        let input = FileHandle.standardInput
        while true {
            let chunk = input.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            out.write(chunk)
        }
        return path
    }

    /// A digest of the whole file, to recognise a file ingested before and unchanged since.
    static func digest(of path: String) throws -> (size: Int, digest: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConceptGraphError.unreadableFile(path: path, reason: "no such file or no permission")
        }
        defer { try? handle.close() }
        var hash = FNV1a.offset
        var size = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw ConceptGraphError.unreadableFile(path: path, reason: error.localizedDescription)
            }
            if chunk.isEmpty { break }
            size += chunk.count
            hash = chunk.withUnsafeBytes { FNV1a.hash($0, from: hash) }
        }
        return (size, String(hash, radix: 16))
    }

    static func reader(for format: InputFormat) -> RecordReader {
        switch format {
        case .listing, .abstractRecords: return ListingReader(format: format)
        case .atom: return AtomReader()
        case .oai: return OAIReader()
        case .jsonLines, .json: return JSONRecordReader(format: format)
        case .bibtex: return BibTeXReader()
        case .arxivAbs: return ArxivAbsReader()
        }
    }

    /// Thrown inside the transaction to roll back a file that produced no paper.
    private struct NothingFound: Error {}

    func ingestFile(_ path: String, display: String, force: Bool) -> FileReport {
        var report = FileReport(path: display, status: .failed)
        var sink: RecordSink?
        do {
            let (size, digest) = try Self.digest(of: path)
            if size == 0 {
                report.status = .empty
                report.error = "\(display): the file is empty"
                return report
            }
            // Standard input is a new "file" for every distinct content, never a replacement of
            // what an earlier pipe brought.
            let fileKey = display == "-" ? "-#\(digest)" : display
            let previous = try store.read { db in
                try String.fetchOne(db, sql: "SELECT digest FROM inputFile WHERE path = ?", arguments: [fileKey])
            }
            if previous == digest && !force {
                report.status = .unchanged
                return report
            }
            let format = try FormatDetector.detect(path: path)
            report.format = format.rawValue
            let reader = Self.reader(for: format)
            var created = 0
            var merged = 0
            try store.write { db in
                // A changed file replaces what it contributed before.
                try db.execute(sql: "DELETE FROM source WHERE file = ?", arguments: [fileKey])
                try db.execute(sql: """
                    INSERT INTO inputFile (path, format, size, digest, records, skipped) VALUES (?, ?, ?, ?, 0, 0)
                    ON CONFLICT(path) DO UPDATE SET format = excluded.format, size = excluded.size, digest = excluded.digest
                    """, arguments: [fileKey, format.rawValue, size, digest])
                let progress = self.progress
                var writer = try Store.PaperWriter(db, fileKey: fileKey)
                // Parsing and normalizing run ahead on their own thread; this one only writes.
                let readAhead = ReadAhead(reader: reader, path: path, display: display, prepare: Store.PreparedRecord.init)
                let s = try readAhead.run { batch in
                    for prepared in batch {
                        switch try writer.upsert(prepared) {
                        case .created: created += 1
                        case .merged: merged += 1
                        }
                        progress?.advance(1)
                    }
                }
                sink = s
                if s.records == 0 { throw NothingFound() }
                try db.execute(sql: "UPDATE inputFile SET records = ?, skipped = ? WHERE path = ?", arguments: [s.records, s.skipped, fileKey])
                // Papers whose every source was this file's old version are gone with it.
                if previous != nil {
                    try db.execute(sql: "DELETE FROM paper WHERE NOT EXISTS (SELECT 1 FROM source WHERE source.paperID = paper.id)")
                }
                // Committed together with the papers, so a crash before extraction cannot hide them.
                try db.execute(sql: "INSERT OR IGNORE INTO staleStage (stage) VALUES ('extract')")
            }
            report.status = .ingested
            report.records = sink?.records ?? 0
            report.skipped = sink?.skipped ?? 0
            report.diagnostics = sink?.diagnostics ?? []
            report.created = created
            report.merged = merged
        } catch is NothingFound {
            report.status = .empty
            report.skipped = sink?.skipped ?? 0
            report.diagnostics = sink?.diagnostics ?? []
        } catch let error as ConceptGraphError {
            if case .unrecognizedFormat = error { report.status = .unsupported }
            report.error = error.description
        } catch {
            report.error = "\(display): \(error)"
        }
        return report
    }
}
