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
        if !isKnownNFC(text) { text = text.precomposedStringWithCanonicalMapping }
        return text.isEmpty ? nil : text
    }

    /// Whether `text` is certainly in NFC without asking Foundation: true when every scalar is a
    /// starter that NFC keeps as it is and nothing could combine with it, which holds for ASCII,
    /// Latin-1 and the Latin extensions below the combining marks (U+0300), the basic Greek
    /// letters, general punctuation U+2010–U+2027, and arrows and mathematical operators
    /// U+2190–U+22FF: the text of nearly every abstract.
    static func isKnownNFC(_ text: String) -> Bool {
        if isASCII(text) { return true }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let kept = v < 0x300 || (0x391...0x3A9).contains(v) || (0x3B1...0x3C9).contains(v)
                || (0x2010...0x2027).contains(v) || (0x2190...0x22FF).contains(v)
            if !kept { return false }
        }
        return true
    }

    /// Joins hard-wrapped lines: a line break becomes a space, except after a hyphen that follows a
    /// letter ("gluon-\n(anti)quark" → "gluon-(anti)quark"). Works on UTF-8 bytes: the breaks,
    /// the hyphen and the indentation are all ASCII.
    static func unfold(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || b == 0x0D {
                let hyphenated = out.last == UInt8(ascii: "-") && endsWithLetter(out.dropLast())
                // Skip the break and the next line's indentation.
                var j = i + 1
                while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
                if !hyphenated { out.append(0x20) }
                i = j
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the UTF-8 text in `bytes` ends with a letter.
    private static func endsWithLetter(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let last = bytes.last else { return false }
        if last < 0x80 { return (last | 0x20) >= 0x61 && (last | 0x20) <= 0x7A }
        // Back up over continuation bytes to the start of the last scalar.
        var start = bytes.endIndex - 1
        while start > bytes.startIndex, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: bytes[start...], as: UTF8.self).unicodeScalars.first?.properties.isAlphabetic ?? false
    }

    /// Collapses runs of whitespace (including no-break spaces) to one space, removes control
    /// characters and trims both ends. Works on UTF-8 bytes, decoding only non-ASCII scalars.
    static func collapseWhitespace(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    pendingSpace = !out.isEmpty
                } else if b >= 0x20 && b != 0x7F {
                    if pendingSpace { out.append(0x20); pendingSpace = false }
                    out.append(b)
                }
                continue
            }
            // A valid multi-byte scalar (String guarantees valid UTF-8).
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let end = min(i + length, bytes.count)
            var value = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in (i + 1)..<end { value = value << 6 | UInt32(bytes[k] & 0x3F) }
            let space = value == 0xA0 || value == 0xFEFF || (Unicode.Scalar(value)?.properties.isWhitespace ?? false)
            if space {
                pendingSpace = !out.isEmpty
            } else if !(value >= 0x80 && value < 0xA0) {
                if pendingSpace { out.append(0x20); pendingSpace = false }
                out.append(contentsOf: bytes[i..<end])
            }
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The key used to match the same title across sources: accents folded, lowercased, only
    /// letters and digits, single spaces. "Attention Is All You Need!" → "attention is all you need".
    public static func titleKey(_ title: String) -> String {
        let bytes = Array(title.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        func keep(_ scalar: Unicode.Scalar) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            if scalar.isASCII { out.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { out.append($0) } }
        }
        // Folding works cluster by cluster, and two ASCII scalars in a row (other than CR LF)
        // always end one cluster and start the next. So the text is cut there: ASCII between
        // such cuts is folded here (lowercasing is all folding does to it), and only the pieces
        // holding other scalars go through Foundation's folding.
        func cut(before k: Int) -> Bool {
            bytes[k - 1] < 0x80 && bytes[k] < 0x80 && !(bytes[k - 1] == 0x0D && bytes[k] == 0x0A)
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 && (i + 1 == bytes.count || cut(before: i + 1)) {
                let lower = b | 0x20
                if lower >= 0x61 && lower <= 0x7A { keep(Unicode.Scalar(lower)) }
                else if b >= 0x30 && b <= 0x39 { keep(Unicode.Scalar(b)) }
                else { pendingSpace = true }
                i += 1
                continue
            }
            var j = i + 1
            while j < bytes.count && !cut(before: j) { j += 1 }
            let piece = String(decoding: bytes[i..<j], as: UTF8.self)
            for c in piece.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).unicodeScalars {
                let v = c.value
                let wordChar = v < 128 ? ((v >= 97 && v <= 122) || (v >= 65 && v <= 90) || (v >= 48 && v <= 57))
                    : (c.properties.isAlphabetic || c.properties.numericType != nil)
                if wordChar { keep(c) } else { pendingSpace = true }
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is all ASCII, read eight bytes at a time.
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var i = 0
            let count = buffer.count
            guard let base = UnsafeRawPointer(buffer.baseAddress) else { return true }
            while i + 8 <= count {
                if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < count {
                if buffer[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
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
