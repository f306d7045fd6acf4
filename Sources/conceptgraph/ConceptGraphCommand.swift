import ArgumentParser
import ConceptGraph
import Foundation

@main
struct ConceptGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conceptgraph",
        abstract: "Turn a pile of scientific abstracts into a concept graph with citation links.",
        discussion: """
            Reads arXiv listings, arXiv API Atom feeds, OAI XML dumps, JSON-lines metadata (Kaggle arXiv snapshot, S2ORC, ACL Anthology), BibTeX/BibLaTeX exports and arXiv .abs files into one SQLite store (default ./conceptgraph.sqlite), merging duplicates.

            Start with:  conceptgraph build fixtures && conceptgraph clusters
            """,
        version: "0.1.0",
        subcommands: [Build.self, Ingest.self, Extract.self, Papers.self, Search.self, Show.self, Related.self, Concept.self,
                      Clusters.self, Cluster.self, Cites.self, CitedBy.self, Path.self, Resolve.self, Stats.self, Eval.self,
                      Export.self, Render.self, Report.self]
    )
}

/// Options every command that reads the store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file.", valueName: "path"))
    var db: String = "conceptgraph.sqlite"

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    func open() throws -> Store {
        try Store(path: db)
    }

    /// Opens the store for a command that writes, holding the store's write lock until the lock
    /// is released: another writer refuses to start (or waits, with `wait`) meanwhile.
    func openForWriting(wait: Bool) throws -> (Store, WriteLock) {
        let lock = try WriteLock(store: db, wait: wait) { pid in
            printError("waiting for another conceptgraph build (pid \(pid.map(String.init) ?? "unknown")) to finish writing to \(db)…")
        }
        return (try Store(path: db), lock)
    }

    /// Commands that only read should not create an empty store by accident.
    func openExisting() throws -> Store {
        guard FileManager.default.fileExists(atPath: db) else {
            throw ConceptGraphError.invalidArgument("no store at \(db); create it with `conceptgraph ingest <files…> --db \(db)`")
        }
        return try Store(path: db)
    }
}

/// Runs a command body and turns conceptgraph errors into a one-line message and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ConceptGraphError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

func printJSON<T: Encodable>(_ value: T) throws {
    print(try JSONOutput.encode(value))
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
