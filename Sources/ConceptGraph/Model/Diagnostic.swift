/// A recoverable problem met while reading input: the record was skipped, the work went on.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case warning, error }
    public var severity: Severity
    public var provenance: Provenance
    public var message: String

    public init(_ severity: Severity, _ provenance: Provenance, _ message: String) {
        self.severity = severity
        self.provenance = provenance
        self.message = message
    }

    public var description: String { Self.printable("\(provenance): \(severity.rawValue): \(message)") }

    /// `text` with its control characters written out as `\u{1B}`, so that input quoted in a
    /// message can neither drive the terminal it is printed on nor forge a line of output.
    static func printable(_ text: String, keepingLineBreaks: Bool = false) -> String {
        func isControl(_ c: Unicode.Scalar) -> Bool {
            if keepingLineBreaks && (c == "\n" || c == "\t") { return false }
            return c.value < 0x20 || (0x7F..<0xA0).contains(c.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for c in text.unicodeScalars {
            if isControl(c) {
                out.append(contentsOf: "\\u{\(String(c.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }
}

/// Errors that stop the work on one input (a file that cannot be read at all) or a command.
public enum ConceptGraphError: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadableFile(path: String, reason: String)
    case unrecognizedFormat(path: String, hint: String)
    case malformedFile(path: String, location: String, reason: String)
    case recordTooLarge(path: String, location: String, limit: Int)
    case paperNotFound(query: String)
    case ambiguousPaper(query: String, candidates: [String])
    case invalidArgument(String)
    case database(String)
    /// Another process holds the store's write lock.
    case storeBusy(path: String, pid: Int32?)

    public var description: String { Diagnostic.printable(text, keepingLineBreaks: true) }

    private var text: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "\(path): cannot read the file: \(reason)"
        case let .unrecognizedFormat(path, hint):
            return "\(path): not a format conceptgraph reads (\(hint)). Supported: arXiv listing text, `Abstract:` records, arXiv Atom XML, OAI XML, JSON lines, BibTeX/BibLaTeX, arXiv .abs"
        case let .malformedFile(path, location, reason):
            return "\(path): \(location): \(reason)"
        case let .recordTooLarge(path, location, limit):
            return "\(path): \(location): record larger than \(limit / (1 << 20)) MiB; split the file or raise the limit"
        case let .paperNotFound(query):
            return "no paper matches \"\(query)\"; try `conceptgraph papers --search \"\(query)\"`"
        case let .ambiguousPaper(query, candidates):
            let list = candidates.prefix(10).map { "  \($0)" }.joined(separator: "\n")
            let more = candidates.count > 10 ? "\n  … and \(candidates.count - 10) more" : ""
            return "\"\(query)\" matches \(candidates.count) papers; use an id or a longer title:\n\(list)\(more)"
        case let .invalidArgument(text):
            return text
        case let .database(text):
            return "database: \(text)"
        case let .storeBusy(path, pid):
            return "another conceptgraph build is writing to \(path) (pid \(pid.map(String.init) ?? "unknown")); "
                + "wait for it to finish (or pass --wait) or use another --db"
        }
    }
}
