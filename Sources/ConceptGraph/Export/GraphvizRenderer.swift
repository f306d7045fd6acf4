import Foundation

/// A Graphviz layout program.
public enum GraphvizEngine: String, Sendable, CaseIterable, Codable {
    /// Layered; draws cluster boxes. Good up to about 1,500 nodes.
    case dot
    /// Force-directed; draws cluster boxes, but with boxes Graphviz 2.43 places the nodes
    /// differently on every run.
    case fdp
    /// Stress majorization: the same picture every run, edge lengths respected; ignores cluster
    /// boxes. 2 s at 500 nodes, 5 s at 1,000, 27 s at 1,500.
    case neato
    /// Multiscale force-directed for large graphs; ignores cluster boxes.
    case sfdp

    /// Whether the program draws `subgraph cluster_*` boxes.
    public var drawsBoxes: Bool { self == .dot || self == .fdp }
}

/// An output format Graphviz writes.
public enum RenderFormat: String, Sendable, CaseIterable, Codable {
    case svg, png, pdf
}

/// Runs a Graphviz program on DOT text as a child process, with a time limit.
///
/// The DOT text goes through a temporary file and the picture is written by Graphviz itself
/// (`-o`) next to the destination, then renamed into place: no pipe can fill up and deadlock, and
/// a failed or stopped run never leaves a half-written picture behind.
public struct GraphvizRenderer: Sendable {
    /// Seconds the program may run before it is stopped.
    public var timeout: Double
    /// Directories searched for the program; `$PATH` by default.
    public var searchPath: [String]
    /// Run this program instead of the engine's (an unusual install; tests).
    public var executable: String?

    public init(timeout: Double = 120, searchPath: [String]? = nil, executable: String? = nil) {
        self.timeout = timeout
        self.searchPath = searchPath ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            .split(separator: ":").map(String.init)
        self.executable = executable
    }

    /// What Graphviz said while drawing (warnings), for the user to see.
    public struct Outcome: Sendable, Hashable {
        public var program: String
        public var bytes: Int
        public var seconds: Double
        public var warnings: [String]
    }

    /// Where the program of `engine` is, if installed.
    public func locate(_ engine: GraphvizEngine) -> String? {
        if let executable { return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil }
        for directory in searchPath where !directory.isEmpty {
            let candidate = (directory as NSString).appendingPathComponent(engine.rawValue)
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Draws `dot` with `engine` into `output` as `format`.
    @discardableResult
    public func render(_ dot: String, engine: GraphvizEngine, format: RenderFormat, to output: String) throws -> Outcome {
        guard let program = locate(engine) else {
            if let executable {
                throw ConceptGraphError.invalidArgument("cannot run \(executable): no such executable file")
            }
            throw ConceptGraphError.invalidArgument("Graphviz is not installed: apt-get install graphviz (no `\(engine.rawValue)` found on PATH)")
        }
        let fm = FileManager.default
        let destination = URL(fileURLWithPath: output)
        let directory = destination.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConceptGraphError.invalidArgument("cannot write \(output): the folder \(directory.path) does not exist")
        }
        let scratch = fm.temporaryDirectory.appendingPathComponent("conceptgraph-render-\(UUID().uuidString)")
        try fm.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("graph.dot")
        let errors = scratch.appendingPathComponent("stderr.txt")
        let partial = directory.appendingPathComponent(".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: partial) }
        do {
            try Data(dot.utf8).write(to: input)
        } catch {
            throw ConceptGraphError.unreadableFile(path: input.path, reason: "cannot write the DOT file: \(error.localizedDescription)")
        }
        guard fm.createFile(atPath: errors.path, contents: nil), let errorHandle = FileHandle(forWritingAtPath: errors.path) else {
            throw ConceptGraphError.unreadableFile(path: errors.path, reason: "cannot create a temporary file")
        }
        defer { try? errorHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-T\(format.rawValue)", "-o", partial.path, input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try process.run()
        } catch {
            throw ConceptGraphError.invalidArgument("cannot run \(program): \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            // SIGKILL, not SIGTERM: a child started from a dispatch or Swift concurrency thread
            // inherits that thread's signal mask, which blocks SIGTERM; Graphviz has nothing to
            // clean up anyway.
            kill(process.processIdentifier, SIGKILL)
            _ = finished.wait(timeout: .now() + 5)
            let faster = engine == .sfdp ? "" : "a faster engine (--engine sfdp), "
            throw ConceptGraphError.invalidArgument("""
                \(engine.rawValue) did not finish within \(Self.format(timeout)) s and was stopped; \
                try \(faster)a smaller graph (--graph clusters, --cluster ID, --min-weight W) or a longer --timeout
                """)
        }
        let elapsed = clock.now - start
        let messages = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let lines = messages.split(whereSeparator: \.isNewline).map(String.init)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let how = process.terminationReason == .exit ? "exit status \(process.terminationStatus)" : "signal \(process.terminationStatus)"
            let detail = lines.prefix(20).joined(separator: "\n")
            throw ConceptGraphError.invalidArgument("\(engine.rawValue) failed (\(how))\(detail.isEmpty ? "" : ":\n\(detail)")")
        }
        let size = ((try? fm.attributesOfItem(atPath: partial.path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size > 0 else {
            throw ConceptGraphError.invalidArgument("\(engine.rawValue) wrote nothing\(lines.isEmpty ? "" : ":\n" + lines.prefix(20).joined(separator: "\n"))")
        }
        do {
            if fm.fileExists(atPath: destination.path) { try fm.removeItem(at: destination) }
            try fm.moveItem(at: partial, to: destination)
        } catch {
            throw ConceptGraphError.invalidArgument("cannot write \(output): \(error.localizedDescription)")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Outcome(program: program, bytes: size, seconds: (seconds * 1000).rounded() / 1000, warnings: lines)
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
