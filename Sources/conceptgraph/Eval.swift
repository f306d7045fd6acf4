import ArgumentParser
import ConceptGraph
import Foundation

extension ConceptGraphCommand {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure quality on annotated data.",
            subcommands: [ExtractQuality.self, ExtractSpeed.self, CitationQuality.self, QuerySpeed.self]
        )
    }

    struct ExtractQuality: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extract",
            abstract: "Score the extractor on SciREX abstracts and on the Heddes et al. data-set sentences.",
            discussion: "Defaults look for the files in ../shared/eval (or $CONCEPTGRAPH_SHARED/eval)."
        )

        @Option(help: ArgumentHelp("SciREX abstracts-dev.jsonl.", valueName: "path"))
        var scirex: String?

        @Option(help: ArgumentHelp("Heddes Train_set_sentences.csv.", valueName: "path"))
        var heddes: String?

        @Flag(name: .long, help: "Print JSON instead of a table.")
        var json = false

        func run() throws {
            try reportingErrors {
                let shared = ProcessInfo.processInfo.environment["CONCEPTGRAPH_SHARED"] ?? "../shared"
                let scirexPath = scirex ?? "\(shared)/eval/scirex/abstracts-dev.jsonl"
                let heddesPath = heddes ?? "\(shared)/eval/heddes/Train_set_sentences.csv"
                var evaluation = ExtractionEvaluation()
                let extractor = Extractor()
                let fm = FileManager.default
                guard fm.fileExists(atPath: scirexPath) || fm.fileExists(atPath: heddesPath) else {
                    throw ConceptGraphError.invalidArgument("no evaluation data at \(scirexPath) or \(heddesPath); pass --scirex and --heddes")
                }
                if fm.fileExists(atPath: scirexPath) { try evaluation.scoreSciREX(path: scirexPath, extractor: extractor) }
                if fm.fileExists(atPath: heddesPath) { try evaluation.scoreHeddes(path: heddesPath, extractor: extractor) }
                if json { try printJSON(evaluation) } else { print(evaluation.table) }
            }
        }
    }

    struct ExtractSpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "speed",
            abstract: "Measure extraction speed (abstracts per second, one thread) on real abstracts.",
            discussion: "Reads the files first, then times extraction alone. Build with -c release for meaningful figures."
        )

        @Argument(help: ArgumentHelp("Files or directories of abstracts.", valueName: "path"))
        var paths: [String]

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        @Option(help: "Extract the corpus this many times (for profiling).")
        var repeats: Int = 1

        func run() throws {
            try reportingErrors {
                let result = try ExtractionBenchmark.run(paths: paths, repeats: repeats)
                if json { try printJSON(result); return }
                print(String(format: "%d abstracts (%.1f MB of text), %d mentions, %.2f s: %.0f abstracts/s on one thread",
                             result.abstracts, Double(result.characters) / 1e6, result.mentions, result.seconds, result.abstractsPerSecond))
            }
        }
    }

    struct CitationQuality: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "citations",
            abstract: "Score citation resolution on ACL Anthology citing sentences.",
            discussion: "Ingests the papers into a temporary store, resolves the callouts of every citing sentence and compares with the cited paper. Defaults look in ../shared/eval/acl-aan."
        )

        @Option(help: ArgumentHelp("papers.jsonl", valueName: "path")) var papers: String?
        @Option(help: ArgumentHelp("citances-dev.jsonl", valueName: "path")) var citances: String?
        @Flag(name: .long, help: "Print JSON instead of a table.") var json = false

        func run() throws {
            try reportingErrors {
                let shared = ProcessInfo.processInfo.environment["CONCEPTGRAPH_SHARED"] ?? "../shared"
                let p = papers ?? "\(shared)/eval/acl-aan/papers.jsonl"
                let c = citances ?? "\(shared)/eval/acl-aan/citances-dev.jsonl"
                for path in [p, c] where !FileManager.default.fileExists(atPath: path) {
                    throw ConceptGraphError.invalidArgument("no file at \(path); pass --papers and --citances")
                }
                let scratch = NSTemporaryDirectory() + "conceptgraph-eval-\(getpid()).sqlite"
                let result = try CitationEvaluation.run(papers: p, citances: c, scratch: scratch)
                if json { try printJSON(result) } else { print(result.table) }
            }
        }
    }

    struct QuerySpeed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queries",
            abstract: "Measure query latency (p50/p99) on a built store.",
            discussion: "Times related, concept, show, cites, cited-by, search, clusters, cluster and path in-process over a deterministic sample. Build with -c release for meaningful figures."
        )
        @OptionGroup var store: StoreOptions
        @Option(help: "Papers and concepts sampled per query.") var samples: Int = 200

        func run() throws {
            try reportingErrors {
                let result = try QueryBenchmark.run(store: try store.openExisting(), samples: samples)
                if store.json { try printJSON(result) } else { print(result.table) }
            }
        }
    }
}
