import ArgumentParser
import ConceptGraph
import Foundation

extension ConceptGraphCommand {
    struct Papers: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the papers in the store, or search their titles and abstracts.",
            discussion: "Search uses the full-text index (stemmed words, all required, ranked by bm25; title words weigh more)."
        )

        @OptionGroup var store: StoreOptions

        @Option(name: [.short, .long], help: "Full-text query over titles and abstracts.")
        var search: String?

        @Option(name: [.short, .long], help: "Show at most this many papers.")
        var limit: Int?

        func validate() throws {
            if let limit, limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() throws {
            try reportingErrors {
                let db = try store.openExisting()
                let papers = try db.papers(search: search, limit: limit)
                if store.json { try printJSON(papers); return }
                if papers.isEmpty {
                    print(search == nil ? "The store holds no papers." : "No paper matches \"\(search!)\".")
                    return
                }
                let width = String(papers.map(\.id).max() ?? 0).count
                for p in papers {
                    let id = String(p.id).leftPadded(to: width)
                    let year = p.year.map { " (\($0))" } ?? ""
                    print("\(id)  \(p.title)\(year)")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one paper: metadata, authors, identifiers, every source occurrence and the abstract.",
            discussion: "<paper> is a store id, an arXiv id, a DOI, an exact title, or a unique part of a title."
        )

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("The paper.", valueName: "paper"))
        var paper: String

        func run() throws {
            try reportingErrors {
                let db = try store.openExisting()
                let details = try db.paperDetails(try db.resolvePaper(paper))
                if store.json { try printJSON(details); return }
                let p = details.paper
                print("#\(p.id)  \(p.title ?? "[untitled] \(p.label)")")
                if !p.authors.isEmpty { print("Authors:    \(p.authors.joined(separator: ", "))") }
                var facts: [String] = []
                if let y = p.year { facts.append("Year: \(y)") }
                if let a = p.arxivID { facts.append("arXiv: \(a)") }
                if let d = p.doi { facts.append("DOI: \(d)") }
                if !facts.isEmpty { print(facts.joined(separator: "   ")) }
                if let v = p.venue { print("Venue:      \(v)") }
                if !p.categories.isEmpty { print("Categories: \(p.categories.joined(separator: " "))") }
                print("Sources (\(details.sources.count)):")
                for s in details.sources { print("  \(s.file): \(s.locator) [\(s.format)]") }
                if let abstract = p.abstract {
                    print("Abstract:")
                    print(abstract.wrapped(width: 96, indent: "  "))
                }
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count what the store holds.")

        @OptionGroup var store: StoreOptions

        func run() throws {
            try reportingErrors {
                let s = try store.openExisting().statistics()
                if store.json { try printJSON(s); return }
                print("Papers:            \(s.papers) (\(s.titled) titled, \(s.untitled) untitled; \(s.withAbstract) with abstract, \(s.withAuthors) with authors)")
                print("Source occurrences: \(s.sources) from \(s.files) file(s); \(s.papersInSeveralSources) papers found in more than one")
                print("Distinct authors:  \(s.authors)")
                if let a = s.firstYear, let b = s.lastYear { print("Years:             \(a)–\(b)") }
                print("By format:         " + s.sourcesByFormat.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                print("Identifiers:       " + s.identifiersByScheme.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }

    /// Word-wraps to `width` columns with `indent` before every line.
    func wrapped(width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += line.isEmpty ? String(word) : " " + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}
