import Foundation
import Testing
@testable import ConceptGraph

/// graphs/ holds what scripts/graphs.sh makes from fixtures/; regenerating must give the same
/// bytes, or the committed files are stale.
struct GraphsFolderTests {
    static let exports = ["seed.dot", "seed.graphml", "seed.json"]
    /// Drawn by Graphviz: compared only with the Graphviz version that drew the committed ones.
    static let drawn = ["clusters.svg", "icl-gd.svg", "report.html"]
    static let howToRegenerate = "run `make graphs` (or `bash scripts/graphs.sh .build/debug/conceptgraph graphs`) and commit graphs/"

    /// The command-line tool built beside the test bundle (`swift test` builds every product).
    static var binary: String? {
        var folders = [Bundle.main.bundleURL.deletingLastPathComponent(),
                       URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        folders.append(TestPaths.packageRoot.appendingPathComponent(".build/debug"))
        return folders.lazy.map { $0.appendingPathComponent("conceptgraph").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// "2.43.0 (0)" from Graphviz's SVG comment or from `dot -V`.
    static func graphvizVersion(in text: String) -> String? {
        guard let range = text.range(of: "graphviz version ") else { return nil }
        return String(text[range.upperBound...].prefix { $0 != "\n" && $0 != "-" }).trimmingCharacters(in: .whitespaces)
    }

    @Test func graphsFolderMatchesWhatTheCodeMakes() throws {
        let binary = try #require(Self.binary, "no conceptgraph binary beside the tests; build it with `swift build` first")
        let committed = TestPaths.packageRoot.appendingPathComponent("graphs")
        let scratch = Scratch()
        let out = scratch.url.appendingPathComponent("graphs")
        let script = TestPaths.packageRoot.appendingPathComponent("scripts/graphs.sh").path
        let result = try ExternalTools.run("bash", [script, binary, out.path])
        try #require(result.status == 0, "scripts/graphs.sh failed:\n\(result.stderr)")

        var compare = Self.exports
        let installed = ExternalTools.hasDot ? Self.graphvizVersion(in: try ExternalTools.run("dot", ["-V"]).stderr) : nil
        let recorded = (try? String(contentsOf: committed.appendingPathComponent("clusters.svg"), encoding: .utf8)).flatMap(Self.graphvizVersion)
        if installed == nil {
            print("note: Graphviz is not installed; \(Self.drawn.joined(separator: ", ")) are not compared")
        } else if installed != recorded {
            print("note: graphs/ was drawn by Graphviz \(recorded ?? "?"), this machine has \(installed ?? "?"); "
                  + "\(Self.drawn.joined(separator: ", ")) are not compared")
        } else {
            compare += Self.drawn
        }
        for name in compare {
            let fresh = try Data(contentsOf: out.appendingPathComponent(name))
            let old = try? Data(contentsOf: committed.appendingPathComponent(name))
            #expect(old != nil, "graphs/\(name) is missing: \(Self.howToRegenerate)")
            let same = old == fresh
            #expect(same, "graphs/\(name) differs from what the code makes now (\(old?.count ?? 0) → \(fresh.count) bytes): \(Self.howToRegenerate)")
        }
    }
}
