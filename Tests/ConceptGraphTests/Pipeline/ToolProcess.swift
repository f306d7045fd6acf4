import Foundation
import GRDB
@testable import ConceptGraph

/// The `conceptgraph` executable that `swift test` builds next to the test bundle, run as a child
/// process: for the tests that kill a build or run two at once.
enum Tool {
    static let path: String? = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("conceptgraph").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("conceptgraph").path,
            TestPaths.packageRoot.appendingPathComponent(".build/debug/conceptgraph").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool {
        if path == nil { print("note: the conceptgraph executable was not found next to the tests (run `swift build`); process tests are skipped") }
        return path != nil
    }

    /// A started child: its process, and files holding what it printed.
    final class Child: @unchecked Sendable {
        let process = Process()
        let output: URL
        let errors: URL

        init(_ arguments: [String], in directory: URL) throws {
            let name = UUID().uuidString
            output = directory.appendingPathComponent("\(name).out")
            errors = directory.appendingPathComponent("\(name).err")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: Tool.path ?? "/nonexistent/conceptgraph")
            process.arguments = arguments
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardError = try FileHandle(forWritingTo: errors)
            try process.run()
        }

        var pid: Int32 { process.processIdentifier }

        /// Kills the child with SIGKILL (no cleanup of any kind) and waits for it.
        func kill() {
            if process.isRunning { _ = Foundation.kill(pid, SIGKILL) }
            process.waitUntilExit()
        }

        /// Waits for the child to exit and returns its status and what it printed.
        func finish() -> (status: Int32, stdout: String, stderr: String) {
            process.waitUntilExit()
            return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "",
                    (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
        }
    }

    /// Runs the tool to completion.
    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        try Child(arguments, in: directory).finish()
    }
}

/// A generated corpus big enough for a build to take a few seconds in a debug build: JSON-lines
/// files of short records built from lexicon terms, some repeated across files (merges) and some
/// citing earlier records by author and year (citations).
enum SyntheticCorpus {
    static let terms: [String] = {
        let lexicon = (try? String(contentsOf: TestPaths.packageRoot.appendingPathComponent("Sources/ConceptGraph/Resources/lexicon.txt"),
                                   encoding: .utf8)) ?? ""
        let names = lexicon.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, ["method", "dataset", "task"].contains(fields[0]) else { return nil }
            return String(fields[1])
        }
        return Array(names.prefix(400))
    }()

    /// Writes `files` files of `records` records each into `directory`; returns their paths, sorted.
    @discardableResult
    static func write(into directory: URL, files: Int, records: Int, seed: UInt64) throws -> [String] {
        precondition(terms.count >= 10, "the lexicon was not found")
        var rng = SplitMix64(seed: seed)
        func pick() -> String { terms[Int(rng.next() % UInt64(terms.count))] }
        var written: [(id: Int, title: String, surname: String, year: Int)] = []
        var paths: [String] = []
        for f in 0..<files {
            var lines: [String] = []
            for r in 0..<records {
                let n = f * records + r + 1
                let (a, b, c) = (pick(), pick(), pick())
                let surname = "Author\(rng.next() % 500)"
                let year = 1995 + Int(rng.next() % 30)
                var abstract = "We apply \(a) and \(b) to \(c). Our \(a) improves accuracy by \(rng.next() % 9 + 1).\(rng.next() % 10)% on \(b)."
                if let cited = written.isEmpty ? nil : written[Int(rng.next() % UInt64(written.count))], rng.next() % 3 == 0 {
                    abstract += " It extends the analysis of \(cited.surname) et al. (\(cited.year))."
                }
                let title = "Study \(n) of \(a) with \(b)"
                lines.append(jsonLine(["id": "synthetic-\(n)", "title": title, "abstract": abstract,
                                       "authors": ["\(surname) A.", "Coauthor\(rng.next() % 50) B."], "year": year]))
                written.append((n, title, surname, year))
            }
            // A record of an earlier file again, with a richer author list: a merge.
            if f > 0 {
                let again = written[Int(rng.next() % UInt64(written.count - records))]
                lines.append(jsonLine(["id": "synthetic-\(again.id)", "title": again.title,
                                       "authors": ["\(again.surname) Ann", "Other Person", "Third Person"], "year": again.year]))
            }
            let path = directory.appendingPathComponent(String(format: "part-%03d.jsonl", f)).path
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        return paths.sorted()
    }

    static func jsonLine(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// The whole content of a store as text, in a canonical order and without the ids that depend
/// on history (concept and reference ids count every rebuild): two stores built from the same
/// input give byte-identical dumps.
enum StoreDump {
    static let queries: [(String, String)] = [
        ("paper", "SELECT id, title, label, abstract, year, arxivID, doi, venue, categories, richness FROM paper ORDER BY id"),
        ("author", "SELECT paperID, position, name FROM author ORDER BY paperID, position"),
        ("identifier", "SELECT scheme, value, paperID FROM identifier ORDER BY scheme, value"),
        ("inputFile", "SELECT path, format, size, digest, records, skipped FROM inputFile ORDER BY path"),
        ("source", "SELECT file, locator, line, format, paperID FROM source ORDER BY file, locator"),
        ("concept", "SELECT key, kind, name, papers, weight, introducers, introducedBy FROM concept ORDER BY key"),
        ("mention", """
            SELECT m.paperID, c.key, m.kind, m.surface, m.field, m.sentence, m.start, m.end, m.evidence, m.introduced
            FROM mention m JOIN concept c ON c.id = m.conceptID ORDER BY m.paperID, m.field, m.sentence, m.start, m.end, c.key
            """),
        ("conceptPaper", """
            SELECT c.key, p.paperID, p.mentions, p.inTitle, p.introduced, p.rank
            FROM conceptPaper p JOIN concept c ON c.id = p.conceptID ORDER BY c.key, p.paperID
            """),
        ("claim", "SELECT paperID, sentence, kind, text, hedged, negated, quantities, baseline, metric, dataset FROM claim ORDER BY paperID, sentence, kind, text"),
        ("abbreviation", "SELECT paperID, short, long FROM abbreviation ORDER BY paperID, short, long"),
        ("similarity", "SELECT a, b, score, reasons FROM similarity ORDER BY a, b"),
        ("citation", """
            SELECT c.citing, c.cited, r.key, c.kind, c.confidence, c.callout, c.evidence, c.alternatives
            FROM citation c LEFT JOIN reference r ON r.id = c.referenceID
            ORDER BY c.citing, c.cited, r.key, c.kind, c.callout, c.evidence
            """),
        ("surname", "SELECT key, paperID, position FROM surname ORDER BY key, paperID, position"),
        ("cluster", "SELECT id, label, terms, size FROM cluster ORDER BY id"),
        ("membership", "SELECT paperID, clusterID FROM membership ORDER BY paperID"),
        ("graphInfo", "SELECT name, value FROM graphInfo ORDER BY name"),
        ("staleStage", "SELECT stage FROM staleStage ORDER BY stage"),
        ("full text", "SELECT rowid FROM paperFTS WHERE paperFTS MATCH 'accuracy' ORDER BY rowid"),
    ]

    static func canonical(_ store: Store) throws -> String {
        try store.read { db in
            var out = ""
            for (name, sql) in queries {
                out += "## \(name)\n"
                for row in try Row.fetchAll(db, sql: sql) { out += row.description + "\n" }
            }
            return out
        }
    }

    /// The first line where two dumps differ, for a readable failure.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let (x, y) = (a.split(separator: "\n", omittingEmptySubsequences: false), b.split(separator: "\n", omittingEmptySubsequences: false))
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
            return "line \(i + 1):\n  \(i < x.count ? String(x[i].prefix(300)) : "(end)")\n  \(i < y.count ? String(y[i].prefix(300)) : "(end)")"
        }
        return "none"
    }
}
