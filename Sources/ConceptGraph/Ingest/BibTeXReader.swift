import Foundation

/// Reads BibTeX and BibLaTeX: `@type{key, field = value, …}` entries whose values are braced
/// (nested braces), quoted, numbers or `@string` macros, joined with `#`. `@comment` and
/// `@preamble` are skipped; text outside entries is a comment, as in BibTeX itself.
///
/// Entries are cut out of the line stream one at a time (by balancing braces), so memory holds a
/// single entry however large the library is.
struct BibTeXReader: RecordReader {
    static let maxEntryBytes = 16 << 20
    static let monthMacros = ["jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
                              "jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October",
                              "nov": "November", "dec": "December"]

    func read(path: String, display: String, into sink: RecordSink) throws {
        let reader = try LineReader(path: path)
        var macros = Self.monthMacros
        var entry = ""
        var entryLine = 0
        var depth = 0
        var opened = false
        var closer: Character = "}"
        var entryIndex = 0
        var inEntry = false
        var tooLarge = false

        func finish() throws {
            entryIndex += 1
            let provenance = Provenance(file: display, locator: "entry \(entryIndex) (line \(entryLine))", line: entryLine)
            defer { entry = ""; inEntry = false; opened = false; depth = 0; tooLarge = false }
            if tooLarge {
                sink.skip(provenance, "entry larger than \(Self.maxEntryBytes >> 20) MiB")
                return
            }
            do {
                var parser = EntryParser(text: entry, macros: macros)
                guard let parsed = try parser.parse() else { return }
                switch parsed.type {
                case "string":
                    for (k, v) in parsed.fields { macros[k] = v }
                case "comment", "preamble":
                    break
                default:
                    let located = Provenance(file: display, locator: "entry \(entryIndex) (line \(entryLine), \(parsed.key))", line: entryLine)
                    try sink.emit(Self.record(from: parsed, provenance: located))
                }
            } catch let error as EntryParser.Failure {
                sink.skip(provenance, error.message)
            }
        }

        /// An entry whose braces never balance: read it field by field, one `name = value` per
        /// line (the layout every reference manager writes), so one stray brace costs nothing.
        func recoverUnbalanced(_ problem: String) throws {
            entryIndex += 1
            let provenance = Provenance(file: display, locator: "entry \(entryIndex) (line \(entryLine))", line: entryLine)
            defer { entry = ""; inEntry = false; opened = false; depth = 0; tooLarge = false }
            guard !tooLarge, let recovered = EntryParser.lenient(entry, macros: macros),
                  recovered.type != "string", recovered.type != "comment", recovered.type != "preamble" else {
                sink.skip(provenance, problem)
                return
            }
            sink.warn(provenance, "\(problem); read field by field")
            let located = Provenance(file: display, locator: "entry \(entryIndex) (line \(entryLine), \(recovered.key))", line: entryLine)
            try sink.emit(Self.record(from: recovered, provenance: located))
        }

        while let line = try reader.next() {
            var text = Substring(line.text)
            // An entry start at the beginning of a line while braces are still open means the
            // previous entry was truncated: report it and start over at this line.
            if inEntry, opened, text.first == "@", FormatDetector.isBibTeXEntryStart(text) {
                try recoverUnbalanced("entry is not closed before the next one starts (unbalanced braces)")
            }
            while !text.isEmpty {
                if !inEntry {
                    guard let at = text.firstIndex(of: "@") else { break }
                    let rest = text[at...]
                    // A new entry must start with @name followed by { or (.
                    guard FormatDetector.isBibTeXEntryStart(rest) else {
                        text = text[text.index(after: at)...]
                        continue
                    }
                    inEntry = true
                    entryLine = line.number
                    entry = ""
                    text = rest
                }
                // Scan for the closing delimiter, appending as we go.
                var index = text.startIndex
                var done = false
                while index < text.endIndex {
                    let c = text[index]
                    if !opened {
                        if c == "{" || c == "(" { opened = true; closer = c == "{" ? "}" : ")"; depth = 1 }
                    } else if c == "{" {
                        depth += 1
                    } else if c == "}" {
                        depth -= 1
                        if closer == "}" && depth == 0 { done = true }
                    } else if c == ")" && closer == ")" && depth == 1 {
                        depth = 0
                        done = true
                    }
                    index = text.index(after: index)
                    if done { break }
                }
                if entry.utf8.count + text.utf8.count > Self.maxEntryBytes {
                    tooLarge = true
                    entry = ""
                } else if !tooLarge {
                    entry += text[..<index]
                }
                if done {
                    try finish()
                    text = text[index...]
                } else {
                    if !tooLarge { entry += "\n" }
                    text = ""
                }
            }
        }
        if inEntry {
            try recoverUnbalanced("entry is not closed before the end of the file (unbalanced braces)")
        }
        reader.reportProblems(display: display, into: sink)
    }

    static func record(from e: EntryParser.Entry, provenance: Provenance) -> SourceRecord {
        let f = e.fields
        var arxiv = Identifiers.arxiv(f["eprint"]).flatMap { id -> String? in
            let type = (f["eprinttype"] ?? f["archiveprefix"] ?? "arxiv").lowercased()
            return type == "arxiv" ? id : nil
        }
        if arxiv == nil, let url = f["url"], url.contains("arxiv.org") { arxiv = Identifiers.arxiv(url) }
        if arxiv == nil, let journal = f["journal"], journal.lowercased().hasPrefix("arxiv") {
            arxiv = Identifiers.arxiv(journal.split(separator: " ").dropFirst().first.map(String.init) ?? journal)
        }
        let authors = Identifiers.splitAuthors(f["author"] ?? "").compactMap { TextNormalizer.normalize($0) }
        return SourceRecord(
            title: TextNormalizer.normalize(f["title"]),
            abstract: TextNormalizer.normalize(f["abstract"]),
            authors: authors,
            year: Identifiers.year(f["year"] ?? f["date"]),
            arxivID: arxiv,
            doi: Identifiers.doi(f["doi"]),
            otherIDs: [ExternalID("bibkey", e.key)],
            categories: [],
            venue: TextNormalizer.normalize(f["journal"] ?? f["booktitle"] ?? f["journaltitle"]),
            provenance: provenance, format: .bibtex)
    }
}

/// Parses the text of one BibTeX entry.
struct EntryParser {
    struct Entry {
        var type: String
        var key: String
        var fields: [String: String]
    }

    struct Failure: Error {
        var message: String
    }

    let s: [Character]
    var i = 0
    let macros: [String: String]

    init(text: String, macros: [String: String]) {
        s = Array(text)
        self.macros = macros
    }

    /// Reads an entry line by line, each `name = value` line a field, stripping the outer braces or
    /// quotes and a trailing comma. For entries whose braces do not balance.
    static func lenient(_ text: String, macros: [String: String]) -> Entry? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let head = lines.first, head.first == "@", let open = head.firstIndex(where: { $0 == "{" || $0 == "(" }) else { return nil }
        let type = head[head.index(after: head.startIndex)..<open].trimmingCharacters(in: .whitespaces).lowercased()
        let key = head[head.index(after: open)...].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { continue }
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.hasSuffix(",") { value.removeLast() }
            if value.hasPrefix("{") && value.hasSuffix("}") || value.hasPrefix("\"") && value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            } else if let expansion = macros[value.lowercased()] {
                value = expansion
            }
            if fields[name] == nil { fields[name] = value }
        }
        return fields.isEmpty ? nil : Entry(type: type, key: key, fields: fields)
    }

    mutating func skipSpace() {
        while i < s.count, s[i].isWhitespace { i += 1 }
    }

    mutating func parse() throws -> Entry? {
        guard i < s.count, s[i] == "@" else { return nil }
        i += 1
        let typeStart = i
        while i < s.count, s[i].isLetter || s[i].isNumber || s[i] == "_" || s[i] == "-" { i += 1 }
        let type = String(s[typeStart..<i]).lowercased()
        skipSpace()
        guard i < s.count, s[i] == "{" || s[i] == "(" else { throw Failure(message: "expected { after @\(type)") }
        i += 1
        if type == "comment" || type == "preamble" { return Entry(type: type, key: "", fields: [:]) }
        skipSpace()
        var key = ""
        var fields: [String: String] = [:]
        if type != "string" {
            let keyStart = i
            while i < s.count, s[i] != ",", s[i] != "}", s[i] != ")", !s[i].isNewline { i += 1 }
            key = String(s[keyStart..<i]).trimmingCharacters(in: .whitespaces)
            // A key with "=" means the entry has no key at all.
            if key.contains("=") { i = keyStart; key = "" }
            skipSpace()
            if i < s.count, s[i] == "," { i += 1 }
        }
        while true {
            skipSpace()
            if i >= s.count { break }
            if s[i] == "}" || s[i] == ")" { break }
            if s[i] == "," { i += 1; continue }
            let nameStart = i
            while i < s.count, !s[i].isWhitespace, s[i] != "=", s[i] != ",", s[i] != "}" { i += 1 }
            let name = String(s[nameStart..<i]).lowercased()
            skipSpace()
            guard i < s.count, s[i] == "=" else {
                throw Failure(message: "field \"\(name)\" of entry \(key.isEmpty ? "(no key)" : key) has no \"=\" (unbalanced braces or a missing comma?)")
            }
            i += 1
            let value = try parseValue(field: name, key: key)
            if fields[name] == nil { fields[name] = value }
        }
        return Entry(type: type, key: key, fields: fields)
    }

    /// A value: pieces joined by `#`.
    mutating func parseValue(field: String, key: String) throws -> String {
        var result = ""
        while true {
            skipSpace()
            guard i < s.count else { throw Failure(message: "field \"\(field)\" of \(key) ends before its value") }
            let c = s[i]
            if c == "{" {
                result += try braced()
            } else if c == "\"" {
                result += try quoted()
            } else {
                let start = i
                while i < s.count, !s[i].isWhitespace, s[i] != ",", s[i] != "#", s[i] != "}", s[i] != ")" { i += 1 }
                let word = String(s[start..<i])
                if word.allSatisfy(\.isNumber) { result += word }
                else if let expansion = macros[word.lowercased()] { result += expansion }
                else { result += word }  // an undefined macro keeps its name, as BibTeX warns and goes on
            }
            skipSpace()
            if i < s.count, s[i] == "#" { i += 1; continue }
            return result
        }
    }

    /// `{…}` with nested braces; the inner braces are kept for the LaTeX decoder.
    mutating func braced() throws -> String {
        let start = i + 1
        var depth = 0
        while i < s.count {
            if s[i] == "\\" { i += 2; continue }
            if s[i] == "{" { depth += 1 }
            if s[i] == "}" { depth -= 1; if depth == 0 { i += 1; return String(s[start..<(i - 1)]) } }
            i += 1
        }
        throw Failure(message: "unbalanced braces in a field value")
    }

    /// `"…"`; braces inside protect quotes.
    mutating func quoted() throws -> String {
        let start = i + 1
        i += 1
        var depth = 0
        while i < s.count {
            if s[i] == "\\" { i += 2; continue }
            if s[i] == "{" { depth += 1 }
            if s[i] == "}" { depth -= 1 }
            if s[i] == "\"" && depth == 0 { i += 1; return String(s[start..<(i - 1)]) }
            i += 1
        }
        throw Failure(message: "unterminated quoted value")
    }
}
