import Foundation

/// Reads paper listing text: a title line, a blank line, the abstract paragraph, and so on, with
/// page furniture ("new", "Subscribe", date lines) in between. Also reads `Abstract:` records,
/// abstracts without titles, which get a content-derived id and a label from their first words.
struct ListingReader: RecordReader {
    /// Lines from listing pages that are never papers.
    static let furniture: Set<String> = [
        "new", "subscribe", "get trending papers in your email inbox!", "byak and the research community",
        "trending papers", "daily papers", "submitted by", "upvote", "papers", "search", "sign up", "log in",
    ]
    static let months: Set<String> = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                                      "january", "february", "march", "april", "june", "july", "august",
                                      "september", "october", "november", "december"]

    let format: InputFormat

    /// A paragraph: consecutive non-blank lines. Lines past the abstract limit are counted, not
    /// kept, so a file without blank lines cannot fill memory.
    struct Paragraph {
        var firstLine: Int
        var lines: [String]
        var bytes: Int
        var text: String { lines.joined(separator: "\n") }
        var isOversized: Bool { bytes > RecordSink.maxAbstractBytes }

        init(firstLine: Int, lines: [String]) {
            self.firstLine = firstLine
            self.lines = lines
            bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        }

        mutating func append(_ line: String) {
            if !isOversized { lines.append(line) }
            bytes += line.utf8.count + 1
        }
    }

    func read(path: String, display: String, into sink: RecordSink) throws {
        let reader = try LineReader(path: path)
        var current: Paragraph?
        var pendingTitle: Paragraph?

        func flush(_ paragraph: Paragraph) throws {
            if paragraph.isOversized {
                if let orphan = pendingTitle {
                    sink.skip(Provenance(file: display, locator: "line \(orphan.firstLine)", line: orphan.firstLine),
                              "title-like line without an abstract after it: \"\(TextNormalizer.label(fromText: orphan.text))\"")
                    pendingTitle = nil
                }
                sink.skip(Provenance(file: display, locator: "line \(paragraph.firstLine)", line: paragraph.firstLine),
                          "paragraph of \(paragraph.bytes) bytes is longer than the \(RecordSink.maxAbstractBytes >> 20) MiB limit")
                return
            }
            if format == .abstractRecords {
                try emitAbstractRecords(paragraph)
            } else {
                try handleListing(paragraph)
            }
        }

        func handleListing(_ paragraph: Paragraph) throws {
            let text = paragraph.text.trimmingCharacters(in: .whitespaces)
            if Self.isFurniture(text) { return }
            if Self.isAbstractLike(paragraph) {
                if let title = pendingTitle {
                    try emit(title: title.text, abstract: text, at: title.firstLine)
                    pendingTitle = nil
                } else {
                    try emit(title: nil, abstract: text, at: paragraph.firstLine)
                }
            } else if Self.isTitleLike(paragraph) {
                if let orphan = pendingTitle {
                    sink.skip(Provenance(file: display, locator: "line \(orphan.firstLine)", line: orphan.firstLine),
                              "title-like line without an abstract after it: \"\(TextNormalizer.label(fromText: orphan.text))\"")
                }
                pendingTitle = paragraph
            } else {
                sink.skip(Provenance(file: display, locator: "line \(paragraph.firstLine)", line: paragraph.firstLine),
                          "neither a title nor an abstract: \"\(TextNormalizer.label(fromText: text))\"")
            }
        }

        func emitAbstractRecords(_ paragraph: Paragraph) throws {
            // A paragraph may hold several records, each starting with "Abstract:".
            var recordLines: [String] = []
            var recordStart = paragraph.firstLine
            for (offset, line) in paragraph.lines.enumerated() {
                if line.hasPrefix("Abstract:") {
                    if !recordLines.isEmpty {
                        try emit(title: nil, abstract: recordLines.joined(separator: "\n"), at: recordStart)
                    }
                    recordLines = [String(line.dropFirst("Abstract:".count))]
                    recordStart = paragraph.firstLine + offset
                } else {
                    recordLines.append(line)
                }
            }
            if !recordLines.isEmpty {
                try emit(title: nil, abstract: recordLines.joined(separator: "\n"), at: recordStart)
            }
        }

        func emit(title: String?, abstract: String, at line: Int) throws {
            let provenance = Provenance(file: display, locator: "line \(line)", line: line)
            let record = SourceRecord(title: TextNormalizer.normalize(title), abstract: TextNormalizer.normalize(abstract),
                                      provenance: provenance, format: format)
            try sink.emit(record)
        }

        while let line = try reader.next() {
            if line.text.allSatisfy({ $0.isWhitespace }) {
                if let paragraph = current { try flush(paragraph) }
                current = nil
                continue
            }
            // Each `Abstract:` record is a paragraph of its own, blank line or not, so the
            // paragraph limit applies record by record.
            if format == .abstractRecords, line.text.hasPrefix("Abstract:"), let paragraph = current {
                try flush(paragraph)
                current = nil
            }
            if current == nil {
                current = Paragraph(firstLine: line.number, lines: [line.text])
            } else {
                current!.append(line.text)
            }
        }
        if let paragraph = current { try flush(paragraph) }
        if let orphan = pendingTitle {
            sink.skip(Provenance(file: display, locator: "line \(orphan.firstLine)", line: orphan.firstLine),
                      "title-like line without an abstract after it: \"\(TextNormalizer.label(fromText: orphan.text))\"")
        }
        reader.reportProblems(display: display, into: sink)
    }

    /// Page furniture: known chrome lines and bare dates ("Mar 14", "14 March 2024").
    static func isFurniture(_ text: String) -> Bool {
        let lower = text.lowercased()
        if furniture.contains(lower) { return true }
        let words = lower.split(whereSeparator: { $0 == " " || $0 == "," })
        if (1...3).contains(words.count),
           words.contains(where: { months.contains(String($0)) }),
           words.allSatisfy({ months.contains(String($0)) || $0.allSatisfy(\.isNumber) }) {
            return true
        }
        return false
    }

    /// A title: one or two short lines that do not read like running prose.
    static func isTitleLike(_ p: Paragraph) -> Bool {
        let text = p.text
        guard p.lines.count <= 3, text.count >= 4, text.count <= 400 else { return false }
        guard text.contains(where: { $0.isLetter }) else { return false }
        // Running prose ends with a period and has several sentences; titles rarely do.
        let sentenceEnds = text.filter { $0 == "." }.count
        return !(text.hasSuffix(".") && sentenceEnds >= 2 && text.count > 200)
    }

    /// An abstract: a paragraph of prose, long enough and with more than one sentence.
    static func isAbstractLike(_ p: Paragraph) -> Bool {
        let text = p.text
        guard text.count >= 200 else { return false }
        let words = text.split(separator: " ").count
        let sentenceEnds = text.filter { $0 == "." || $0 == "?" || $0 == "!" }.count
        return words >= 30 && sentenceEnds >= 1
    }
}
