/// A token of an abstract: a span of Unicode scalars with what the extractor needs to know about
/// it, computed once. Offsets count Unicode scalars, like Python string indices.
struct Token {
    enum Kind: UInt8 { case word, number, punct }

    /// Facts about a token that depend only on the text around it, which the extractor's stages
    /// ask about again and again; the extractor sets them once when it reads a field.
    struct Traits: OptionSet {
        let rawValue: UInt8
        /// A hyphen or slash joining the tokens on either side without spaces ("in-context").
        static let connector = Traits(rawValue: 1 << 0)
        /// A word that can be part of a concept phrase whatever has been claimed: no stopword,
        /// two scalars or more, not opening with a digit, no "-ly" ending.
        static let contentWord = Traits(rawValue: 1 << 1)
        /// Ends in "ly", "ed" or "ing" and is at least three scalars longer than that ending.
        static let endsLy = Traits(rawValue: 1 << 2)
        static let endsEd = Traits(rawValue: 1 << 3)
        static let endsIng = Traits(rawValue: 1 << 4)
    }

    var start: Int
    var end: Int
    /// FNV-1a over the lowercased letters and digits: the same for "ResNet" and "resnet".
    var hash: UInt64
    /// The same hash without the last scalar: the singular of a plural word ("networks").
    var stemHash: UInt64
    /// The word lists this token is in, filled in by the extractor when it reads a field.
    var lists: WordSets.Lists = []
    // The small fields last, so a token stays 48 bytes.
    var kind: Kind
    /// First scalar is an uppercase letter.
    var capitalized: Bool
    /// An uppercase letter after the first scalar ("DualPrompt", "PSNR", "HyperFL").
    var innerUpper: Bool
    /// Letters and digits mixed ("ResNet18", "T5", "D2NWG").
    var hasDigit: Bool
    var hasLetter: Bool
    var traits: Traits = []
    var length: Int { end - start }

    init(start: Int, end: Int, kind: Kind, hash: UInt64, stemHash: UInt64 = 0, capitalized: Bool, innerUpper: Bool,
         hasDigit: Bool, hasLetter: Bool) {
        self.start = start
        self.end = end
        self.kind = kind
        self.hash = hash
        self.stemHash = stemHash
        self.capitalized = capitalized
        self.innerUpper = innerUpper
        self.hasDigit = hasDigit
        self.hasLetter = hasLetter
    }
}

/// A sentence: a range of tokens and of scalars.
struct Sentence {
    var index: Int
    var tokens: Range<Int>
    var start: Int
    var end: Int
}

/// Splits text into tokens and sentences in one pass, without allocating per token.
///
/// Words keep internal apostrophes ("model's" is one token up to the apostrophe); hyphens,
/// slashes and brackets are tokens of their own so "in-context" and "in context" meet in the same
/// key. Numbers keep their decimal point and version letters ("3.5", "v2", "1.4B"). Sentences end
/// at ".", "?" or "!" followed by a space and an uppercase letter, digit or bracket, except after
/// abbreviations (e.g., i.e., et al., vs., Fig., Eq.) and initials.
enum Tokenizer {
    static let fnvOffset = FNV1a.offset

    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        FNV1a.mix(hash, UInt64(value))
    }

    @inline(__always)
    static func lower(_ c: Unicode.Scalar) -> UInt32 {
        let v = c.value
        // Unsigned wrap-around turns each ASCII range test into one comparison.
        if v < 128 { return v &- 65 < 26 ? v | 0x20 : v }
        return c.properties.lowercaseMapping.unicodeScalars.first?.value ?? v
    }

    @inline(__always)
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return (v | 0x20) &- 97 < 26 }
        return c.properties.isAlphabetic
    }

    @inline(__always)
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v == 32 || v &- 9 < 5 }
        return c.properties.isWhitespace
    }

    @inline(__always)
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value &- 48 < 10 }

    @inline(__always)
    static func isUpper(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 128 { return v &- 65 < 26 }
        return c.properties.isUppercase
    }

    /// Lowercased abbreviations that do not end a sentence.
    static let abbreviations: Set<String> = ["e.g", "i.e", "al", "vs", "fig", "figs", "eq", "eqs", "etc", "cf", "approx",
                                             "resp", "sec", "ref", "refs", "no", "vol", "dr", "prof", "mr", "ms", "st",
                                             "viz", "ca", "incl", "wrt", "w.r.t", "tab", "thm", "def", "app", "appx", "ch"]

    /// The sentences of `text` as strings, with their scalar offsets (end exclusive): for
    /// quoting evidence, where the tokens themselves are not needed.
    static func sentenceTexts(_ text: String) -> [(start: Int, end: Int, text: String)] {
        let scalars = Array(text.unicodeScalars)
        return tokenize(scalars).sentences.map { ($0.start, $0.end, String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))) }
    }

    static func tokenize(_ s: [Unicode.Scalar]) -> (tokens: [Token], sentences: [Sentence]) {
        var tokens: [Token] = []
        tokens.reserveCapacity(s.count / 5)
        var i = 0
        let n = s.count
        while i < n {
            let c = s[i]
            if isSpace(c) { i += 1; continue }
            let start = i
            if isURLStart(s, i) {
                // A URL is one opaque token no stage reads.
                var j = i
                while j < n, !isSpace(s[j]) { j += 1 }
                while j > i + 1, [".", ",", ")", ";"].contains(s[j - 1]) { j -= 1 }
                tokens.append(Token(start: i, end: j, kind: .punct, hash: 0, capitalized: false,
                                    innerUpper: false, hasDigit: false, hasLetter: false))
                i = j
                continue
            }
            if isLetter(c) || isDigit(c) {
                var hash = fnvOffset
                var stem = fnvOffset
                var innerUpper = false
                var hasDigit = false
                var hasLetter = false
                var j = i
                while j < n {
                    let d = s[j]
                    if isLetter(d) {
                        hasLetter = true
                        if j > start && isUpper(d) { innerUpper = true }
                        stem = hash
                        hash = mix(hash, lower(d))
                        j += 1
                    } else if isDigit(d) {
                        hasDigit = true
                        stem = hash
                        hash = mix(hash, d.value)
                        j += 1
                    } else if (d == "." || d == ",") && j + 1 < n && isDigit(s[j + 1]) && j > start && isDigit(s[j - 1]) {
                        // 3.5, 1,000: a separator inside a number.
                        j += 1
                    } else if (d == "'" || d == "’") && j + 1 < n && isLetter(s[j + 1]) && j + 2 < n && !isLetter(s[j + 2]) {
                        // possessive 's: stop before it
                        break
                    } else {
                        break
                    }
                }
                let kind: Token.Kind = hasLetter ? .word : .number
                tokens.append(Token(start: start, end: j, kind: kind, hash: hash, stemHash: stem, capitalized: isUpper(c),
                                    innerUpper: innerUpper, hasDigit: hasDigit, hasLetter: hasLetter))
                i = j
            } else {
                tokens.append(Token(start: i, end: i + 1, kind: .punct, hash: mix(fnvOffset, c.value), capitalized: false,
                                    innerUpper: false, hasDigit: false, hasLetter: false))
                i += 1
            }
        }
        return (tokens, sentences(s, tokens))
    }

    /// "http://", "https://", "www." at `i`.
    static func isURLStart(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        func matches(_ prefix: String) -> Bool {
            var k = i
            for p in prefix.unicodeScalars {
                guard k < s.count, Tokenizer.lower(s[k]) == p.value else { return false }
                k += 1
            }
            return true
        }
        guard s[i] == "h" || s[i] == "w" || s[i] == "H" || s[i] == "W" else { return false }
        if i > 0, isLetter(s[i - 1]) { return false }
        return matches("http://") || matches("https://") || matches("www.")
    }

    static func sentences(_ s: [Unicode.Scalar], _ tokens: [Token]) -> [Sentence] {
        var result: [Sentence] = []
        var first = 0
        var depth = 0
        for (k, t) in tokens.enumerated() {
            guard t.kind == .punct else { continue }
            let c = s[t.start]
            if c == "(" || c == "[" { depth += 1; continue }
            if c == ")" || c == "]" { depth = max(0, depth - 1); continue }
            guard c == "." || c == "?" || c == "!" else { continue }
            guard depth == 0 else { continue }
            // The next token must start a new sentence.
            guard k + 1 < tokens.count else { continue }
            let next = tokens[k + 1]
            guard next.start > t.end else { continue }  // "e.g." inner dots, decimals, URLs
            let nc = s[next.start]
            guard isUpper(nc) || isDigit(nc) || nc == "(" || nc == "[" || nc == "“" || nc == "\"" else { continue }
            if c == ".", k > first {
                let prev = tokens[k - 1]
                // Initials ("J. Smith"), the last letter of "e.g." and "i.e.", and abbreviations
                // ("et al.", "Fig.", "vs.") do not end a sentence.
                if prev.kind == .word && prev.end == t.start {
                    if prev.length == 1 { continue }
                    if abbreviations.contains(abbreviationKey(s, prev)) { continue }
                }
            }
            result.append(Sentence(index: result.count, tokens: first..<(k + 1), start: tokens[first].start, end: t.end))
            first = k + 1
        }
        if first < tokens.count {
            result.append(Sentence(index: result.count, tokens: first..<tokens.count, start: tokens[first].start, end: tokens[tokens.count - 1].end))
        }
        return result
    }

    /// The lowercased text of a short word token, for abbreviation checks (sentence ends only).
    static func abbreviationKey(_ s: [Unicode.Scalar], _ t: Token) -> String {
        guard t.length <= 6 else { return "" }
        var out = String.UnicodeScalarView()
        for x in s[t.start..<t.end] { out.append(Unicode.Scalar(lower(x))!) }
        return String(out)
    }
}
