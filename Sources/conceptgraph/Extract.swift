import ArgumentParser
import ConceptGraph
import Foundation

extension ConceptGraphCommand {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print what the extractor finds in files, without touching a store.",
            discussion: "Methods, data sets, tasks, metrics and concepts with their evidence, abbreviation definitions, and claims with their numbers. Files are read like `ingest` reads them; `-` reads standard input."
        )

        @Flag(name: .long, help: "Print JSON instead of text.")
        var json = false

        @Option(name: .long, help: "Show only these kinds (method, dataset, task, metric, concept), comma-separated.")
        var kinds: String?

        @Argument(help: ArgumentHelp("Files, directories, or - for standard input.", valueName: "path"))
        var paths: [String]

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Please name at least one file to extract from.") }
            if let kinds {
                for k in kinds.split(separator: ",") where MentionKind(rawValue: String(k)) == nil {
                    throw ValidationError("Unknown kind \"\(k)\"; use method, dataset, task, metric or concept.")
                }
            }
        }

        func run() throws {
            try reportingErrors {
                let wanted = Set((kinds ?? "method,dataset,task,metric,concept").split(separator: ",").compactMap { MentionKind(rawValue: String($0)) })
                let (papers, diagnostics) = try Extractor().extract(paths: paths)
                for d in diagnostics { printError(d.description) }
                if json {
                    try printJSON(papers)
                    return
                }
                for paper in papers {
                    print("== \(paper.label)  [\(paper.source)]")
                    for kind in MentionKind.allCases where wanted.contains(kind) {
                        var seen: [String: (surface: String, count: Int, evidence: String, introduced: Bool)] = [:]
                        var order: [String] = []
                        for m in paper.extraction.mentions where m.kind == kind {
                            if seen[m.key] == nil { order.append(m.key); seen[m.key] = (m.surface, 0, m.evidence.rawValue, false) }
                            seen[m.key]!.count += 1
                            if m.introduced { seen[m.key]!.introduced = true }
                        }
                        guard !order.isEmpty else { continue }
                        let items = order.map { key -> String in
                            let v = seen[key]!
                            return "\(v.surface)\(v.introduced ? " (introduced)" : "")"
                        }
                        print("  \(kind.rawValue): \(items.joined(separator: "; "))")
                    }
                    for a in paper.extraction.abbreviations { print("  abbreviation: \(a.short) = \(a.long)") }
                    for c in paper.extraction.claims {
                        let short = c.text.count > 140 ? String(c.text.prefix(140)) + "…" : c.text
                        print("  claim [\(c.facts.joined(separator: "; "))]: \(short)")
                    }
                }
            }
        }
    }
}
