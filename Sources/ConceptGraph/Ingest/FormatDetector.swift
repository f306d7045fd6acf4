import Foundation

/// Recognises an input format from the first bytes of a file, not from its name: users rename
/// files, save feeds as `.txt` and export BibTeX as `.biblatex`.
enum FormatDetector {
    static let sniffBytes = 64 << 10

    /// Reads the head of a file.
    static func head(of path: String) throws -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ConceptGraphError.unreadableFile(path: path, reason: "no such file or no permission")
        }
        defer { try? handle.close() }
        do {
            return [UInt8](try handle.read(upToCount: sniffBytes) ?? Data())
        } catch {
            throw ConceptGraphError.unreadableFile(path: path, reason: error.localizedDescription)
        }
    }

    /// The format of a file from its first bytes.
    static func detect(path: String) throws -> InputFormat {
        let bytes = try head(of: path)
        if bytes.isEmpty {
            throw ConceptGraphError.unrecognizedFormat(path: path, hint: "the file is empty")
        }
        return try detect(head: bytes, path: path)
    }

    static func detect(head bytes: [UInt8], path: String) throws -> InputFormat {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let window = body.prefix(8192)
        // `body` is a slice of the file's first bytes, so its indices are file offsets.
        if let nul = window.firstIndex(of: 0) {
            throw ConceptGraphError.unrecognizedFormat(path: path, hint: "binary content: a NUL byte at offset \(nul)")
        }
        let controls = window.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20) }.count
        if controls * 20 > window.count {
            throw ConceptGraphError.unrecognizedFormat(path: path, hint: "binary content: \(controls) control bytes in the first \(window.count)")
        }
        let text = String(decoding: body, as: UTF8.self)
        let trimmed = text.drop(while: { $0.isWhitespace })
        guard let first = trimmed.first else {
            throw ConceptGraphError.unrecognizedFormat(path: path, hint: "the file holds only whitespace")
        }
        if first == "<" {
            if trimmed.contains("<feed") || trimmed.contains(":feed") { return .atom }
            if trimmed.contains("<ListRecords") || trimmed.contains("<OAI-PMH") || trimmed.contains("<record") { return .oai }
            throw ConceptGraphError.unrecognizedFormat(path: path, hint: "XML, but neither an Atom feed nor an OAI record list")
        }
        if first == "{" || first == "[" {
            // One JSON object per line is JSON lines; anything else is a single JSON document.
            let firstLine = trimmed.prefix(while: { $0 != "\n" })
            if first == "{", let data = String(firstLine).data(using: .utf8),
               (try? JSONSerialization.jsonObject(with: data)) is [String: Any] {
                return .jsonLines
            }
            return .json
        }
        var sawAbsMarker = false
        var sawAbsHeader = false
        for rawLine in trimmed.split(separator: "\n", omittingEmptySubsequences: true).prefix(400) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("%") || line.isEmpty { continue }
            if line.first == "@", isBibTeXEntryStart(line) { return .bibtex }
            if line.hasPrefix("Abstract:") { return .abstractRecords }
            if line == "\\\\" { sawAbsMarker = true }
            if line.hasPrefix("arXiv:") || line.hasPrefix("Title:") || line.hasPrefix("Authors:") { sawAbsHeader = true }
            if sawAbsMarker && sawAbsHeader { return .arxivAbs }
        }
        return .listing
    }

    /// `@article{`, `@String (`, `@comment{` … at the start of a line.
    static func isBibTeXEntryStart<S: StringProtocol>(_ line: S) -> Bool {
        var rest = line.dropFirst()
        let name = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
        guard let head = name.first, head.isLetter else { return false }
        rest = rest.dropFirst(name.count).drop(while: { $0 == " " || $0 == "\t" })
        return rest.first == "{" || rest.first == "("
    }
}
