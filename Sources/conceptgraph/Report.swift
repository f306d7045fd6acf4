import ArgumentParser
import ConceptGraph
import Foundation

extension ConceptGraphCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one self-contained HTML page about the store: a clickable map, the clusters and every paper.",
            discussion: """
                Per paper: title, authors and year when known, its arXiv or DOI link, methods, data sets, tasks, metrics, claims, related papers with the reasons, and citations both ways, each linking to the other paper on the page. The map is drawn by Graphviz as inline SVG; clicking a paper (or a cluster) jumps to it. Without Graphviz the page is written without the map.

                The page works offline: inline CSS, no script, no font or image to fetch. The same store always gives the same bytes.

                Large stores: at most --max-papers papers are described (taken in turns from each cluster, most linked first; the page says how many are left out), and above --map-limit papers the map shows the clusters instead of the papers.

                Examples:
                  conceptgraph report -o report.html
                  conceptgraph report --max-papers 500 -o overview.html
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: [.short, .long], help: ArgumentHelp("The page to write; - for standard output.", valueName: "file"))
        var output: String = "report.html"

        @Option(name: .customLong("max-papers"), help: ArgumentHelp("Describe at most this many papers.", valueName: "N"))
        var maximumPapers: Int = HTMLReport.Options().maximumPapers

        @Option(name: .customLong("map-limit"), help: ArgumentHelp("Draw papers one by one up to this many papers, the clusters beyond.", valueName: "N"))
        var mapLimit: Int = HTMLReport.Options().diagramPaperLimit

        @Option(name: .long, help: ArgumentHelp("Stop Graphviz after this many seconds (the page is then written without the map).", valueName: "seconds"))
        var timeout: Double = 120

        func validate() throws {
            if maximumPapers < 1 { throw ValidationError("--max-papers must be at least 1.") }
            if mapLimit < 0 { throw ValidationError("--map-limit must be 0 or more.") }
            if !(timeout > 0) || !timeout.isFinite { throw ValidationError("--timeout must be a positive number of seconds.") }
            if output.isEmpty { throw ValidationError("Please give a file to write with -o FILE (- for standard output).") }
        }

        func run() throws {
            try reportingErrors {
                var options = HTMLReport.Options(maximumPapers: maximumPapers, diagramPaperLimit: mapLimit)
                options.timeout = timeout
                let report = try store.openExisting().htmlReport(options)
                for note in report.notes { printError("note: \(note)") }
                if output == "-" {
                    FileHandle.standardOutput.write(Data(report.html.utf8))
                    return
                }
                do {
                    try Data(report.html.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw ConceptGraphError.invalidArgument("cannot write \(output): \(error.localizedDescription)")
                }
                let map = report.diagram.map { "a map of the \($0.rawValue)" } ?? "no map"
                printError("Wrote \(output): \(report.papersListed) of \(report.papers) papers, \(map), \(report.html.utf8.count) bytes")
            }
        }
    }
}
