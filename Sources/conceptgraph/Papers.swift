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
                let shortForms = Dictionary(details.abbreviations.map { (ConceptKey.make($0.long), $0.short) }, uniquingKeysWith: { a, _ in a })
                for (label, uses) in [("Methods", details.methods), ("Data sets", details.datasets), ("Tasks", details.tasks),
                                      ("Metrics", details.metrics), ("Concepts", details.concepts)] where !uses.isEmpty {
                    let items = uses.map { u -> String in
                        var s = u.surfaces[0]
                        if let sf = shortForms[u.key], sf != s { s += " (\(sf))" }
                        var notes: [String] = []
                        if u.introduced { notes.append("introduced") }
                        notes.append(u.evidence.joined(separator: "+"))
                        return "\(s) [\(notes.joined(separator: ", "))]"
                    }
                    print("\(label):".padding(toLength: 12, withPad: " ", startingAt: 0) + items.joined(separator: "; "))
                }
                if !details.claims.isEmpty {
                    print("Claims:")
                    for c in details.claims {
                        print("  [\(c.facts.joined(separator: "; "))] \(c.text)".wrappedHanging(width: 100, indent: "      "))
                    }
                }
                for (label, links) in [("Cites", details.cites), ("Cited by", details.citedBy)] where !links.isEmpty {
                    print("\(label):")
                    for l in links {
                        let target = l.paper.map { "#\($0.id) \($0.title)" } ?? "\(l.reference ?? "?") (outside the corpus)"
                        print("  \(target) [\(l.kind)\(l.callout.map { ": \($0)" } ?? "")]")
                    }
                }
                if let cluster = try db.clusterOf(p.id) { print("Cluster:    \(cluster.id) \(cluster.label)") }
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
    /// Wraps to `width` columns; lines after the first get `indent`.
    func wrappedHanging(width: Int, indent: String) -> String {
        var lines: [String] = []
        // Keep the first line's own indentation.
        var line = String(prefix(while: { $0 == " " }))
        for word in split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.allSatisfy { $0 == " " } || line == indent) ? String(word) : " " + word
        }
        if !line.isEmpty && line != indent { lines.append(line) }
        return lines.joined(separator: "\n")
    }

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
