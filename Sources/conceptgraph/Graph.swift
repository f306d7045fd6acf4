import ArgumentParser
import ConceptGraph
import Foundation

extension ConceptGraphCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the whole job: ingest → extract → link → cluster, and print a summary.",
            discussion: "Ingests the inputs like `ingest` (unchanged files are skipped), then recomputes concept weights, \"shares concepts\" edges, citation links and clusters over the whole store, so building again after adding files updates everything consistently."
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "Leiden resolution: higher gives more, smaller clusters.")
        var resolution: Double = 1.0

        @Option(help: "Random seed of the clustering (same seed and input, same clusters).")
        var seed: UInt64 = 42

        @Option(help: "Neighbours kept per paper for \"shares concepts\" edges.")
        var neighbours: Int = 10

        @Option(name: .customLong("min-similarity"), help: "Weakest \"shares concepts\" edge kept (cosine of weighted concept vectors).")
        var minimumSimilarity: Double = SimilarityLinker.defaultThreshold

        @Flag(name: .long, help: "Re-read files even if they are unchanged.")
        var force = false

        @Flag(name: .long, help: "If another command is writing to the store, wait for it to finish instead of stopping.")
        var wait = false

        @Flag(name: [.short, .long], help: "Print only errors: no progress line (shown on a terminal), no warnings.")
        var quiet = false

        @Argument(help: ArgumentHelp("Files, directories, or - for standard input. None: rebuild the graph of what the store holds.", valueName: "path"))
        var paths: [String] = []

        func validate() throws {
            if resolution <= 0 { throw ValidationError("--resolution must be positive.") }
            if neighbours < 1 { throw ValidationError("--neighbours must be at least 1.") }
        }

        func run() throws {
            try reportingErrors {
                let (db, lock) = try store.openForWriting(wait: wait)
                defer { lock.release() }
                var builder = Builder(store: db)
                builder.resolution = resolution
                builder.seed = seed
                builder.neighbours = neighbours
                builder.minimumSimilarity = minimumSimilarity
                let quiet = self.quiet || store.json
                let progress = TerminalProgress.make(quiet: quiet)
                builder.progress = progress
                builder.onFile = { file in
                    let say = { (text: String) in if let progress { progress.note(text) } else { printError(text) } }
                    for d in file.diagnostics where !quiet { say(d.description) }
                    if let error = file.error { say("error: \(error)") }
                }
                let report = try builder.build(paths, force: force)
                if store.json { try printJSON(report) }
                else if !self.quiet {
                    let r = report.ingest
                    print("Papers:     \(r.papers) (\(r.files.count) file(s) read: \(r.records) records, \(r.created) new, \(r.merged) merged, \(r.skipped) skipped)")
                    if let concepts = r.concepts, let mentions = r.mentions, let claims = r.claims {
                        print("Concepts:   \(concepts) (\(mentions) mentions); \(claims) claims")
                    }
                    if let l = report.link {
                        print("Links:      \(l.similarityEdges) \"shares concepts\" edges; \(l.citations) citations (\(l.citationsToCorpus) to corpus papers, \(l.externalReferences) outside works)")
                    }
                    if let c = report.clusters {
                        print("Clusters:   \(c.clusters) (\(c.clustered) papers clustered, \(c.unclustered) unclustered); modularity \(String(format: "%.4f", c.modularity)) at resolution \(c.resolution)")
                    }
                    let order = ["ingest", "index", "extract", "store", "load", "link", "cluster"]
                    print("Time:       " + order.compactMap { k in report.seconds[k].map { "\(k) \(String(format: "%.2f", $0)) s" } }.joined(separator: ", "))
                }
                if !report.ingest.failed.isEmpty { throw ExitCode.failure }
            }
        }
    }

    struct Related: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Papers related to a paper, strongest first, with the reasons (shared concepts, citations).")
        @OptionGroup var store: StoreOptions
        @Option(name: [.short, .long], help: "Show at most this many papers.") var limit: Int = 10
        @Argument(help: ArgumentHelp("The paper: id, arXiv id, DOI, title or a unique part of it.", valueName: "paper")) var paper: String

        func run() throws {
            try reportingErrors {
                let db = try store.openExisting()
                let id = try db.resolvePaper(paper)
                let related = try db.related(to: id, limit: limit)
                if store.json { try printJSON(related); return }
                let title = try db.paperDetails(id).paper.label
                print("Related to #\(id) \(title):")
                if related.isEmpty { print("  nothing: the paper shares no specific concept and no citation with another") }
                for (i, r) in related.enumerated() {
                    print("\(String(i + 1).leftPadded(to: 3)). #\(r.id)  \(r.title)  [\(String(format: "%.3f", r.score))]")
                    for reason in r.reasons { print("       \(reason.text)".wrappedHanging(width: 110, indent: "         ")) }
                }
            }
        }
    }

    struct Concept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Who works on a concept: the papers that mention it, strongest first, and the concepts that co-occur with it.")
        @OptionGroup var store: StoreOptions
        @Option(name: [.short, .long], help: "Show at most this many papers.") var limit: Int = 20
        @Argument(help: ArgumentHelp("A concept, method, data set, task or metric.", valueName: "term")) var term: String

        func run() throws {
            try reportingErrors {
                let report = try store.openExisting().conceptReport(term, papers: limit)
                if store.json { try printJSON(report); return }
                print("\(report.name) [\(report.kind)]: in \(report.papers) paper(s), specificity \(report.weight)")
                if let p = report.introducedBy { print("Introduced by #\(p.id) \(p.title)") }
                print("Papers:")
                for u in report.mentionedIn {
                    var notes = ["\(u.mentions)×"]
                    if u.inTitle { notes.append("in title") }
                    if u.introduced { notes.append("introduces it") }
                    print("  #\(u.id)  \(u.title)  (\(notes.joined(separator: ", ")))")
                }
                if !report.cooccurring.isEmpty {
                    print("Co-occurs with: " + report.cooccurring.map { "\($0.name) (\($0.papers))" }.joined(separator: "; "))
                }
            }
        }
    }

    struct Clusters: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The clusters of the paper graph with their labels and sizes.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "List every paper of every cluster.") var papers = false

        func run() throws {
            try reportingErrors {
                let db = try store.openExisting()
                if store.json { try printJSON(try db.clusters()); return }
                let clusters = try db.clusters(papersPerCluster: papers ? nil : 3)
                let info = try db.graphInfo()
                if clusters.isEmpty { print("No clusters yet: run `conceptgraph build`."); return }
                print("\(clusters.count) clusters; modularity \(info["modularity"] ?? "?") at resolution \(info["resolution"] ?? "?")")
                for c in clusters {
                    print("\(String(c.id).leftPadded(to: 3))  \(c.label)  (\(c.size) papers)")
                    let shown = papers ? c.papers : Array(c.papers.prefix(3))
                    for p in shown { print("       #\(p.id) \(p.title)") }
                    if !papers && c.size > 3 { print("       … \(c.size - 3) more (conceptgraph cluster \(c.id))") }
                }
            }
        }
    }

    struct Cluster: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One cluster, by id or by words of its label, with its papers.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("Cluster id or label words.", valueName: "cluster")) var query: String

        func run() throws {
            try reportingErrors {
                let c = try store.openExisting().cluster(query)
                if store.json { try printJSON(c); return }
                print("Cluster \(c.id): \(c.label) (\(c.size) papers)")
                for p in c.papers { print("  #\(p.id) \(p.title)") }
            }
        }
    }

    struct Cites: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What a paper cites: corpus papers and outside works, with the evidence.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The paper.", valueName: "paper")) var paper: String

        func run() throws {
            try printCitations(of: paper, outgoing: true, store: store, empty: "No citations found in this paper's text.")
        }
    }

    struct CitedBy: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cited-by", abstract: "Which corpus papers cite a paper, with the evidence.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The paper.", valueName: "paper")) var paper: String

        func run() throws {
            try printCitations(of: paper, outgoing: false, store: store, empty: "No corpus paper cites it.")
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "How two papers connect: the shortest chain of links, each step explained.")
        @OptionGroup var store: StoreOptions
        @Argument(help: ArgumentHelp("The first paper.", valueName: "from")) var from: String
        @Argument(help: ArgumentHelp("The second paper.", valueName: "to")) var to: String

        func run() throws {
            try reportingErrors {
                let db = try store.openExisting()
                let steps = try db.path(from: try db.resolvePaper(from), to: try db.resolvePaper(to))
                if store.json { try printJSON(steps); return }
                guard let steps else { print("Not connected within 8 steps."); return }
                if steps.isEmpty { print("Same paper."); return }
                for (i, s) in steps.enumerated() {
                    if i == 0 { print("#\(s.from.id) \(s.from.title)") }
                    for r in s.reasons { print("   ↓ \(r.text)".wrappedHanging(width: 110, indent: "     ")) }
                    print("#\(s.to.id) \(s.to.title)")
                }
            }
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Full-text search over titles and abstracts (FTS5, bm25 ranking).")
        @OptionGroup var store: StoreOptions
        @Option(name: [.short, .long], help: "Show at most this many papers.") var limit: Int = 20
        @Argument(help: ArgumentHelp("Words to search for.", valueName: "query")) var query: String

        func run() throws {
            try reportingErrors {
                let hits = try store.openExisting().papers(search: query, limit: limit)
                if store.json { try printJSON(hits); return }
                if hits.isEmpty { print("No paper matches \"\(query)\"."); return }
                for h in hits { print("\(String(h.id).leftPadded(to: 5))  \(h.title)\(h.year.map { " (\($0))" } ?? "")") }
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link the citation callouts of any text to corpus papers.",
            discussion: "Give the text as an argument, with --file, or on standard input (-). Finds \"(Smith et al., 2020)\", \"Smith and Jones (2001)\", arXiv ids and DOIs and resolves them by surname and year (±1)."
        )
        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Read the text from this file.", valueName: "path")) var file: String?
        @Argument(help: ArgumentHelp("The text, or - for standard input.", valueName: "text")) var text: String?

        func validate() throws {
            if text == nil && file == nil { throw ValidationError("Please give a text, --file PATH, or - to read standard input.") }
        }

        func run() throws {
            try reportingErrors {
                var input = text ?? ""
                if let file {
                    guard let content = try? String(contentsOfFile: file, encoding: .utf8) else {
                        throw ConceptGraphError.unreadableFile(path: file, reason: "not readable as UTF-8 text")
                    }
                    input = content
                } else if text == "-" {
                    input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                }
                let results = try store.openExisting().resolveCallouts(in: input)
                if store.json { try printJSON(results); return }
                if results.isEmpty { print("No citation callouts found."); return }
                for r in results {
                    if let p = r.paper {
                        print("\(r.callout) → #\(p.id) \(p.title)  [confidence \(String(format: "%.2f", r.confidence))]")
                        for a in r.alternatives { print("      or #\(a.id) \(a.title)") }
                    } else {
                        print("\(r.callout) → not in the corpus")
                    }
                }
            }
        }
    }
}

/// `cites` and `cited-by`: one paper's citations in one direction.
func printCitations(of paper: String, outgoing: Bool, store: StoreOptions, empty: String) throws {
    try reportingErrors {
        let db = try store.openExisting()
        try printCitations(try db.citations(of: try db.resolvePaper(paper), outgoing: outgoing), json: store.json, empty: empty)
    }
}

func printCitations(_ links: [CitationLink], json: Bool, empty: String) throws {
    if json { try printJSON(links); return }
    if links.isEmpty { print(empty); return }
    for l in links {
        let target = l.paper.map { "#\($0.id) \($0.title)" } ?? "\(l.reference ?? "?") (outside the corpus)"
        print("\(target)  [\(l.kind)\(l.callout.map { ": \($0)" } ?? ""), confidence \(String(format: "%.2f", l.confidence))]")
        print("    \(l.evidence)".wrappedHanging(width: 110, indent: "    "))
        for a in l.alternatives { print("    or #\(a.id) \(a.title)") }
    }
}
