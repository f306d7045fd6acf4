import Foundation
import Testing
@testable import ConceptGraph

/// The byte-level shortcuts of normalization against the general readings they replace, over
/// every combination of a few tricky pieces.
@Suite struct FastPathTests {
    /// The general reading of an arXiv id (Foundation trimming, Character-level matching), as
    /// `Identifiers.arxiv` reads non-ASCII text.
    static func referenceArxiv(_ text: String) -> String? {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        for prefix in Identifiers.arxivPrefixes where t.hasPrefix(prefix) { t = String(t.dropFirst(prefix.count)) }
        if t.hasSuffix(".pdf") { t = String(t.dropLast(4)) }
        let scalars = Array(t.unicodeScalars)
        func digits(_ from: Int, _ n: Int) -> Bool {
            from + n <= scalars.count && scalars[from..<(from + n)].allSatisfy { ("0"..."9").contains($0) }
        }
        if digits(0, 4), scalars.count > 4, scalars[4] == "." {
            var n = 0
            while 5 + n < scalars.count, ("0"..."9").contains(scalars[5 + n]) { n += 1 }
            return n == 4 || n == 5 ? String(String.UnicodeScalarView(scalars[0..<(5 + n)])) : nil
        }
        guard let slash = t.firstIndex(of: "/") else { return nil }
        let archive = t[..<slash]
        let number = t[t.index(after: slash)...].prefix(while: { $0.isNumber })
        let valid = !archive.isEmpty && archive.allSatisfy { $0.isLetter || $0 == "-" || $0 == "." }
        return valid && number.count == 7 ? "\(archive)/\(number)" : nil
    }

    @Test func asciiArxivIDsReadAsTheGeneralReadingDoes() {
        let spaces = ["", " ", "\t", "\n ", "\r\n", "\u{0B}"]
        let prefixes = ["", "arXiv:", "arxiv:", "ARXIV:", "https://arxiv.org/abs/", "http://arxiv.org/pdf/",
                        "arxiv.org/abs/arXiv:", "arxiv.org/abs/", "arxiv.org/ABS/"]
        let cores = ["2212.07677", "2212.0767", "2212.076771", "1234.12345x", "0704.0001", "hep-th/9901001",
                     "math.GT/0309136", "hep-th/990100", "hep-th/99010011", "hep_th/9901001", "/9901001",
                     "quant-ph/0501001v3", "12.345", "abc", "", "77490025", "a/1234567/8", "2212.07677v2.pdf", "x.pdf", ".pdf"]
        let suffixes = ["", "v2", ".pdf", "v1.pdf", " x", "\r\n"]
        var checked = 0
        for lead in spaces { for prefix in prefixes { for core in cores { for suffix in suffixes { for trail in spaces {
            let text = lead + prefix + core + suffix + trail
            #expect(Identifiers.arxiv(ascii: Array(text.utf8)) == Self.referenceArxiv(text), "\(text.debugDescription)")
            checked += 1
        } } } } }
        #expect(checked > 30_000)
    }

    @Test func everyScalarTakenForNFCIsLeftAloneByNFC() {
        let ranges: [ClosedRange<UInt32>] = [0x01...0x2FF, 0x391...0x3A9, 0x3B1...0x3C9, 0x2010...0x2027, 0x2190...0x22FF]
        var scalars: [Unicode.Scalar] = []
        for range in ranges { for v in range { if let s = Unicode.Scalar(v) { scalars.append(s) } } }
        for s in scalars {
            let text = "a" + String(s) + "b"
            #expect(TextNormalizer.isKnownNFC(text))
            #expect(text.precomposedStringWithCanonicalMapping == text, "U+\(String(s.value, radix: 16))")
        }
        // Every scalar next to every other would be a million texts; a fixed pseudo-random walk
        // over long texts checks pairs in context instead.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text.append(scalars[Int(state >> 33) % scalars.count])
            }
            let string = String(text)
            #expect(string.precomposedStringWithCanonicalMapping == string)
        }
        // Anything that can combine or be replaced is sent to Foundation.
        for text in ["e\u{301}", "\u{212B}ngstr\u{F6}m", "\u{2126}", "\u{2329}x\u{232A}", "\u{1100}\u{1161}", "\u{3C9}\u{342}"] {
            #expect(!TextNormalizer.isKnownNFC(text))
        }
        #expect(TextNormalizer.normalize("A\u{30A}ngstr\u{F6}m \u{3B1}\u{2264}\u{3B2}") == "\u{C5}ngstr\u{F6}m \u{3B1}\u{2264}\u{3B2}")
    }

    /// The title key as Foundation folds the whole text at once.
    static func referenceTitleKey(_ title: String) -> String {
        if title.utf8.allSatisfy({ $0 < 128 }) {
            var out: [UInt8] = []
            var pendingSpace = false
            for b in title.utf8 {
                let lower = b | 0x20
                if (lower >= 0x61 && lower <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                    if pendingSpace && !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(b >= 0x30 && b <= 0x39 ? b : lower)
                } else {
                    pendingSpace = true
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let folded = title.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
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

    @Test func titleKeysFoldedPieceByPieceMatchFoldingTheWholeText() {
        // Scalars that fold, combine, join or change width, next to ASCII that may be their base.
        let pieces = ["a", "Z", "e", "I", "0", "7", " ", ",", "-", "\r", "\n", "\r\n", "'", "(", ".",
                      "\u{301}", "\u{308}", "\u{327}", "\u{20DD}", "\u{200D}", "\u{FE0F}", "é", "Ö", "ß", "ẞ", "İ", "ı",
                      "σ", "ς", "Σ", "ﬁ", "ﬀ", "Ａ", "ｂ", "１", "ｶ", "ﾞ", "ｱ", "Ω", "Å", "K", "²", "½", "Ⅻ", "ℌ",
                      "가", "\u{1100}", "\u{1161}", "\u{11A8}", "👍", "🏽", "👩\u{200D}💻", "🇫🇷", "\u{600}", "\u{A0}",
                      "\u{2009}", "\u{FEFF}", "ǅ", "ŉ", "ΐ", "\u{E9}\u{301}", "Å", "ﬃ", "ⓐ", "𝐀", "ǰ"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        var checked = 0
        for length in 1...12 {
            for _ in 0..<1_500 {
                var text = ""
                for _ in 0..<length {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text += pieces[Int(state >> 33) % pieces.count]
                }
                #expect(TextNormalizer.titleKey(text) == Self.referenceTitleKey(text), "\(text.debugDescription)")
                checked += 1
            }
        }
        for text in ["Attention Is All You Need!", "Schrödinger–Heisenberg formulation", "Über die Quantenmechanik",
                     "ＦＵＬＬＷＩＤＴＨ title", "Ångström-scale e\u{301}tude", ""] {
            #expect(TextNormalizer.titleKey(text) == Self.referenceTitleKey(text))
        }
        #expect(checked == 18_000)
    }
}
