import Foundation

/// The normalization every reader applies to titles, abstracts and names.
///
/// Order matters: hard-wrapped lines are unfolded first (so a hyphen at a line end is seen as
/// such), then LaTeX is decoded, control characters are removed, whitespace is collapsed and the
/// result is put in Unicode NFC so the same text always has the same bytes.
public enum TextNormalizer {
    /// Longer texts are returned as they are: no title, abstract or name is that long, and the
    /// record sink refuses every field over its limit, so normalizing them would only cost time.
    static let maximumNormalizedBytes = 4 << 20

    /// Normalizes a free-text field: unfold, decode LaTeX, drop control characters, collapse
    /// whitespace, NFC. Returns nil for text that is empty after normalization.
    public static func normalize(_ raw: String?, latex: Bool = true) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard raw.utf8.count <= maximumNormalizedBytes else { return raw }
        var text = unfold(raw)
        if latex { text = LaTeX.decode(text) }
        text = collapseWhitespace(text)
        text = text.precomposedStringWithCanonicalMapping
        return text.isEmpty ? nil : text
    }

    /// Joins hard-wrapped lines: a line break becomes a space, except after a hyphen that follows a
    /// letter ("gluon-\n(anti)quark" → "gluon-(anti)quark").
    static func unfold(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "\n" || c == "\r" {
                let n = out.count
                let hyphenated = n >= 2 && out[out.index(out.endIndex, offsetBy: -1)] == "-"
                    && out[out.index(out.endIndex, offsetBy: -2)].properties.isAlphabetic
                // Skip the break and the next line's indentation.
                var j = i + 1
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\n" || scalars[j] == "\r" { j += 1 }
                if !hyphenated { out.append(" ") }
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
        return String(out)
    }

    /// Collapses runs of whitespace (including no-break spaces) to one space, removes control
    /// characters and trims both ends.
    static func collapseWhitespace(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in text.unicodeScalars {
            let v = c.value
            let space = v < 128 ? (v == 32 || (v >= 9 && v <= 13)) : (c.properties.isWhitespace || v == 0xA0 || v == 0xFEFF)
            if space {
                pendingSpace = !out.isEmpty
                continue
            }
            if c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) { continue }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(c)
        }
        return String(out)
    }

    /// The key used to match the same title across sources: accents folded, lowercased, only
    /// letters and digits, single spaces. "Attention Is All You Need!" → "attention is all you need".
    public static func titleKey(_ title: String) -> String {
        // ASCII text (most titles and abstracts) needs no Foundation folding, only lowercasing.
        let folded = title.utf8.allSatisfy({ $0 < 128 }) ? title.lowercased()
            : title.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for c in folded.unicodeScalars {
            let v = c.value
            let wordChar = v < 128 ? ((v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57))
                : (c.properties.isAlphabetic || c.properties.numericType != nil)
            if wordChar {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(c)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// A short readable label from the first words of a text, for records without a title.
    public static func label(fromText text: String, maxWords: Int = 8) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        let head = words.prefix(maxWords).joined(separator: " ")
        return words.count > maxWords ? head + " …" : head
    }

    /// A stable 64-bit FNV-1a hash rendered as 16 hex digits; the same text gives the same id on
    /// every machine and run.
    public static func stableHash(_ text: String) -> String {
        let hash = FNV1a.hash(text.utf8)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
