import ArgumentParser
import ConceptGraph
import Foundation

extension ConceptGraphCommand {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read papers from files, directories or standard input into the store.",
            discussion: """
                Formats are recognised from content. Directories are walked recursively; `-` reads standard input. The same paper from several files becomes one paper (matched by arXiv id, DOI, then title). Files already ingested and unchanged are skipped.

                Each file is one transaction: a file that fails leaves nothing behind. Bad records are skipped with a warning naming the file and line. Exit status 1 when a named file could not be read or held no paper.
                """
        )

        @OptionGroup var store: StoreOptions

        @Flag(name: .long, help: "Re-read files even if they are unchanged since the last ingest.")
        var force = false

        @Flag(name: .long, help: "If another command is writing to the store, wait for it to finish instead of stopping.")
        var wait = false

        @Flag(name: [.short, .long], help: "Print only errors: no progress line (shown on a terminal), no warnings.")
        var quiet = false

        @Argument(help: ArgumentHelp("Files, directories, or - for standard input.", valueName: "path"))
        var paths: [String]

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Please name at least one file or directory to ingest.") }
        }

        func run() throws {
            try reportingErrors {
                let (db, lock) = try store.openForWriting(wait: wait)
                defer { lock.release() }
                let ingestor = Ingestor(store: db)
                let json = store.json
                let quiet = self.quiet
                let progress = TerminalProgress.make(quiet: quiet || json)
                ingestor.progress = progress
                let say = { (text: String) in if let progress { progress.note(text) } else { printError(text) } }
                ingestor.onFile = { file in
                    if json { return }
                    for d in file.diagnostics where !quiet { say(d.description) }
                    if let error = file.error { say("error: \(error)") }
                    if quiet { return }
                    switch file.status {
                    case .ingested:
                        say("\(file.path): \(file.format ?? "?"): \(file.records) records, \(file.created) new, \(file.merged) merged\(file.skipped > 0 ? ", \(file.skipped) skipped" : "")")
                    case .unchanged:
                        say("\(file.path): unchanged since the last ingest (use --force to re-read)")
                    case .empty, .failed, .unsupported:
                        break
                    }
                }
                let report = try ingestor.ingest(paths, force: force)
                if json {
                    try printJSON(report)
                } else if !quiet {
                    let failed = report.failed.count
                    let unchanged = report.files.filter { $0.status == .unchanged }.count
                    var parts = ["\(report.records) records", "\(report.created) new papers", "\(report.merged) merged", "\(report.skipped) skipped"]
                    if unchanged > 0 { parts.append("\(unchanged) file(s) unchanged") }
                    if failed > 0 { parts.append("\(failed) file(s) failed") }
                    print("Read \(report.files.count) file(s): \(parts.joined(separator: ", ")). The store holds \(report.papers) papers. (\(String(format: "%.2f", report.seconds)) s)")
                }
                if !report.failed.isEmpty { throw ExitCode.failure }
            }
        }
    }
}
