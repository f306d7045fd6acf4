import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// A build stopped at any point (SIGKILL: no cleanup, no rollback of our own) leaves a store
/// that is intact and holds whole files only, and the next build ends in exactly the store an
/// uninterrupted build makes.
@Suite struct CrashSafetyTests {
    /// The kill that the random rounds may miss, made deterministic: every file is committed and
    /// nothing after (extraction, links, clusters) ran, as if killed right after the last commit.
    @Test func aBuildStoppedBeforeExtractionIsCompletedByTheNextBuild() throws {
        let scratch = Scratch()
        let corpus = scratch.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let files = try SyntheticCorpus.write(into: corpus, files: 6, records: 12, seed: 11)

        let reference = try Store(path: scratch.url.appendingPathComponent("reference.sqlite").path)
        _ = try Builder(store: reference).build([corpus.path])

        let store = try Store(path: scratch.url.appendingPathComponent("stopped.sqlite").path)
        _ = try Builder(store: store).build(Array(files.prefix(3)))
        let ingestor = Ingestor(store: store)
        for file in files.dropFirst(3) {
            #expect(ingestor.ingestFile(file, display: file, force: false).status == .ingested)
        }
        _ = try Builder(store: store).build([corpus.path])

        let (stopped, uninterrupted) = (try StoreDump.canonical(store), try StoreDump.canonical(reference))
        let same = stopped == uninterrupted  // compared apart: a failure prints the first difference, not two dumps
        #expect(same, "first difference: \(StoreDump.firstDifference(stopped, uninterrupted))")
    }

    @Test(.enabled(if: Tool.available, "the conceptgraph executable is not built"))
    func killedBuildsLeaveWholeFilesAndTheNextBuildCompletesThem() throws {
        let seed = ProcessInfo.processInfo.environment["CONCEPTGRAPH_CRASH_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        print("CrashSafetyTests: kill seed \(seed) (CONCEPTGRAPH_CRASH_SEED=\(seed) replays the same kill times)")
        var rng = SplitMix64(seed: seed)

        let scratch = Scratch()
        let corpus = scratch.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let files = try SyntheticCorpus.write(into: corpus, files: 20, records: 24, seed: 7)
        let referencePath = scratch.url.appendingPathComponent("reference.sqlite").path
        let crashedPath = scratch.url.appendingPathComponent("crashed.sqlite").path

        let uninterrupted = try Tool.run(["build", corpus.path, "--db", referencePath, "-q"], in: scratch.url)
        try #require(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let reference = try Store(path: referencePath)
        let referenceSources = try Self.sourcesByFile(reference)

        // Kill points are chosen by progress, not by the clock (the machine may be busy): once
        // a random number of files is committed, after a random pause; past the last file, the
        // pause reaches into extraction, linking and clustering.
        var killed = 0
        for round in 1...4 {
            let target = Int(rng.next() % UInt64(files.count + 2))
            let pause = Double(rng.next() % 1000) / 1000 * (target > files.count ? 1.5 : 0.01)
            let child = try Tool.Child(["build", corpus.path, "--db", crashedPath, "-q"], in: scratch.url)
            while child.process.isRunning, Self.committedFiles(crashedPath) < min(target, files.count) { usleep(5_000) }
            usleep(UInt32(pause * 1_000_000))
            let running = child.process.isRunning
            child.kill()
            if running { killed += 1 }
            let committed = try Self.checkWholeFiles(crashedPath, files: files, reference: referenceSources)
            print("CrashSafetyTests: round \(round): after \(min(target, files.count)) files and \(String(format: "%.2f", pause)) s: "
                  + "\(running ? "killed" : "finished before the kill"); \(committed) of \(files.count) files committed")
        }
        #expect(killed > 0, "no round killed a running build")

        let rerun = try Tool.run(["build", corpus.path, "--db", crashedPath, "-q"], in: scratch.url)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let (after, expected) = (try StoreDump.canonical(try Store(path: crashedPath)), try StoreDump.canonical(reference))
        let same = after == expected
        #expect(same, "first difference: \(StoreDump.firstDifference(after, expected))")
    }

    /// How many files a running build has committed so far (read-only: never in its way).
    static func committedFiles(_ path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var configuration = Configuration()
        configuration.readonly = true
        guard let db = try? DatabaseQueue(path: path, configuration: configuration) else { return 0 }
        return (try? db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM inputFile") }) ?? 0
    }

    /// Each file's source rows (one per record: locator, line, format, paper), by file.
    static func sourcesByFile(_ store: Store) throws -> [String: [String]] {
        try store.read { db in
            var result: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT file, locator, line, format, paperID FROM source ORDER BY file, locator") {
                result[row["file"], default: []].append(row.description)
            }
            return result
        }
    }

    /// Opens the store as the next command would (replaying the WAL) and checks it: intact, the
    /// files committed in order and each whole, nothing of any other file. Returns how many
    /// files were committed.
    static func checkWholeFiles(_ path: String, files: [String], reference: [String: [String]]) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let store = try Store(path: path)
        return try store.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let committed = try String.fetchAll(db, sql: "SELECT path FROM inputFile ORDER BY path")
            #expect(committed == Array(files.prefix(committed.count)), "files are committed in order")
            var sources: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT file, locator, line, format, paperID FROM source ORDER BY file, locator") {
                sources[row["file"], default: []].append(row.description)
            }
            for file in committed {
                #expect(sources[file] == reference[file], "every record of \(file) is there, as in the uninterrupted build")
            }
            #expect(Set(sources.keys).isSubset(of: committed), "nothing of a file that was not committed")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM paper WHERE NOT EXISTS (SELECT 1 FROM source WHERE paperID = paper.id)") == 0,
                    "no paper without a source")
            return committed.count
        }
    }
}
