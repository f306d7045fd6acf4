import Foundation

/// Parsing and normalization of the identifiers papers are matched by.
public enum Identifiers {
    /// The arXiv identifier in `text` without its version: "arXiv:2212.07677v2" → "2212.07677",
    /// "http://arxiv.org/abs/hep-th/9901001v1" → "hep-th/9901001". Nil when there is none.
    public static func arxiv(_ text: String?) -> String? {
        guard let text else { return nil }
        // Nearly every identifier is ASCII: read it as bytes, without Foundation's trimming.
        if TextNormalizer.isASCII(text) { return arxiv(ascii: Array(text.utf8)) }
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        for prefix in arxivPrefixes where t.hasPrefix(prefix) {
            t = String(t.dropFirst(prefix.count))
        }
        if t.hasSuffix(".pdf") { t = String(t.dropLast(4)) }
        // New style: YYMM.NNNN(N)
        let scalars = Array(t.unicodeScalars)
        func digits(_ from: Int, _ n: Int) -> Bool {
            guard from + n <= scalars.count else { return false }
            return scalars[from..<(from + n)].allSatisfy { ("0"..."9").contains($0) }
        }
        var core: String?
        if digits(0, 4), scalars.count > 4, scalars[4] == "." {
            var n = 0
            while 5 + n < scalars.count, ("0"..."9").contains(scalars[5 + n]) { n += 1 }
            if n == 4 || n == 5 { core = String(String.UnicodeScalarView(scalars[0..<(5 + n)])) }
        } else if let slash = t.firstIndex(of: "/") {
            // Old style: archive(.SUBJ)/YYMMNNN
            let archive = t[..<slash]
            let number = t[t.index(after: slash)...].prefix(while: { $0.isNumber })
            let validArchive = !archive.isEmpty && archive.allSatisfy { $0.isLetter || $0 == "-" || $0 == "." }
            if validArchive && number.count == 7 { core = "\(archive)/\(number)" }
        }
        return core
    }

    /// What may come before an arXiv identifier, removed in this order.
    static let arxivPrefixes = ["https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://arxiv.org/pdf/",
                                "http://arxiv.org/pdf/", "arxiv.org/abs/", "arXiv:", "arxiv:", "ARXIV:"]

    /// `arxiv(_:)` for ASCII text, step for step on bytes: in ASCII, Foundation's whitespace is
    /// tab through carriage return and space, and only ASCII letters and digits are letters and
    /// numbers.
    static func arxiv(ascii bytes: [UInt8]) -> String? {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
        var t = bytes[...]
        while let first = t.first, isSpace(first) { t.removeFirst() }
        while let last = t.last, isSpace(last) { t.removeLast() }
        guard !t.isEmpty else { return nil }
        for prefix in arxivPrefixes where t.starts(with: prefix.utf8) {
            t = t.dropFirst(prefix.utf8.count)
        }
        if t.count >= 4, t.suffix(4).elementsEqual(".pdf".utf8) { t = t.dropLast(4) }
        let s = Array(t)
        // New style: YYMM.NNNN(N)
        if s.count > 4, s[0..<4].allSatisfy(isDigit), s[4] == UInt8(ascii: ".") {
            var n = 0
            while 5 + n < s.count, isDigit(s[5 + n]) { n += 1 }
            return n == 4 || n == 5 ? String(decoding: s[0..<(5 + n)], as: UTF8.self) : nil
        }
        // Old style: archive(.SUBJ)/YYMMNNN
        guard let slash = s.firstIndex(of: UInt8(ascii: "/")) else { return nil }
        let archive = s[..<slash]
        let number = s[(slash + 1)...].prefix(while: isDigit)
        let validArchive = !archive.isEmpty && archive.allSatisfy { isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        guard validArchive && number.count == 7 else { return nil }
        return String(decoding: archive, as: UTF8.self) + "/" + String(decoding: number, as: UTF8.self)
    }

    /// A DOI in canonical form (lowercased, without resolver prefix): "https://doi.org/10.1/ABC" → "10.1/abc".
    public static func doi(_ text: String?) -> String? {
        guard var t = text?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:", "doi.org/"]
        where t.lowercased().hasPrefix(prefix.lowercased()) {
            t = String(t.dropFirst(prefix.count))
        }
        t = t.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("10."), t.contains("/"), !t.contains(" ") else { return nil }
        return t.lowercased()
    }

    /// The first plausible publication year (1900…2100) in a date-like text: "2011-11-08T18:48:36Z",
    /// "Mon, 2 Apr 2007 19:18:42 GMT", "2015", "{2015}".
    public static func year(_ text: String?) -> Int? {
        guard let text else { return nil }
        var run = 0
        var value = 0
        for c in text.unicodeScalars {
            if ("0"..."9").contains(c) {
                run += 1
                // Only a run of exactly four digits is a year; longer runs are not accumulated, so
                // a long number ("20200101123456789012") cannot overflow.
                if run <= 4 { value = value * 10 + Int(c.value - 48) }
            } else {
                if run == 4, (1900...2100).contains(value) { return value }
                run = 0
                value = 0
            }
        }
        if run == 4, (1900...2100).contains(value) { return value }
        return nil
    }

    /// Splits a BibTeX-style or Kaggle-style author list ("A. Smith and B. Jones", "A, B, C and D")
    /// into display names. "Last, First" entries of a BibTeX `and` list become "First Last".
    public static func splitAuthors(_ text: String) -> [String] {
        let normalized = TextNormalizer.collapseWhitespace(text.replacingOccurrences(of: "\n", with: " "))
        if normalized.isEmpty { return [] }
        let andParts = splitOnWordAnd(normalized)
        if andParts.count > 1 && andParts.allSatisfy({ $0.filter { $0 == "," }.count <= 1 }) && andParts.contains(where: { $0.contains(",") }) {
            // BibTeX: every part "Last, First" or "First Last".
            return andParts.map(flipLastFirst).filter { !$0.isEmpty }
        }
        // Kaggle/arXiv: "A, B, C and D" or a single "Last, First".
        var parts: [String] = []
        for piece in andParts {
            parts.append(contentsOf: piece.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if andParts.count == 1, parts.count == 2, !parts[0].contains(" ") || !parts[1].contains(" ") {
            return [flipLastFirst(normalized)]
        }
        return parts.filter { !$0.isEmpty && $0.lowercased() != "et al." && $0.lowercased() != "others" }
    }

    /// "Vaswani, Ashish" → "Ashish Vaswani"; a name without a comma stays as it is.
    public static func flipLastFirst(_ name: String) -> String {
        let pieces = name.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
        switch pieces.count {
        case 2: return pieces[1].isEmpty ? pieces[0] : "\(pieces[1]) \(pieces[0])"
        case 3: return "\(pieces[2]) \(pieces[0]) \(pieces[1])"  // Last, Jr, First
        default: return name.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Splits on the word "and" outside braces.
    static func splitOnWordAnd(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        for word in words {
            depth += word.filter { $0 == "{" }.count - word.filter { $0 == "}" }.count
            if depth == 0 && word.lowercased() == "and" {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespaces))
        return parts.filter { !$0.isEmpty }
    }
}
