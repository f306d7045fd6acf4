import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// One writer at a time, held by the store's write lock; readers at any time, each seeing one
/// consistent snapshot while a build writes (WAL).
@Suite struct ConcurrentUseTests {
    @Test func aSecondWriteLockIsRefusedWithTheHoldersPidUntilTheFirstIsReleased() throws {
        let scratch = Scratch()
        let first = try WriteLock(store: scratch.db)
        #expect(throws: ConceptGraphError.storeBusy(path: scratch.db, pid: getpid())) { try WriteLock(store: scratch.db) }
        #expect(ConceptGraphError.storeBusy(path: scratch.db, pid: getpid()).description
                .hasPrefix("another conceptgraph build is writing to \(scratch.db) (pid \(getpid())); wait for it to finish"))
        first.release()
        // Free again. Waiting, not failing, if a child forked by another test still shares the
        // descriptor for the instant before its exec closes it.
        let path = scratch.db
        let second = runWithDeadline(seconds: 10) { try WriteLock(store: path, wait: true).release() }
        #expect(second != nil, "the released lock could not be taken again")
        #expect(FileManager.default.fileExists(atPath: WriteLock.path(forStore: scratch.db)))
    }

    @Test(.enabled(if: Tool.available, "the conceptgraph executable is not built"))
    func aWriterRefusesOrWaitsWhileAnotherHoldsTheStore() throws {
        let scratch = Scratch()
        let file = "\(TestPaths.fixtures)/000_4e8f444d762af75b.txt"
        var lock: WriteLock? = try WriteLock(store: scratch.db)

        let refused = try Tool.run(["ingest", file, "--db", scratch.db], in: scratch.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("another conceptgraph build is writing to \(scratch.db) (pid \(getpid()))"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.db), "a refused writer does not even create the store")

        let waiting = try Tool.Child(["ingest", file, "--db", scratch.db, "--wait", "-q"], in: scratch.url)
        usleep(500_000)
        #expect(waiting.process.isRunning, "--wait waits while the lock is held")
        lock?.release()
        lock = nil
        let waited = waiting.finish()
        #expect(waited.status == 0, "\(waited.stderr)")
        #expect(waited.stderr.contains("waiting for another conceptgraph build (pid \(getpid()))"), "\(waited.stderr)")
        #expect(try Store(path: scratch.db).statistics().papers == 10)
    }

    @Test(.enabled(if: Tool.available, "the conceptgraph executable is not built"))
    func queriesDuringABuildSeeConsistentSnapshotsAndASecondBuildIsRefused() throws {
        let scratch = Scratch()
        let corpus = scratch.url.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try SyntheticCorpus.write(into: corpus, files: 20, records: 30, seed: 5)
        let db = scratch.db

        let build = try Tool.Child(["build", corpus.path, "--db", db, "-q"], in: scratch.url)
        while build.process.isRunning, CrashSafetyTests.committedFiles(db) == 0 { usleep(5_000) }

        let second = try Tool.run(["build", corpus.path, "--db", db, "-q"], in: scratch.url)
        if build.process.isRunning {
            #expect(second.status == 1)
            #expect(second.stderr.contains("another conceptgraph build is writing to \(db) (pid \(build.pid))"), "\(second.stderr)")
        } else {
            print("note: the build finished before the second one started; the refusal was not checked")
        }

        var answers = 0
        var papersSeen = 0
        while build.process.isRunning {
            // Another process, as a user would query.
            let stats = try Tool.run(["stats", "--json", "--db", db], in: scratch.url)
            #expect(stats.status == 0, "\(stats.stderr)")
            if let s = try? JSONDecoder().decode(StoreStatistics.self, from: Data(stats.stdout.utf8)) {
                #expect(s.titled + s.untitled == s.papers && s.sourcesByFormat.values.reduce(0, +) == s.sources)
                #expect(s.papers >= papersSeen, "papers never disappear during a build")
                papersSeen = s.papers
            } else {
                Issue.record("stats --json printed what is not its JSON: \(stats.stdout.prefix(200))")
            }
            let related = try Tool.run(["related", "1", "--json", "--db", db], in: scratch.url)
            #expect(related.status == 0, "\(related.stderr)")
            let list = try JSONSerialization.jsonObject(with: Data(related.stdout.utf8)) as? [[String: Any]]
            let scores = list?.compactMap { $0["score"] as? Double } ?? []
            #expect(list != nil && scores.count == list?.count && scores == scores.sorted(by: >), "\(related.stdout.prefix(200))")

            // In process: one snapshot, checked across the tables a stage writes together.
            try Self.checkSnapshot(try Store(path: db))
            answers += 1
        }
        let built = build.finish()
        #expect(built.status == 0, "\(built.stderr)")
        #expect(answers >= 2, "the queries ran while the build wrote")
        try Self.checkSnapshot(try Store(path: db))
        print("ConcurrentUseTests: \(answers) rounds of queries during the build, up to \(papersSeen) papers seen")
    }

    /// Invariants that hold between whole transactions and break on a torn read.
    static func checkSnapshot(_ store: Store) throws {
        let counts = try store.read { db in
            try [
                "SELECT (SELECT COUNT(*) FROM source) - (SELECT coalesce(SUM(records), 0) FROM inputFile)",
                "SELECT COUNT(*) FROM concept c WHERE papers != (SELECT COUNT(*) FROM conceptPaper p WHERE p.conceptID = c.id)",
                "SELECT COUNT(*) FROM cluster c WHERE size != (SELECT COUNT(*) FROM membership m WHERE m.clusterID = c.id)",
            ].map { try Int.fetchOne(db, sql: $0) ?? -1 }
        }
        #expect(counts[0] == 0, "each committed file has all its records")
        #expect(counts[1] == 0, "concepts and their papers come from one extraction")
        #expect(counts[2] == 0, "clusters and their members come from one clustering")
        if let first = try store.papers(limit: 1).first {
            let related = try store.related(to: first.id)
            #expect(zip(related, related.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }
}
