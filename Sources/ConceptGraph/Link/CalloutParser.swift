import Foundation

/// One in-text citation found in a text.
public struct Callout: Sendable, Hashable, Codable {
    /// What a callout points at: an author-year reference, an arXiv id or a DOI.
    public enum Kind: String, Sendable, Codable {
        /// "(Smith, 2001)", "Smith et al. (2001)", "[Devlin et al. 2019]".
        case authorYear
        /// "arXiv:2212.07677", "arxiv.org/abs/hep-th/9901001".
        case arxiv
        /// "doi:10.1145/2702123.2702290", "https://doi.org/10.18653/v1/P19-1001".
        case doi
    }

    /// Which kind of reference this is.
    public var kind: Kind
    /// Surnames as written, in order, without "et al." (e.g. ["von Oswald"], ["Smith", "Jones"]). Empty for arxiv/doi.
    public var surnames: [String]
    /// True when "et al." (or "et al" / "and colleagues" / "and others") followed the first surname.
    public var etAl: Bool
    /// The 4-digit year (1900-2099); nil for arxiv/doi.
    public var year: Int?
    /// The disambiguating letter after the year, "a" in "2019a".
    public var yearSuffix: String?
    /// arXiv id without version ("2212.07677", "hep-th/9901001") or DOI lowercased ("10.1145/123.456").
    public var identifier: String?
    /// The exact text of this one citation, e.g. "Wu et al., 2018".
    public var text: String
    /// Unicode-scalar offset of `text` in the input.
    public var start: Int
    /// Unicode-scalar offset just past `text` in the input.
    public var end: Int

    /// Creates a callout from its parts.
    public init(
        kind: Kind, surnames: [String] = [], etAl: Bool = false, year: Int? = nil, yearSuffix: String? = nil,
        identifier: String? = nil, text: String, start: Int, end: Int
    ) {
        self.kind = kind
        self.surnames = surnames
        self.etAl = etAl
        self.year = year
        self.yearSuffix = yearSuffix
        self.identifier = identifier
        self.text = text
        self.start = start
        self.end = end
    }
}

/// Finds in-text citations (author-year callouts, arXiv ids, DOIs) in scientific prose.
///
/// The parser is a hand-written scanner over the input's Unicode scalars rather than a set of regular
/// expressions: every step either consumes input or looks ahead a bounded distance, so the running
/// time stays linear on hostile input (100k "(" or "et al." repeated), and offsets come out in the
/// scalar units callers index with.
///
/// Author-year callouts are anchored on surnames, not on years: a year alone ("in 2018", "(2018)",
/// "Table 2 (2018)") is never a citation, while a surname list followed by a bracketed year is one
/// anywhere, and a surname list followed by a bare year is one inside brackets ("(Abney 1991)") or
/// after "et al." ("Chen et al 2008"). Outside brackets "Name 2001" is left alone because product
/// and event names ("Windows 2000", "Word 2003") look the same.
///
/// When one set of authors has several years ("(Collins, 1999; 2002)", "Collins (1999, 2002)"), each
/// year is its own callout with the same surnames; the first callout's text spans the names and the
/// later ones only their year, so callouts never overlap. A narrative callout with one year includes
/// its closing bracket ("Nivre et al (2007)").
public enum CalloutParser {
    /// Returns the citations in `text`, in order of appearance.
    public static func parse(_ text: String) -> [Callout] {
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return [] }
        // The scanners read through unsafe views that never outlive this call: a debug build retains
        // and releases an array on every subscript, which alone would put a 1 MB text past a second.
        return scalars.withUnsafeBufferPointer { s in
            let identifiers = IdentifierScanner(s: s).run()
            var lexer = Lexer(s: s)
            let tokens = lexer.run()
            let authorYear = tokens.withUnsafeBufferPointer { Matcher(s: s, t: $0).run() }
            return merge(identifiers: identifiers, authorYear: authorYear)
        }
    }

    /// Normalizes a surname for matching: markup decoded, diacritics folded, lowercased, particles and punctuation dropped.
    ///
    /// LaTeX accents and escapes (`\"u`, `{\"u}`, `\'e`, `\ss`, `{\o}`) and HTML entities (`&uuml;`,
    /// `&#252;`) are decoded first, so the same name keys alike whether it came from BibTeX, HTML or
    /// Unicode text: "Akyürek", `Aky\"urek` and `Aky{\"u}rek` all give "akyurek". Particles (von, van,
    /// de, dos, al, …) and generational suffixes (Jr., III) go because bibliographies disagree on
    /// whether they belong to the surname ("De Marneffe" vs "Marneffe"); a name made only of such
    /// words ("Le") keeps them. UTF-8 that was read as Latin-1 ("LindÃ©n") is repaired first, as
    /// metadata dumps carry it.
    public static func surnameKey(_ surname: String) -> String {
        let decoded = Array(repairingMojibake(surname).unicodeScalars).withUnsafeBufferPointer {
            Markup.decode($0, 0, $0.count)
        }
        let decomposed = String(String.UnicodeScalarView(decoded)).decomposedStringWithCanonicalMapping
        var words: [String] = []
        var word = ""
        for scalar in decomposed.unicodeScalars {
            if isSpace(scalar) {
                if !word.isEmpty { words.append(word); word = "" }
                continue
            }
            if isMark(scalar) { continue }
            if let replacement = foldedLetters[scalar] {
                word += replacement
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word += scalar.properties.lowercaseMapping
            }
            // Anything else (hyphens, apostrophes, periods, braces) is dropped: "O'Connor" keys as "oconnor".
        }
        if !word.isEmpty { words.append(word) }
        let kept = words.filter { !particles.contains($0) && !generationalSuffixes.contains($0) }
        return (kept.isEmpty ? words : kept).joined()
    }
}

extension CalloutParser {
    /// "LindÃ©n" → "Lindén": text whose scalars are all Latin-1 and whose bytes form valid UTF-8 with
    /// multi-byte sequences was UTF-8 decoded as Latin-1. Real Latin-1 names ("Müller") are not valid
    /// UTF-8 as bytes, so they pass through unchanged.
    fileprivate static func repairingMojibake(_ text: String) -> String {
        var bytes: [UInt8] = []
        var sawHigh = false
        for scalar in text.unicodeScalars {
            guard scalar.value <= 0xFF else { return text }
            if scalar.value >= 0x80 { sawHigh = true }
            bytes.append(UInt8(scalar.value))
        }
        guard sawHigh else { return text }
        let repaired = String(decoding: bytes, as: UTF8.self)
        return repaired.unicodeScalars.contains("\u{FFFD}") ? text : repaired
    }
}

// MARK: - Word lists

extension CalloutParser {
    /// Lowercase name particles; they start multiword surnames and are dropped from keys.
    fileprivate static let particles: Set<String> = [
        "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "ten", "ter",
        "dos", "das", "al", "el", "bin", "ibn", "des", "zu", "vom", "dei", "degli",
    ]

    fileprivate static let generationalSuffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]

    /// Capitalized words that precede years or start sentences but are not surnames.
    ///
    /// Real surnames that double as words (Church, Brown, Page, Case, March, May, He) are deliberately
    /// absent: missing "Gale and Church (1991)" costs more than the odd "(Page 2001)".
    fileprivate static let stopwords: Set<String> = [
        // document parts and numbered things
        "table", "tab", "tabs", "tables", "figure", "figures", "fig", "figs", "section", "sections", "sec",
        "sect", "chapter", "chapters", "ch", "appendix", "app", "equation", "equations", "eq", "eqs",
        "algorithm", "alg", "theorem", "thm", "lemma", "corollary", "proposition", "definition", "def",
        "example", "examples", "ex", "exercise", "step", "steps", "part", "footnote", "note", "notes",
        "vol", "volume", "issue", "no", "nos", "nr", "pp", "pg", "version", "release", "edition", "ed",
        "eds", "proceedings", "proc", "conference", "conf", "workshop", "symposium", "journal",
        "transactions", "trans", "copyright", "accessed", "retrieved", "published", "submitted",
        "accepted", "updated", "revised", "preprint", "report", "technical", "tech", "university",
        "institute", "press", "inc", "ltd", "corp", "year", "years", "circa", "ca", "total",
        // months and seasons that are not also common surnames
        "january", "february", "april", "july", "september", "october", "november", "december",
        "jan", "feb", "apr", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "spring",
        "summer", "autumn",
        // function words and sentence openers
        "the", "this", "that", "these", "those", "and", "or", "but", "nor", "for", "from",
        "with", "without", "within", "by", "to", "of", "in", "on", "at", "as", "into", "onto", "upon",
        "over", "under", "since", "until", "till", "unlike", "like", "both", "each", "every", "all",
        "any", "some", "many", "most", "more", "much", "such", "other", "others", "another", "our",
        "we", "us", "my", "their", "they", "them", "its", "it", "his", "her", "she", "your", "there",
        "here", "when", "while", "where", "which", "who", "whom", "whose", "what",
        "why", "how", "if", "unless", "although", "though", "because", "whereas", "then", "thus",
        "hence", "however", "moreover", "furthermore", "also", "even", "only", "just", "yet", "still",
        "see", "cf", "eg", "ie", "following", "after", "before", "during", "between", "among",
        "around", "about", "above", "below", "via", "per", "versus", "vs", "using", "based", "given",
        "recent", "recently", "early", "earlier", "later", "latest", "previous", "previously", "prior",
        "first", "second", "third", "fourth", "fifth", "last", "lastly", "next", "finally",
        "similarly", "likewise", "additionally", "consequently", "subsequently", "specifically",
        "notably", "importantly", "interestingly", "indeed", "instead", "meanwhile", "nevertheless",
        "nonetheless", "overall", "today", "now", "currently", "originally", "traditionally",
        "typically", "generally", "usually", "alternatively", "conversely", "accordingly",
        "therefore", "again", "firstly", "secondly", "thirdly", "especially",
        "particularly", "including", "except", "compare", "compared", "so", "besides", "further",
        "elsewhere", "et", "al",
        // language names, as in "For English, Rao and Ravichandran (2009)"
        "english", "german", "chinese", "japanese", "arabic", "spanish", "czech", "hindi", "korean",
        "russian", "italian", "dutch", "portuguese", "swedish", "turkish", "finnish", "hebrew", "danish",
        "hungarian", "romanian", "bulgarian", "persian", "basque", "catalan", "urdu",
    ]

    /// Lowercase stems after which an inner capital is still a surname ("McDonald", "DeNero", "LeCun").
    ///
    /// Any other inner capital marks a system or data set name ("CoNLL", "SemEval", "WordNet"), which
    /// in NLP prose sits before years as often as surnames do.
    fileprivate static let camelPrefixes: Set<String> = [
        "mc", "mac", "de", "di", "da", "du", "le", "la", "van", "von", "fitz", "st", "des", "del",
        "della", "dal", "lo", "ten", "ter", "vander", "vanden", "al", "el", "o",
    ]

    /// Letters that Unicode decomposition leaves alone but readers treat as accented Latin letters.
    fileprivate static let foldedLetters: [Unicode.Scalar: String] = [
        "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ȷ": "j", "ŋ": "n",
        "Ŋ": "n", "ħ": "h", "Ħ": "h",
    ]
}

// MARK: - Character classes

extension CalloutParser {
    fileprivate typealias Scalars = UnsafeBufferPointer<Unicode.Scalar>

    fileprivate static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return c.properties.isWhitespace
    }

    fileprivate static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    fileprivate static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value | 0x20
        return v >= 0x61 && v <= 0x7A
    }

    fileprivate static func isASCIIAlnum(_ c: Unicode.Scalar) -> Bool { isASCIILetter(c) || isDigit(c) }

    fileprivate static func isMark(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// A letter of any script (combining marks are not letters; words take them separately).
    fileprivate static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return isASCIILetter(c) }
        return c.properties.isAlphabetic && !isMark(c)
    }

    fileprivate static func isUpper(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x41 && c.value <= 0x5A }
        return c.properties.isUppercase
    }

    fileprivate static func isLower(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return c.value >= 0x61 && c.value <= 0x7A }
        return c.properties.isLowercase
    }

    fileprivate static func isApostrophe(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v == 0x27 || v == 0x2019 || v == 0x02BC
    }

    fileprivate static func asciiLower(_ c: Unicode.Scalar) -> Unicode.Scalar {
        (c.value >= 0x41 && c.value <= 0x5A) ? Unicode.Scalar(c.value | 0x20)! : c
    }

    fileprivate static func string(_ s: Scalars, _ a: Int, _ b: Int) -> String {
        // A plain loop: the generic Slice route costs several times more in debug builds.
        var text = ""
        text.unicodeScalars.reserveCapacity(b - a)
        var i = a
        while i < b {
            text.unicodeScalars.append(s[i])
            i += 1
        }
        return text
    }
}

// MARK: - LaTeX and HTML markup inside names

extension CalloutParser {
    /// LaTeX and HTML escapes as they occur inside names in BibTeX-derived or HTML-scraped text.
    ///
    /// Accents decode to their base letter only: both callers (word shape and `surnameKey`) fold
    /// diacritics anyway, and the surname text handed back to callers stays as written. Every
    /// function reads `s` only below `n`, so a word can be decoded in place.
    fileprivate enum Markup {
        static let accentSymbols: Set<Unicode.Scalar> = ["\"", "'", "`", "^", "~", "=", "."]
        static let letterAccents: Set<Unicode.Scalar> = ["c", "v", "u", "H", "k", "r", "d", "b", "t"]
        static let letterCommands: [String: String] = [
            "ss": "ss", "SS": "SS", "o": "o", "O": "O", "l": "l", "L": "L", "ae": "ae", "AE": "AE",
            "oe": "oe", "OE": "OE", "aa": "a", "AA": "A", "i": "i", "j": "j", "dh": "d", "DH": "D",
            "th": "th", "TH": "Th", "ng": "n", "NG": "N",
        ]
        static let accentSuffixes: Set<String> = [
            "uml", "acute", "grave", "circ", "tilde", "ring", "cedil", "slash", "caron", "macr", "breve",
            "ogon", "dot", "strok", "dblac",
        ]
        static let namedEntities: [String: String] = [
            "amp": "&", "apos": "'", "quot": "\"", "lt": "<", "gt": ">", "nbsp": "\u{A0}", "ensp": " ",
            "emsp": " ", "thinsp": "\u{2009}", "ndash": "\u{2013}", "mdash": "\u{2014}", "hyphen": "-",
            "rsquo": "\u{2019}", "lsquo": "\u{2018}", "szlig": "ss", "aelig": "ae", "AElig": "AE",
            "oelig": "oe", "OElig": "OE", "eth": "d", "ETH": "D", "thorn": "th", "THORN": "Th",
            "inodot": "i", "imath": "i",
        ]

        /// A LaTeX escape at `p` (`\"u`, `\"{u}`, `\'{\i}`, `\v{s}`, `\ss`, `\o{}`): its length and base letters.
        static func latex(_ s: Scalars, _ p: Int, _ n: Int) -> (length: Int, text: String)? {
            guard p + 1 < n, s[p] == "\\" else { return nil }
            let c = s[p + 1]
            if accentSymbols.contains(c) {
                guard let arg = accentArgument(s, p + 2, n) else { return nil }
                return (2 + arg.length, arg.text)
            }
            if letterAccents.contains(c), p + 2 < n, s[p + 2] == "{", let arg = accentArgument(s, p + 2, n) {
                return (2 + arg.length, arg.text)
            }
            // Control words run to the first non-letter, so "\ssa" is not "\ss" followed by "a".
            var q = p + 1
            while q < n, q - p <= 3, isASCIILetter(s[q]) { q += 1 }
            guard q > p + 1, q == n || !isASCIILetter(s[q]),
                  let text = letterCommands[string(s, p + 1, q)] else { return nil }
            if q + 1 < n, s[q] == "{", s[q + 1] == "}" { q += 2 }
            return (q - p, text)
        }

        /// The argument of an accent command: a letter, `{x}`, `{\i}` or `\i`.
        static func accentArgument(_ s: Scalars, _ q: Int, _ n: Int) -> (length: Int, text: String)? {
            guard q < n else { return nil }
            if isASCIILetter(s[q]) { return (1, String(s[q])) }
            if s[q] == "{" {
                if q + 2 < n, isASCIILetter(s[q + 1]), s[q + 2] == "}" { return (3, String(s[q + 1])) }
                if q + 3 < n, s[q + 1] == "\\", s[q + 2] == "i" || s[q + 2] == "j", s[q + 3] == "}" {
                    return (4, String(s[q + 2]))
                }
                return nil
            }
            if s[q] == "\\", q + 1 < n, s[q + 1] == "i" || s[q + 1] == "j",
               q + 2 == n || !isASCIILetter(s[q + 2]) {
                return (2, String(s[q + 1]))
            }
            return nil
        }

        /// An HTML entity at `p` (`&uuml;`, `&#252;`, `&#xFC;`, `&amp;`): its length and decoded text.
        static func entity(_ s: Scalars, _ p: Int, _ n: Int) -> (length: Int, text: String)? {
            guard p + 2 < n, s[p] == "&" else { return nil }
            var q = p + 1
            if s[q] == "#" {
                q += 1
                var hex = false
                if q < n, s[q] == "x" || s[q] == "X" { hex = true; q += 1 }
                var value: UInt32 = 0
                var digits = 0
                while q < n, digits < 7, let d = digitValue(s[q], hex: hex) {
                    value = value * (hex ? 16 : 10) + d
                    digits += 1
                    q += 1
                }
                guard digits > 0, q < n, s[q] == ";", let scalar = Unicode.Scalar(value) else { return nil }
                return (q + 1 - p, String(scalar))
            }
            while q < n, q - p <= 8, isASCIIAlnum(s[q]) { q += 1 }
            guard q > p + 1, q < n, s[q] == ";" else { return nil }
            if let text = namedEntities[string(s, p + 1, q)] { return (q + 1 - p, text) }
            let first = s[p + 1]
            guard isASCIILetter(first), accentSuffixes.contains(string(s, p + 2, q)) else { return nil }
            return (q + 1 - p, String(first))
        }

        static func digitValue(_ c: Unicode.Scalar, hex: Bool) -> UInt32? {
            if isDigit(c) { return c.value - 0x30 }
            guard hex else { return nil }
            let v = c.value | 0x20
            return (v >= 0x61 && v <= 0x66) ? v - 0x61 + 10 : nil
        }

        /// `s[a..<b]` with escapes and entities replaced by their letters, grouping braces dropped
        /// and `~` (LaTeX's tie) turned into a space.
        static func decode(_ s: Scalars, _ a: Int, _ b: Int) -> [Unicode.Scalar] {
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(b - a)
            var p = a
            while p < b {
                let c = s[p]
                if c == "\\", let e = latex(s, p, b) {
                    out.append(contentsOf: e.text.unicodeScalars)
                    p += e.length
                } else if c == "&", let e = entity(s, p, b) {
                    out.append(contentsOf: e.text.unicodeScalars)
                    p += e.length
                } else {
                    if c == "~" { out.append(" ") } else if c != "{" && c != "}" { out.append(c) }
                    p += 1
                }
            }
            return out
        }
    }
}

// MARK: - Tokens

extension CalloutParser {
    fileprivate enum TokenKind: UInt8 {
        case word, number, open, close, comma, semicolon, period, colon, apostrophe, amp, other
    }

    /// Words the grammar cares about, recognized once by the lexer.
    fileprivate enum Keyword: UInt8 {
        case none, et, al, etal, and, colleagues, s, generational
    }

    fileprivate struct Token {
        var kind: TokenKind
        var start: Int
        var end: Int
        /// For words, the end without a possessive "'s" ("Collins's" names "Collins").
        var stemEnd: Int
        /// Plain ASCII letters only (up to the possessive).
        var ascii = false
        /// Shaped like a surname: capitalized, not all capitals, no inner capital but "McX"-style ones.
        var nameShaped = false
        /// A capitalized word that is not a surname ("Table", "However").
        var stop = false
        /// A name particle ("von", "De", "dos").
        var particle = false
        var keyword = Keyword.none
        /// Letters to cut from a surname glued to "et" / "etal" by PDF extraction ("Bikelet al", "Bosetal.").
        var gluedEtAl = 0

        init(_ kind: TokenKind, _ start: Int, _ end: Int) {
            self.kind = kind
            self.start = start
            self.end = end
            self.stemEnd = end
        }
    }

    /// A word of up to 12 ASCII letters packed into an integer, case folded, so that word-list lookups
    /// need no String per word (string building dominated the run time of debug builds).
    fileprivate static func packedKey(_ s: Scalars, _ a: Int, _ b: Int) -> UInt64? {
        guard b > a, b - a <= 12 else { return nil }
        var key: UInt64 = 0
        var i = a
        while i < b {
            let v = s[i].value | 0x20
            guard v >= 0x61 && v <= 0x7A else { return nil }
            key = key << 5 | UInt64(v - 0x60)
            i += 1
        }
        return key
    }

    fileprivate static func packedKey(_ w: String) -> UInt64? {
        Array(w.unicodeScalars).withUnsafeBufferPointer { packedKey($0, 0, $0.count) }
    }

    fileprivate static let particleKeys: Set<UInt64> = Set(particles.compactMap { packedKey($0) })
    fileprivate static let stopKeys: Set<UInt64> = Set(stopwords.compactMap { packedKey($0) })
    fileprivate static let longStopwords: Set<String> = stopwords.filter { $0.count > 12 }
    fileprivate static let keywords: [UInt64: Keyword] = {
        let words: [String: Keyword] = [
            "et": .et, "al": .al, "etal": .etal, "and": .and, "colleagues": .colleagues, "others": .colleagues,
            "coworkers": .colleagues, "s": .s, "jr": .generational, "sr": .generational, "ii": .generational,
            "iii": .generational, "iv": .generational,
        ]
        var table: [UInt64: Keyword] = [:]
        for (word, keyword) in words { table[packedKey(word)!] = keyword }
        return table
    }()

    /// Splits the input into words, numbers and single punctuation marks.
    ///
    /// A word keeps inner LaTeX escapes, HTML entities, braces, apostrophes and hyphens, so that
    /// `Aky\"urek`, `O'Connor`, `Costa-jussà` and `Nie?en` (a mojibake casualty) stay one token.
    fileprivate struct Lexer {
        let s: Scalars
        var tokens: [Token] = []

        init(s: Scalars) { self.s = s }

        mutating func run() -> [Token] {
            let n = s.count
            tokens.reserveCapacity(n / 4)
            var p = 0
            while p < n {
                let c = s[p]
                let v = c.value
                if isSpace(c) || v == 0x7E { p += 1; continue }  // "~" is LaTeX's tie: "et~al.~(2018)"
                if v >= 0x30 && v <= 0x39 {
                    var q = p + 1
                    while q < n, isDigit(s[q]) { q += 1 }
                    tokens.append(Token(.number, p, q))
                    p = q
                    continue
                }
                let unit = unitLength(p, inWord: false, inBrace: false)
                if unit > 0 {
                    p = scanWord(from: p, firstUnit: unit)
                    continue
                }
                var length = 1
                let kind: TokenKind
                switch v {
                case 0x28, 0x5B: kind = .open  // ( [
                case 0x29, 0x5D: kind = .close  // ) ]
                case 0x2C: kind = .comma
                case 0x3B: kind = .semicolon
                case 0x2E: kind = .period
                case 0x3A: kind = .colon
                case 0x27, 0x2019: kind = .apostrophe
                case 0x26:  // &
                    if let e = Markup.entity(s, p, n) {
                        length = e.length
                        let decoded = e.text.unicodeScalars
                        if e.text == "&" {
                            kind = .amp
                        } else if decoded.allSatisfy(isSpace) {
                            p += length
                            continue
                        } else if decoded.count == 1, isApostrophe(decoded.first!) {
                            kind = .apostrophe
                        } else {
                            kind = .other
                        }
                    } else {
                        kind = .amp
                    }
                default: kind = .other
                }
                tokens.append(Token(kind, p, p + length))
                p += length
            }
            return tokens
        }

        /// Length of one piece of a word at `p`, or 0 when no word piece starts there.
        ///
        /// Apostrophes, hyphens and "?" join only between letters, so "Schabes' (1992)" leaves the
        /// apostrophe as a possessive mark and "Smith-" stays a plain word.
        func unitLength(_ p: Int, inWord: Bool, inBrace: Bool) -> Int {
            let c = s[p]
            let v = c.value
            if v < 0x80 {
                if isASCIILetter(c) { return 1 }
                switch v {
                case 0x5C: return Markup.latex(s, p, s.count)?.length ?? 0  // backslash
                case 0x7B: return inBrace ? 0 : braceGroupLength(p)  // {
                case 0x26:  // &
                    guard let e = Markup.entity(s, p, s.count), let first = e.text.unicodeScalars.first else {
                        return 0
                    }
                    if isLetter(first) { return e.length }
                    if inWord, isApostrophe(first), letterFollows(p + e.length) { return e.length }
                    return 0
                case 0x27, 0x2D:  // ' -
                    return inWord && letterFollows(p + 1) ? 1 : 0
                case 0x3F:  // ?
                    return inWord && p + 1 < s.count && isLower(s[p + 1]) ? 1 : 0
                default: return 0
                }
            }
            if isLetter(c) { return 1 }
            guard inWord else { return 0 }
            if isMark(c) || v == 0xFFFD { return 1 }
            if v == 0x2019 || v == 0x02BC || v == 0x2010 || v == 0x2011 { return letterFollows(p + 1) ? 1 : 0 }
            return 0
        }

        func letterFollows(_ q: Int) -> Bool {
            q < s.count && unitLength(q, inWord: false, inBrace: true) > 0
        }

        /// `{\"u}` or `{M}` inside a name; bounded so a stray "{" costs constant work.
        func braceGroupLength(_ p: Int) -> Int {
            var q = p + 1
            var pieces = 0
            while q < s.count, q - p < 24 {
                if s[q] == "}" { return pieces > 0 ? q + 1 - p : 0 }
                let unit = unitLength(q, inWord: pieces > 0, inBrace: true)
                if unit == 0 { return 0 }
                pieces += 1
                q += unit
            }
            return 0
        }

        mutating func scanWord(from p: Int, firstUnit: Int) -> Int {
            var q = p + firstUnit
            var markup = !isLetter(s[p])
            while q < s.count {
                let unit = unitLength(q, inWord: true, inBrace: false)
                if unit == 0 { break }
                let v = s[q].value
                if v == 0x5C || v == 0x7B || v == 0x26 || v == 0x3F || v == 0xFFFD { markup = true }
                q += unit
            }
            var token = Token(.word, p, q)
            if q - p >= 3, s[q - 1] == "s", isApostrophe(s[q - 2]) { token.stemEnd = q - 2 }
            let stemEnd = token.stemEnd
            if markup {
                let decoded = Markup.decode(s, p, stemEnd)
                token.nameShaped = decoded.withUnsafeBufferPointer { Self.nameShaped($0, 0, $0.count) }
                tokens.append(token)
                return q
            }
            token.nameShaped = Self.nameShaped(s, p, stemEnd)
            if let key = packedKey(s, p, stemEnd) {
                token.ascii = true
                let length = stemEnd - p
                if length <= 4 || length == 6 || length == 9 || length == 10 {
                    token.keyword = keywords[key] ?? .none
                }
                if length <= 5 {
                    token.particle = particleKeys.contains(key)
                }
                token.stop = token.nameShaped && stopKeys.contains(key)
            } else if token.nameShaped, stemEnd - p > 12, s[p..<stemEnd].allSatisfy(isASCIILetter) {
                token.ascii = true
                token.stop = longStopwords.contains(string(s, p, stemEnd).lowercased())
            }
            if token.ascii, token.nameShaped, stemEnd == q {
                token.gluedEtAl = Self.gluedEtAl(s, p, q)
            }
            tokens.append(token)
            return q
        }

        /// 2 for "Bikelet" (before "al"), 4 for "Bosetal", when what remains is still a surname.
        ///
        /// PDF text extraction drops the space before "et al"; no real surname ends in "etal", and one
        /// ending in "et" is followed by a separate "et al", never by a bare "al".
        static func gluedEtAl(_ s: Scalars, _ a: Int, _ b: Int) -> Int {
            if b - a >= 6, s[b - 4] == "e", s[b - 3] == "t", s[b - 2] == "a", s[b - 1] == "l",
               nameShaped(s, a, b - 4) {
                return 4
            }
            if b - a >= 4, s[b - 2] == "e", s[b - 1] == "t", nameShaped(s, a, b - 2) { return 2 }
            return 0
        }

        /// Whether letters look like a surname: capitalized (or "d'Alché"-style), not all capitals,
        /// at least two letters, and inner capitals only after "Mc", "De", "Le" and the like.
        static func nameShaped(_ w: Scalars, _ a: Int, _ b: Int) -> Bool {
            var letters = 0
            var uppers = 0
            var firstUpper: Bool?
            var segmentStart = a
            var previousLower = false
            var i = a
            while i < b {
                let c = w[i]
                let v = c.value
                i += 1
                if v == 0x2D || v == 0x3F || v == 0xFFFD || v == 0x2010 || v == 0x2011 || isApostrophe(c) {
                    segmentStart = i
                    previousLower = false
                    continue
                }
                guard isLetter(c) else { continue }
                let upper = isUpper(c)
                letters += 1
                if upper { uppers += 1 }
                if firstUpper == nil { firstUpper = upper }
                if upper && previousLower {
                    var prefix = ""
                    for k in segmentStart..<(i - 1) where isLetter(w[k]) {
                        prefix.unicodeScalars.append(contentsOf: w[k].properties.lowercaseMapping.unicodeScalars)
                    }
                    if !camelPrefixes.contains(prefix) { return false }
                }
                previousLower = isLower(c)
            }
            guard letters >= 2, uppers < letters else { return false }
            if firstUpper == true { return true }
            // "d'Alché-Buc", "l'Homme": a lowercase elided particle before a capital.
            return b - a >= 3 && (w[a] == "d" || w[a] == "l") && isApostrophe(w[a + 1]) && isUpper(w[a + 2])
        }
    }
}

// MARK: - Author-year matching

extension CalloutParser {
    fileprivate struct Name {
        var next: Int
        var start: Int
        var end: Int
        var possessive: Bool
        /// Letters of "et"/"etal" glued to the surname's end (see `Token.gluedEtAl`).
        var gluedEtAl: Int
    }

    fileprivate struct Year {
        var value: Int
        var suffix: String?
        var start: Int
        var end: Int
        var next: Int
    }

    fileprivate struct Match {
        var callouts: [Callout]
        var next: Int
        /// The narrative "(" this match consumed without its ")", so bracket tracking stays balanced.
        var unclosedOpen: Int?
    }

    /// Reads author-year callouts from the tokens.
    fileprivate struct Matcher {
        let s: Scalars
        let t: UnsafeBufferPointer<Token>
        /// How far (in tokens) an unclosed "(" still counts as enclosing; stray brackets must not
        /// turn the rest of a long document into citation context.
        let bracketReach = 400
        /// Longest author list tried; real lists are shorter, and the cap bounds the work per word.
        let maxAuthors = 8

        func run() -> [Callout] {
            var out: [Callout] = []
            var openBrackets: [Int] = []
            var i = 0
            while i < t.count {
                let token = t[i]
                switch token.kind {
                case .open:
                    openBrackets.append(i)
                    i += 1
                case .close:
                    if !openBrackets.isEmpty { openBrackets.removeLast() }
                    i += 1
                case .word where token.nameShaped || token.particle:
                    var inBrackets = false
                    if let open = openBrackets.last { inBrackets = i - open <= bracketReach }
                    if let m = match(at: i, inBrackets: inBrackets, unopened: openBrackets.isEmpty) {
                        out.append(contentsOf: m.callouts)
                        if let open = m.unclosedOpen { openBrackets.append(open) }
                        i = m.next
                    } else {
                        i += 1
                    }
                default:
                    i += 1
                }
            }
            return out
        }

        // MARK: Token tests

        func kind(_ i: Int) -> TokenKind? { i < t.count ? t[i].kind : nil }

        func keyword(_ i: Int) -> Keyword { i < t.count ? t[i].keyword : .none }

        func isName(_ i: Int) -> Bool { i < t.count && t[i].nameShaped && !t[i].stop }

        func isParticle(_ i: Int) -> Bool { i < t.count && t[i].particle }

        func isConjunction(_ i: Int) -> Bool { i < t.count && (t[i].kind == .amp || t[i].keyword == .and) }

        /// No space between token `i - 1` and token `i`.
        func adjacent(_ i: Int) -> Bool { i > 0 && i < t.count && t[i - 1].end == t[i].start }

        /// A single ASCII letter word, as in the "a" of "2001a".
        func isLetterWord(_ i: Int) -> Bool { i < t.count && t[i].ascii && t[i].end - t[i].start == 1 }

        // MARK: Grammar

        /// A surname at `j`: optional particles ("von", "van der", "De"), a name-shaped word, and an
        /// optional generational suffix ("Headden III", "Smith Jr.").
        func name(at j: Int) -> Name? {
            var k = j
            var particleCount = 0
            // A capitalized particle followed by no name is itself the surname ("Le and Mikolov").
            while particleCount < 3, isParticle(k), isParticle(k + 1) || isName(k + 1) {
                k += 1
                particleCount += 1
            }
            guard isName(k) else { return nil }
            var name = Name(next: k + 1, start: t[j].start, end: t[k].stemEnd,
                            possessive: t[k].stemEnd != t[k].end, gluedEtAl: t[k].gluedEtAl)
            guard !name.possessive, name.gluedEtAl == 0 else { return name }
            let after = k + 1
            if keyword(after) == .generational, isUpper(s[t[after].start]) {
                name.end = t[after].stemEnd
                name.possessive = t[after].stemEnd != t[after].end
                name.next = after + 1
                if !name.possessive, kind(after + 1) == .period, adjacent(after + 1), s[t[after].start] != "I" {
                    name.end = t[after + 1].end  // "Jr."
                    name.next = after + 2
                }
            } else if kind(after) == .other, adjacent(after),
                      s[t[after].start] == "?" || s[t[after].start] == "\u{FFFD}",
                      !(adjacent(after + 1) && kind(after + 1) == .word) {
                // "Hajic? et al.": a final letter lost to a bad encoding.
                name.end = t[after].end
                name.next = after + 1
            }
            return name
        }

        /// "et al." / "et al" / "et. al." / ", et al." / "etal" / "and colleagues" / "and others" at `k`.
        func etAl(at k: Int) -> (next: Int, possessive: Bool)? {
            var j = k
            if kind(j) == .comma, keyword(j + 1) == .et || keyword(j + 1) == .etal { j += 1 }
            var a: Int
            switch keyword(j) {
            case .et:
                a = j + 1
                if kind(a) == .period { a += 1 }
                guard keyword(a) == .al else { return nil }
            case .etal:
                a = j
            case .and where j == k && t[j].kind == .word:
                return keyword(j + 1) == .colleagues ? (j + 2, false) : nil
            default:
                return nil
            }
            let possessive = t[a].stemEnd != t[a].end
            a += 1
            if !possessive, kind(a) == .period, adjacent(a) { a += 1 }
            return (a, possessive)
        }

        /// A year 1900-2099 at `k` with an optional one-letter suffix, standing on its own:
        /// not glued to letters, digits, decimals, ranges or identifiers ("2009smileys", "1906.01234").
        func year(at k: Int) -> Year? {
            guard kind(k) == .number, t[k].end - t[k].start == 4 else { return nil }
            let first = t[k].start
            var value = 0
            var i = first
            while i < first + 4 {
                value = value * 10 + Int(s[i].value - 0x30)
                i += 1
            }
            guard value >= 1900 && value <= 2099 else { return nil }
            if adjacent(k) {
                switch t[k - 1].kind {
                case .open, .comma, .semicolon: break
                case .word where t[k - 1].keyword == .al: break  // "et al2007", from PDF extraction
                case .period where k >= 2 && t[k - 2].keyword == .al: break
                default: return nil
                }
            }
            var y = Year(value: value, suffix: nil, start: t[k].start, end: t[k].end, next: k + 1)
            let n = k + 1
            guard n < t.count, adjacent(n) else { return y }
            switch t[n].kind {
            case .word:
                guard isLetterWord(n) else { return nil }
                if adjacent(n + 1), kind(n + 1) == .word || kind(n + 1) == .number { return nil }
                y.suffix = String(s[t[n].start])
                y.end = t[n].end
                y.next = n + 1
            case .number:
                return nil
            case .period, .other:
                if t[n].kind == .other {
                    let v = s[t[n].start].value
                    if v == 0x25 { return nil }  // %
                    guard v == 0x2D || v == 0x2F || v == 0x2013 || v == 0x2014 else { break }
                }
                if adjacent(n + 1), kind(n + 1) == .number { return nil }
            default:
                break
            }
            return y
        }

        /// Years after the first one: "1991, 1996", "1999; 2002", and bare suffixes "2001a, b".
        func moreYears(after first: Year) -> (years: [Year], next: Int) {
            var years = [first]
            var k = first.next
            while kind(k) == .comma || kind(k) == .semicolon {
                if let y = year(at: k + 1) {
                    years.append(y)
                    k = y.next
                    continue
                }
                let last = years[years.count - 1]
                let letter = k + 1
                if last.suffix != nil, isLetterWord(letter) {
                    let following = kind(letter + 1)
                    if following == nil || following == .close || following == .comma || following == .semicolon {
                        years.append(Year(value: last.value, suffix: String(s[t[letter].start]),
                                          start: t[letter].start, end: t[letter].end, next: letter + 1))
                        k = letter + 1
                        continue
                    }
                }
                break
            }
            return (years, k)
        }

        /// Whether token `i` opens a sentence: nothing, or sentence punctuation, before it.
        func sentenceInitial(_ i: Int) -> Bool {
            guard i > 0 else { return true }
            switch t[i - 1].kind {
            case .period, .colon: return true
            case .other:
                let v = s[t[i - 1].start].value
                return v == 0x21 || v == 0x3F  // ! ?
            default: return false
            }
        }

        /// The author list at `i`: names joined by commas and a final "and"/"&", or one name with
        /// "et al."; returns the first name, any others (kept apart so that the common one-name case
        /// allocates nothing), the token after them, and the "et al." / possessive flags.
        func authors(at i: Int) -> (first: Name, others: [Name], next: Int, etAl: Bool, possessive: Bool)? {
            guard var first = name(at: i) else { return nil }
            var k = first.next
            if first.gluedEtAl == 4 || (first.gluedEtAl == 2 && keyword(k) == .al) {
                first.end -= first.gluedEtAl
                if first.gluedEtAl == 2 { k += 1 }
                if kind(k) == .period, adjacent(k) { k += 1 }
                return (first, [], k, true, false)
            }
            guard !first.possessive else { return (first, [], k, false, true) }
            // "Briefly, Clark and Weir (2002)": a sentence adverb, not the first of three authors.
            if kind(k) == .comma, sentenceInitial(i), t[i].ascii, t[i].stemEnd - t[i].start > 3,
               s[t[i].stemEnd - 2] == "l", s[t[i].stemEnd - 1] == "y" {
                return nil
            }
            var others: [Name] = []
            var conjunction = false
            while others.count < maxAuthors - 1, k < t.count {
                if t[k].kind == .comma {
                    if isConjunction(k + 1), let n = name(at: k + 2), n.gluedEtAl == 0 {
                        others.append(n)
                        conjunction = true
                        k = n.next
                        break
                    }
                    guard let n = name(at: k + 1), n.gluedEtAl == 0 else { break }
                    others.append(n)
                    k = n.next
                    if n.possessive { break }
                } else if isConjunction(k), let n = name(at: k + 1), n.gluedEtAl == 0 {
                    others.append(n)
                    conjunction = true
                    k = n.next
                    break
                } else {
                    break
                }
            }
            // "Penn Treebank, Marcus" is not an author list: real ones end in "and" / "&".
            if !others.isEmpty && !conjunction {
                others = []
                k = first.next
            }
            if let last = others.last { return (first, others, k, false, last.possessive) }
            if let e = etAl(at: k) { return (first, [], e.next, true, e.possessive) }
            return (first, [], k, false, false)
        }

        /// Tries to read one author-year citation (and any further years of the same authors) at `i`.
        ///
        /// `inBrackets`: an open bracket encloses `i`; `unopened`: no bracket is open at all.
        func match(at i: Int, inBrackets: Bool, unopened: Bool) -> Match? {
            guard let found = authors(at: i) else { return nil }
            var k = found.next
            var possessive = found.possessive
            if !possessive, kind(k) == .apostrophe, adjacent(k) {
                // "Schabes' (1992)", "Brown et al.'s (1993)"
                possessive = true
                k += 1
                if keyword(k) == .s, adjacent(k) { k += 1 }
            }
            let start = t[i].start

            // "Johnson et al, (2007)": tolerated once the names can only be a citation.
            var open = k
            if kind(open) == .comma, found.etAl || !found.others.isEmpty, kind(open + 1) == .open { open += 1 }
            if kind(open) == .open, let y = year(at: open + 1) {
                let (years, afterYears) = moreYears(after: y)
                var next = afterYears
                let closed = kind(next) == .close
                if closed { next += 1 }
                let firstEnd = years.count == 1 && closed ? t[next - 1].end : y.end
                let callouts = make(years, found.first, found.others, etAl: found.etAl, start: start, firstEnd: firstEnd)
                return Match(callouts: callouts, next: next, unclosedOpen: closed ? nil : open)
            }
            guard !possessive else { return nil }
            var j = k
            if kind(j) == .comma { j += 1 }
            guard let y = year(at: j) else { return nil }
            let (years, next) = moreYears(after: y)
            // "Dorr and Jones, 1996)": a sentence cut out of a parenthesis keeps only its closing bracket.
            guard found.etAl || inBrackets || (unopened && kind(next) == .close) else { return nil }
            let callouts = make(years, found.first, found.others, etAl: found.etAl, start: start, firstEnd: y.end)
            return Match(callouts: callouts, next: next, unclosedOpen: nil)
        }

        func make(_ years: [Year], _ first: Name, _ others: [Name], etAl: Bool, start: Int, firstEnd: Int) -> [Callout] {
            var surnames = [string(s, first.start, first.end)]
            for name in others { surnames.append(string(s, name.start, name.end)) }
            var callouts: [Callout] = []
            callouts.reserveCapacity(years.count)
            for (index, y) in years.enumerated() {
                let a = index == 0 ? start : y.start
                let b = index == 0 ? firstEnd : y.end
                callouts.append(Callout(kind: .authorYear, surnames: surnames, etAl: etAl, year: y.value,
                                        yearSuffix: y.suffix, text: string(s, a, b), start: a, end: b))
            }
            return callouts
        }
    }
}

// MARK: - arXiv ids and DOIs

extension CalloutParser {
    /// Finds arXiv ids and DOIs straight on the scalars: their syntax is exact, unlike prose.
    fileprivate struct IdentifierScanner {
        let s: Scalars

        func run() -> [Callout] {
            var out: [Callout] = []
            var p = 0
            while p < s.count {
                let v = s[p].value
                // A prefix taken in front of an identifier must not reach back into the one before.
                let floor = out.last?.end ?? 0
                if v | 0x20 == 0x61, let hit = arxiv(at: p, notBefore: floor) {  // a / A
                    out.append(hit)
                    p = hit.end
                } else if v == 0x31, let hit = doi(at: p, notBefore: floor) {  // 1
                    out.append(hit)
                    p = hit.end
                } else {
                    p += 1
                }
            }
            return out
        }

        /// Case-insensitive match of lowercase ASCII `w` at `p`.
        func matches(_ p: Int, _ w: String) -> Bool {
            var k = p
            for byte in w.utf8 {
                guard k < s.count, asciiLower(s[k]).value == UInt32(byte) else { return false }
                k += 1
            }
            return true
        }

        func endsWith(_ p: Int, _ w: String) -> Bool {
            let length = w.utf8.count
            return p >= length && matches(p - length, w)
        }

        /// Extends a match back over "https://", "http://", "www." / "export." / "dx." so the text is the whole link.
        func urlStart(_ p: Int) -> Int {
            var b = p
            for host in ["export.", "www.", "dx."] where endsWith(b, host) {
                b -= host.utf8.count
                break
            }
            for scheme in ["https://", "http://"] where endsWith(b, scheme) {
                return b - scheme.utf8.count
            }
            return b
        }

        func digits(from p: Int) -> Int {
            var q = p
            while q < s.count, isDigit(s[q]) { q += 1 }
            return q - p
        }

        /// "arXiv:ID", "arXiv ID", "arxiv.org/abs/ID", "arxiv.org/pdf/ID.pdf"; a bare "2212.07677" is too
        /// easily a number to count. A link's scheme and host are part of the text unless they would
        /// start before `floor`.
        func arxiv(at p: Int, notBefore floor: Int) -> Callout? {
            guard p + 5 < s.count, s[p + 1].value | 0x20 == 0x72, matches(p, "arxiv"),
                  p == 0 || !isASCIIAlnum(s[p - 1]) else { return nil }
            var q = p + 5
            var start = p
            let url = matches(q, ".org/abs/") || matches(q, ".org/pdf/")
            if url {
                q += 9
                let linkStart = urlStart(p)
                if linkStart >= floor { start = linkStart }
            } else {
                var separated = false
                while q < s.count, s[q] == " ", q - p < 8 { q += 1; separated = true }
                if q < s.count, s[q] == ":" {
                    q += 1
                    separated = true
                    while q < s.count, s[q] == " ", q - p < 10 { q += 1 }
                }
                guard separated else { return nil }
            }
            guard let id = arxivID(at: q) else { return nil }
            var end = id.end
            if url, matches(end, ".pdf") { end += 4 }
            return Callout(kind: .arxiv, identifier: id.identifier, text: string(s, start, end), start: start, end: end)
        }

        /// New-style "YYMM.NNNNN" or old-style "archive(.XX)/YYMMNNN", each with an optional "vN".
        func arxivID(at q: Int) -> (identifier: String, end: Int)? {
            let n = s.count
            let idEnd: Int
            let identifier: String
            if digits(from: q) == 4, q + 4 < n, s[q + 4] == ".", case let d = digits(from: q + 5), d == 4 || d == 5 {
                let month = Int(s[q + 2].value - 0x30) * 10 + Int(s[q + 3].value - 0x30)
                guard month >= 1 && month <= 12 else { return nil }
                idEnd = q + 5 + d
                identifier = string(s, q, idEnd)
            } else {
                var r = q
                while r < n, r - q < 12, s[r].value >= 0x61 && s[r].value <= 0x7A { r += 1 }
                guard r > q else { return nil }
                if r + 1 < n, s[r] == "-", s[r + 1].value >= 0x61 && s[r + 1].value <= 0x7A {
                    r += 1
                    while r < n, r - q < 20, s[r].value >= 0x61 && s[r].value <= 0x7A { r += 1 }
                }
                let archive = string(s, q, r)
                // The subject class ("cs.CL/0101001") is not part of the canonical id.
                if r + 3 < n, s[r] == ".", isASCIILetter(s[r + 1]), isASCIILetter(s[r + 2]), s[r + 3] == "/" { r += 3 }
                guard r < n, s[r] == "/", digits(from: r + 1) == 7 else { return nil }
                idEnd = r + 8
                identifier = archive + "/" + string(s, r + 1, idEnd)
            }
            var end = idEnd
            if end + 1 < n, s[end] == "v" || s[end] == "V", isDigit(s[end + 1]) {
                end += 1
                while end < n, isDigit(s[end]) { end += 1 }
            }
            if end < n, isASCIIAlnum(s[end]) { return nil }
            return (identifier, end)
        }

        /// "10.NNNN/suffix" with trailing sentence punctuation and unbalanced closing brackets trimmed.
        /// A "doi:" or link prefix is part of the text unless it would start before `floor`
        /// ("10.1145/doi 10.1145/2": the first DOI's "doi" is not the second one's prefix).
        func doi(at p: Int, notBefore floor: Int) -> Callout? {
            let n = s.count
            guard p + 3 < n, s[p + 1].value == 0x30, s[p + 2].value == 0x2E else { return nil }
            if p > 0, isASCIIAlnum(s[p - 1]) || s[p - 1] == "." || s[p - 1] == "-" { return nil }
            var q = p + 3
            let registrant = digits(from: q)
            guard registrant >= 4 && registrant <= 9 else { return nil }
            q += registrant
            while q + 1 < n, s[q] == ".", isDigit(s[q + 1]) { q += 1 + digits(from: q + 1) }
            guard q + 1 < n, s[q] == "/" else { return nil }
            let bodyStart = q + 1
            var end = bodyStart
            // Brackets are legal inside DOIs ("10.1002/(SICI)1097-…"), so only unbalanced closers are cut.
            var parens = 0, squares = 0, braces = 0
            while end < n {
                let c = s[end]
                if isSpace(c) || c == "\"" || c == "<" || c == ">" || c.value < 0x20 || c == "\u{201D}" { break }
                switch c {
                case "(": parens += 1
                case ")": parens -= 1
                case "[": squares += 1
                case "]": squares -= 1
                case "{": braces += 1
                case "}": braces -= 1
                default: break
                }
                end += 1
            }
            trimming: while end > bodyStart {
                switch s[end - 1] {
                case ".", ",", ";", ":", "!", "?", "'", "\u{2019}": break
                case ")" where parens < 0: parens += 1
                case "]" where squares < 0: squares += 1
                case "}" where braces < 0: braces += 1
                default: break trimming
                }
                end -= 1
            }
            guard end > bodyStart else { return nil }
            let prefixed = prefixStart(p)
            let start = prefixed >= floor ? prefixed : p
            let identifier = string(s, p, end).lowercased()
            return Callout(kind: .doi, identifier: identifier, text: string(s, start, end), start: start, end: end)
        }

        /// Takes "doi:", "DOI " or a doi.org link in front of the DOI into the callout's text.
        func prefixStart(_ p: Int) -> Int {
            if endsWith(p, "doi.org/") { return urlStart(p - 8) }
            var b = p
            while b > 0, s[b - 1] == " ", p - b < 2 { b -= 1 }
            if endsWith(b, "doi:") { return b - 4 }
            if b < p, endsWith(b, "doi"), b == 3 || !isASCIILetter(s[b - 4]) { return b - 3 }
            return p
        }
    }
}

// MARK: - Merging

extension CalloutParser {
    /// Both inputs are in order; an author-year match inside an identifier ("arXiv:1906.01234") is dropped.
    fileprivate static func merge(identifiers: [Callout], authorYear: [Callout]) -> [Callout] {
        guard !identifiers.isEmpty else { return authorYear }
        var out: [Callout] = []
        out.reserveCapacity(identifiers.count + authorYear.count)
        var i = 0
        for callout in authorYear {
            while i < identifiers.count, identifiers[i].end <= callout.start {
                out.append(identifiers[i])
                i += 1
            }
            if i < identifiers.count, identifiers[i].start < callout.end { continue }
            out.append(callout)
        }
        out.append(contentsOf: identifiers[i...])
        return out
    }
}
