import Foundation
@testable import ConceptGraph

/// The programs the export tests check output with (Graphviz, xmllint, python3 with networkx),
/// and whether each is here: tests that need a missing one are skipped with the reason.
enum ExternalTools {
    /// The full path of `name` on PATH, if any.
    static func path(of name: String) -> String? {
        GraphvizRenderer().searchPath.lazy
            .map { ($0 as NSString).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let hasDot = path(of: "dot") != nil
    static let hasFdp = path(of: "fdp") != nil
    static let hasXmllint = path(of: "xmllint") != nil
    static var graphMLSchema: String { TestPaths.sharedPath("corpora/graphml-xsd/graphml.xsd") }
    static var canValidateGraphML: Bool { hasXmllint && FileManager.default.fileExists(atPath: graphMLSchema) }
    static let hasNetworkX: Bool = {
        guard path(of: "python3") != nil else { return false }
        return (try? run("python3", ["-c", "import networkx"]))?.status == 0
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion, output through files so nothing can block on a full pipe.
    static func run(_ program: String, _ arguments: [String], input: String? = nil) throws -> Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cg-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inPath = dir.appendingPathComponent("in"), outPath = dir.appendingPathComponent("out"), errPath = dir.appendingPathComponent("err")
        try Data((input ?? "").utf8).write(to: inPath)
        _ = FileManager.default.createFile(atPath: outPath.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(of: program) ?? program)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inPath)
        process.standardOutput = try FileHandle(forWritingTo: outPath)
        process.standardError = try FileHandle(forWritingTo: errPath)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOf: outPath, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: errPath, encoding: .utf8)) ?? "")
    }

    /// Loads a GraphML file (`read_graphml`) or node-link JSON (`node_link_graph(…, edges="links")`)
    /// with networkx and returns what it sees.
    static func networkx(_ file: String, json: Bool) throws -> (nodes: Int, edges: Int, multigraph: Bool, directed: Bool, sample: [String: String]) {
        let script = """
            import json, sys, networkx as nx
            path = sys.argv[1]
            if sys.argv[2] == "json":
                G = nx.node_link_graph(json.load(open(path, encoding="utf-8")), edges="links")
            else:
                G = nx.read_graphml(path)
            first = min(G.nodes) if G.number_of_nodes() else None
            sample = {k: str(v) for k, v in (G.nodes[first].items() if first is not None else [])}
            sample.update({"type:" + k: type(v).__name__ for k, v in (G.nodes[first].items() if first is not None else [])})
            for u, v, d in G.edges(data=True):
                sample.update({"edge:" + k: type(val).__name__ for k, val in d.items()})
            print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "multigraph": G.is_multigraph(),
                              "directed": G.is_directed(), "sample": sample}))
            """
        let result = try run("python3", ["-c", script, file, json ? "json" : "graphml"])
        guard result.status == 0 else { throw ConceptGraphError.invalidArgument("networkx failed on \(file): \(result.stderr)") }
        struct Answer: Decodable { var nodes: Int; var edges: Int; var multigraph: Bool; var directed: Bool; var sample: [String: String] }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(result.stdout.utf8))
        return (answer.nodes, answer.edges, answer.multigraph, answer.directed, answer.sample)
    }
}
