/// The extraction of one field (a title or an abstract): tokens, the claim mask and the stages.
struct FieldExtraction {
    let s: [Unicode.Scalar]
    let tokens: [Token]
    let sentences: [Sentence]
    let field: TextField
    let lexicon: Lexicon
    /// Which sentence each token is in.
    var sentenceOf: [Int32]
    /// Tokens already explained by a mention.
    var claimed: [Bool]
    var candidates: [Extractor.Candidate] = []
    var abbreviations: [Abbreviation] = []
    /// Defined short forms in this field: hash of the short form (and of its plural) → (long form key, kind, weak).
    var shortForms: [UInt64: (key: String, kind: MentionKind, weak: Bool)] = [:]
    /// The name a title introduces ("CODA-Prompt" in "CODA-Prompt: …").
    var titleName: String?

    /// The field's UTF-8 bytes and, per scalar, where it starts in them: building a mention's
    /// text is then one copy of bytes. An ASCII field (most abstracts) needs no offsets: there a
    /// scalar is a byte.
    let utf8: [UInt8]
    let utf8Offsets: [Int32]
    let isASCII: Bool

    init(text: String, field: TextField, lexicon: Lexicon) {
        let bytes = Array(text.utf8)
        utf8 = bytes
        isASCII = !bytes.contains { $0 >= 128 }
        if isASCII {
            s = [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, count in
                for (i, byte) in bytes.enumerated() { out[i] = Unicode.Scalar(byte) }
                count = bytes.count
            }
            utf8Offsets = []
        } else {
            var scalars: [Unicode.Scalar] = []
            var offsets: [Int32] = []
            scalars.reserveCapacity(utf8.count)
            offsets.reserveCapacity(utf8.count + 1)
            var offset: Int32 = 0
            for c in text.unicodeScalars {
                scalars.append(c)
                offsets.append(offset)
                offset += Int32(UTF8.width(c))
            }
            offsets.append(offset)
            s = scalars
            utf8Offsets = offsets
        }
        var tokens: [Token]
        (tokens, sentences) = Tokenizer.tokenize(s)
        for k in tokens.indices { tokens[k].lists = WordSets.lists(tokens[k].hash) }
        Self.setTraits(&tokens, s)
        self.tokens = tokens
        self.field = field
        self.lexicon = lexicon
        claimed = [Bool](repeating: false, count: tokens.count)
        sentenceOf = [Int32](repeating: 0, count: tokens.count)
        for sentence in sentences {
            for k in sentence.tokens { sentenceOf[k] = Int32(sentence.index) }
        }
    }

    // MARK: Token helpers

    func text(_ a: Int, _ b: Int) -> String {
        let from = isASCII ? tokens[a].start : Int(utf8Offsets[tokens[a].start])
        let to = isASCII ? tokens[b].end : Int(utf8Offsets[tokens[b].end])
        return utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[from..<to]), as: UTF8.self) }
    }

    func scalar(_ k: Int) -> Unicode.Scalar { s[tokens[k].start] }

    func isPunct(_ k: Int, _ c: Unicode.Scalar) -> Bool {
        k >= 0 && k < tokens.count && tokens[k].kind == .punct && s[tokens[k].start] == c
    }

    /// Adjacent: no space between token k and k+1.
    func adjacent(_ k: Int) -> Bool { k + 1 < tokens.count && tokens[k].end == tokens[k + 1].start }

    func isWord(_ k: Int) -> Bool { k >= 0 && k < tokens.count && tokens[k].kind == .word }

    func inList(_ k: Int, _ list: WordSets.Lists) -> Bool { k >= 0 && k < tokens.count && tokens[k].lists.contains(list) }

    /// A hyphen or slash joining two tokens without spaces ("in-context", "input/output").
    func isConnector(_ k: Int) -> Bool { k >= 0 && k < tokens.count && tokens[k].traits.contains(.connector) }

    /// Sets every token's traits, from the text alone (claims do not change them): one pass,
    /// where the stages would otherwise test the same token's neighbours and endings many times.
    static func setTraits(_ tokens: inout [Token], _ s: [Unicode.Scalar]) {
        let count = tokens.count
        for k in 0..<count {
            let t = tokens[k]
            var traits: Token.Traits = []
            if t.kind == .punct, k > 0, k + 1 < count {
                let c = s[t.start]
                if (c == "-" || c == "/" || c == "‐" || c == "–") && tokens[k - 1].end == t.start && t.end == tokens[k + 1].start {
                    traits.insert(.connector)
                }
            }
            if t.length > 4 {
                // An ending counts when the token is at least three scalars longer than it.
                let last = Tokenizer.lower(s[t.end - 1])
                let before = Tokenizer.lower(s[t.end - 2])
                if before == 108 && last == 121 { traits.insert(.endsLy) }  // "ly"
                if before == 101 && last == 100 { traits.insert(.endsEd) }  // "ed"
                if t.length > 5, before == 110, last == 103, Tokenizer.lower(s[t.end - 3]) == 105 { traits.insert(.endsIng) }  // "ing"
            }
            if t.kind == .word, !t.lists.contains(.stopwords), t.length >= 2, !Tokenizer.isDigit(s[t.start]), !traits.contains(.endsLy) {
                traits.insert(.contentWord)
            }
            tokens[k].traits = traits
        }
    }

    /// Name-like: inner capitals, letters mixed with digits, or all capitals ("DualPrompt",
    /// "D2NWG", "PSNR"); not a number with a unit ("7B", "4x") and not a generic acronym.
    func isNameLike(_ k: Int) -> Bool {
        let t = tokens[k]
        guard t.kind == .word else { return false }
        if Tokenizer.isDigit(s[t.start]) {
            // "2nd", "7B", "1.4B", "4x": numbers with a unit.
            let letters = s[t.start..<t.end].filter { Tokenizer.isLetter($0) }.count
            if letters <= 2 { return false }
        }
        if t.lists.contains(.genericAcronyms) { return false }
        if t.innerUpper {
            // "COntinual", "DAtaset": capitals only at the front of a long lowercase word spell out
            // an acronym; the word itself is no name.
            var k = t.start
            while k < t.end, Tokenizer.isUpper(s[k]) { k += 1 }
            let rest = s[k..<t.end]
            if k - t.start >= 2, rest.count >= 5, rest.allSatisfy({ Tokenizer.isLetter($0) && !Tokenizer.isUpper($0) }) { return false }
            return t.length >= 2
        }
        if t.hasDigit && t.hasLetter && t.capitalized { return true }
        return false
    }

    mutating func claim(_ a: Int, _ b: Int) { for k in a...b { claimed[k] = true } }

    func anyClaimed(_ a: Int, _ b: Int) -> Bool { (a...b).contains { claimed[$0] } }

    mutating func add(_ kind: MentionKind, _ a: Int, _ b: Int, key: String? = nil, evidence: MentionEvidence,
                      weak: Bool = false, introduced: Bool = false) {
        let surface = text(a, b)
        let k = key ?? ConceptKey.make(surface)
        guard !k.isEmpty else { return }
        claim(a, b)
        candidates.append(Extractor.Candidate(
            mention: Mention(kind: kind, surface: surface, key: k, field: field, sentence: Int(sentenceOf[a]),
                             start: tokens[a].start, end: tokens[b].end, evidence: evidence, introduced: introduced),
            weak: weak))
    }

    // MARK: Stages

    mutating func run(isTitle: Bool) {
        findDefinitions()
        matchLexicon()
        resolveDefinitions()
        if isTitle { titlePrefix() }
        findNames()
        if !isTitle { capitalizedPhrases() }
        cueNamedDatasets()
        extendDatasetSpans()
        taskPatterns()
        metricPatterns()
        conceptPhrases()
        if !isTitle { markIntroductions() }
        candidates.sort { $0.mention.start < $1.mention.start }
    }

    /// "long form (SF)" and "SF (long form)", matched Schwartz–Hearst style: every character of
    /// the short form, in order, in the long form, the first one at the start of a word.
    mutating func findDefinitions() {
        var k = 0
        while k < tokens.count {
            defer { k += 1 }
            guard isPunct(k, "(") else { continue }
            var close = k + 1
            while close < tokens.count, close - k <= 12, !isPunct(close, ")") { close += 1 }
            guard close < tokens.count, isPunct(close, ")"), close > k + 1 else { continue }
            let inner = text(k + 1, close - 1)
            let innerTokens = close - k - 1
            let sentence = sentenceOf[k]
            let letters = inner.unicodeScalars.filter { Tokenizer.isLetter($0) }
            let uppers = letters.filter { Tokenizer.isUpper($0) }.count
            if innerTokens <= 4, inner.count >= 2, inner.count <= 12, uppers >= 1,
               !inner.contains(" "), Tokenizer.isLetter(inner.unicodeScalars.first!) || Tokenizer.isDigit(inner.unicodeScalars.first!) {
                // long form (SF): look back over at most min(|SF| + 5, 2|SF|) words.
                let maxWords = min(letters.count + 5, letters.count * 2)
                var words = 0
                var a = k - 1
                var start: Int?
                while a >= 0, sentenceOf[a] == sentence, words < maxWords {
                    if tokens[a].kind == .punct && !isConnector(a) { break }
                    if tokens[a].kind != .punct { words += 1 }
                    if let lf = Self.matchLongForm(short: inner, long: text(a, k - 1)), lf == 0 {
                        start = a
                        // Prefer the shortest long form that matches.
                        break
                    }
                    a -= 1
                }
                if let a = start, a < k - 1 || tokens[a].length > inner.count {
                    abbreviations.append(Abbreviation(short: inner, long: text(a, k - 1), sentence: Int(sentence)))
                    pendingDefinitions.append((a, k - 1, k + 1, close - 1))
                }
            } else if innerTokens >= 2, k > 0, tokens[k - 1].kind == .word, tokens[k - 1].innerUpper || isAllCaps(k - 1) {
                // SF (long form)
                let short = text(k - 1, k - 1)
                if Self.matchLongForm(short: short, long: inner) == 0 {
                    abbreviations.append(Abbreviation(short: short, long: inner, sentence: Int(sentence)))
                    pendingDefinitions.append((k + 1, close - 1, k - 1, k - 1))
                }
            }
        }
    }

    /// Long-form span and short-form span of each definition, for `resolveDefinitions`.
    var pendingDefinitions: [(Int, Int, Int, Int)] = []

    func isAllCaps(_ k: Int) -> Bool {
        let t = tokens[k]
        guard t.length >= 2 else { return false }
        return s[t.start..<t.end].allSatisfy { !Tokenizer.isLetter($0) || Tokenizer.isUpper($0) }
    }

    /// Schwartz–Hearst: returns the offset in `long` where the match starts, 0 when it starts at
    /// the beginning (what a definition needs), nil when the short form does not match.
    static func matchLongForm(short: String, long: String) -> Int? {
        let sf = Array(short.lowercased().unicodeScalars).filter { Tokenizer.isLetter($0) || Tokenizer.isDigit($0) }
        let lf = Array(long.lowercased().unicodeScalars)
        guard !sf.isEmpty, lf.count > sf.count else { return nil }
        var si = sf.count - 1
        var li = lf.count - 1
        // A trailing "s" of a plural short form ("PFNs") need not appear in the long form.
        if si > 0, sf[si] == "s", short.unicodeScalars.last == "s" { si -= 1 }
        while si >= 0 {
            let c = sf[si]
            while li >= 0 && (lf[li] != c || (si == 0 && li > 0 && (Tokenizer.isLetter(lf[li - 1]) || Tokenizer.isDigit(lf[li - 1])))) {
                li -= 1
            }
            if li < 0 { return nil }
            li -= 1
            si -= 1
        }
        let startOffset = li + 1
        // The match must begin at a word start.
        return startOffset == 0 ? 0 : startOffset
    }

    /// Longest lexicon match at each token.
    mutating func matchLexicon() {
        let surfaces = lexicon.surfaces
        let prefixes = lexicon.prefixes
        var k = 0
        while k < tokens.count {
            guard tokens[k].kind != .punct, !claimed[k] else { k += 1; continue }
            var hash = Tokenizer.fnvOffset
            var best: (end: Int, entry: Int)?
            var j = k
            var words = 0
            var hasUpper = false
            while j < tokens.count, words < lexicon.maxTokens {
                let t = tokens[j]
                if t.kind == .punct {
                    if isConnector(j) { j += 1; continue }
                    break
                }
                if j > k && claimed[j] { break }
                words += 1
                if t.capitalized || t.innerUpper { hasUpper = true }
                let before = hash
                if j == k {
                    // The phrase so far is this one word: its hash is the tokenizer's.
                    hash = t.hash
                } else {
                    for c in s[t.start..<t.end] where Tokenizer.isLetter(c) || Tokenizer.isDigit(c) {
                        hash = Tokenizer.mix(hash, Tokenizer.lower(c))
                    }
                }
                if lexicon.mayContain(hash), let surface = surfaces[hash], !surface.needsUpper || hasUpper {
                    best = (j, surface.entry)
                } else if t.length > 3, Tokenizer.lower(s[t.end - 1]) == 115 /* s */ {
                    // Plural: the same surface without its final "s".
                    var h = before
                    if j == k {
                        h = t.stemHash
                    } else {
                        for c in s[t.start..<(t.end - 1)] where Tokenizer.isLetter(c) || Tokenizer.isDigit(c) {
                            h = Tokenizer.mix(h, Tokenizer.lower(c))
                        }
                    }
                    if lexicon.mayContain(h), let surface = surfaces[h], !surface.needsUpper || hasUpper {
                        best = (j, surface.entry)
                    }
                }
                if !lexicon.mayContain(hash) || !prefixes.contains(hash) { break }
                j += 1
            }
            if let best {
                // A match must not cut a hyphenated word in half ("pre-" + "training").
                if isConnector(best.end + 1) || (k > 0 && isConnector(k - 1)) {
                    k += 1
                    continue
                }
                let entry = lexicon.entries[best.entry]
                add(entry.kind, k, best.end, key: entry.key, evidence: .lexicon)
                k = best.end + 1
            } else {
                k += 1
            }
        }
    }

    /// Types each defined abbreviation and records its long form and every use of its short form.
    mutating func resolveDefinitions() {
        for (la, lb, sa, sb) in pendingDefinitions {
            let long = text(la, lb)
            let short = text(sa, sb)
            var kind: MentionKind
            var weak = false
            var key = ConceptKey.make(long)
            if let existing = candidates.first(where: { $0.mention.start <= tokens[la].start && $0.mention.end >= tokens[lb].end }) {
                kind = existing.mention.kind
                key = existing.mention.key
            } else if let entry = lexicon.entry(forKey: ConceptKey.make(short)) ?? lexicon.entry(forKey: key) {
                kind = entry.kind
                key = entry.key
            } else {
                (kind, weak) = headKind(lb, lower: true)
            }
            if !anyClaimed(la, lb) { add(kind, la, lb, key: key, evidence: .definition, weak: weak) }
            if !anyClaimed(sa, sb) { add(kind, sa, sb, key: key, evidence: .definition, weak: weak) }
            let shortHash = Lexicon.hash(short)
            shortForms[shortHash] = (key, kind, weak)
            shortForms[Lexicon.hash(short + "s")] = (key, kind, weak)
        }
        guard !shortForms.isEmpty else { return }
        for k in tokens.indices where tokens[k].kind == .word && !claimed[k] {
            if let form = shortForms[tokens[k].hash], !isConnector(k + 1), !(k > 0 && isConnector(k - 1)) {
                add(form.kind, k, k, key: form.key, evidence: .definition, weak: form.weak)
            }
        }
    }

    /// The kind a phrase's last word suggests ("… Networks" → method, "… Corpus" → data set).
    func headKind(_ last: Int, lower: Bool) -> (MentionKind, Bool) {
        let lists = tokens[last].lists
        if lists.contains(.datasetHeads) { return (.dataset, false) }
        if lists.contains(.taskHeads) { return (.task, false) }
        if lists.contains(.metricHeads) { return (.metric, false) }
        if lists.contains(.methodHeads) { return (.method, false) }
        return (.concept, true)
    }

    /// "CODA-Prompt: COntinual Decomposed …" introduces "CODA-Prompt".
    mutating func titlePrefix() {
        guard let colon = tokens.firstIndex(where: { $0.kind == .punct && s[$0.start] == ":" }), colon > 0, colon <= 5 else { return }
        let a = 0
        let b = colon - 1
        for k in a...b where tokens[k].kind == .word && tokens[k].lists.contains(.stopwords) { return }
        guard (a...b).contains(where: { isNameLike($0) }) || (a...b).allSatisfy({ tokens[$0].kind != .word || tokens[$0].capitalized }) else { return }
        // Gerunds and questions open titles that are not names ("Revisiting …", "Why …").
        let first = text(a, a).lowercased()
        if first.hasSuffix("ing") || ["towards", "toward", "on", "why", "what", "how", "when", "do", "does", "is", "are", "beyond", "rethinking"].contains(first) { return }
        titleName = text(a, b)
        if let i = candidates.firstIndex(where: { $0.mention.start == tokens[a].start && $0.mention.end == tokens[b].end }) {
            candidates[i].mention.introduced = true
            return
        }
        if anyClaimed(a, b) { return }
        add(.method, a, b, evidence: .title, introduced: true)
    }

    /// Name-like tokens, joined with hyphenated parts ("Kinetics-400", "EfficientNetV2-S"), typed by
    /// the words around them.
    mutating func findNames() {
        var k = 0
        while k < tokens.count {
            guard tokens[k].kind == .word, !claimed[k] else { k += 1; continue }
            let capitalizedNumbered = tokens[k].capitalized && isConnector(k + 1) && tokens[k + 2].kind == .number
            guard isNameLike(k) || capitalizedNumbered else { k += 1; continue }
            // Do not start inside a hyphenated word.
            if k > 0 && isConnector(k - 1) { k += 1; continue }
            var b = k
            while isConnector(b + 1), b + 2 < tokens.count, tokens[b + 2].kind != .punct, !claimed[b + 2] { b += 2 }
            // A capitalized word right before a name joins it ("Wide ResNet", "Switch Transformer-XL").
            var a = k
            if a > 0, tokens[a - 1].kind == .word, tokens[a - 1].capitalized, !claimed[a - 1],
               !tokens[a - 1].lists.contains(.stopwords), a - 1 > sentenceStart(a), !(a > 1 && isConnector(a - 2)) {
                a -= 1
            }
            let (kind, weak, evidence) = typeName(a, b)
            add(kind, a, b, evidence: evidence, weak: weak)
            k = b + 1
        }
    }

    func sentenceStart(_ k: Int) -> Int { sentences[Int(sentenceOf[k])].tokens.lowerBound }

    /// The kind of a name from its context.
    func typeName(_ a: Int, _ b: Int) -> (MentionKind, Bool, MentionEvidence) {
        let next = b + 1 < tokens.count ? b + 1 : b
        let next2 = b + 2 < tokens.count ? b + 2 : b
        if inList(next, .datasetCues) || (isWord(next) && inList(next2, .datasetCues) && !inList(next, .stopwords)) {
            return (.dataset, false, .pattern)
        }
        if inList(next, .methodCues) { return (.method, false, .pattern) }
        if inList(next, .metricHeads) && !inList(next, .strongMetricHeads) { return (.metric, false, .pattern) }
        // "on X" in a sentence about data sets or benchmarks.
        let prev = a - 1
        if prev >= 0, tokens[prev].hash == WordSets.onHash || tokens[prev].hash == WordSets.fromHash {
            let sentence = sentences[Int(sentenceOf[a])]
            if sentence.tokens.contains(where: { tokens[$0].lists.contains(.datasetCues) }) {
                return (.dataset, false, .pattern)
            }
        }
        // A list with a known data set: "CIFAR-10, X and Y".
        let sentence = sentences[Int(sentenceOf[a])]
        if candidates.contains(where: { $0.mention.kind == .dataset && !$0.weak && $0.mention.sentence == sentence.index
            && abs($0.mention.start - tokens[a].start) < 40 }) && isListNeighbour(a, b) {
            return (.dataset, false, .pattern)
        }
        return (.method, true, .pattern)
    }

    /// The name sits in a comma/and list.
    func isListNeighbour(_ a: Int, _ b: Int) -> Bool {
        let before = a - 1
        let after = b + 1
        func listy(_ k: Int) -> Bool {
            guard k >= 0, k < tokens.count else { return false }
            if isPunct(k, ",") { return true }
            return text(k, k).lowercased() == "and" || text(k, k).lowercased() == "or"
        }
        return listy(before) || listy(after)
    }

    /// Runs of two or more capitalized words inside a sentence ("Secure Multi-party Computing",
    /// "Colossal Clean Crawled Corpus", "Switch Transformer"), typed by their last word.
    mutating func capitalizedPhrases() {
        for sentence in sentences {
            // Headline-style sentences (most words capitalized) say nothing by case.
            var words = 0
            var capitals = 0
            for k in sentence.tokens where tokens[k].kind == .word {
                words += 1
                if tokens[k].capitalized { capitals += 1 }
            }
            if words >= 4 && capitals * 2 > words { continue }
            var k = sentence.tokens.lowerBound
            while k < sentence.tokens.upperBound {
                guard tokens[k].kind == .word, tokens[k].capitalized, !claimed[k], !(k > 0 && isConnector(k - 1)) else { k += 1; continue }
                var b = k
                var count = 1
                var j = k
                while true {
                    if isConnector(j + 1), j + 2 < sentence.tokens.upperBound, tokens[j + 2].kind == .word, !claimed[j + 2] {
                        j += 2; b = j; continue
                    }
                    if j + 1 < sentence.tokens.upperBound, tokens[j + 1].kind == .word, tokens[j + 1].capitalized, !claimed[j + 1],
                       !tokens[j + 1].lists.contains(.stopwords) {
                        j += 1; b = j; count += 1; continue
                    }
                    break
                }
                let atStart = k == sentence.tokens.lowerBound
                if count >= 2 && !(atStart && count < 3) && !tokens[k].lists.contains(.stopwords) {
                    let (kind, weak) = headKind(b, lower: false)
                    let (ctxKind, ctxWeak, _) = typeName(k, b)
                    let chosen = weak && !ctxWeak ? ctxKind : kind
                    add(chosen, k, b, evidence: .pattern, weak: weak && ctxWeak)
                }
                k = b + 1
            }
        }
    }

    /// The last token of a data-set cue noun right after token `b` ("dataset", "data set",
    /// "corpus", "benchmark"), or nil.
    func datasetCueEnd(after b: Int) -> Int? {
        let k = b + 1
        guard k < tokens.count, tokens[k].kind == .word, !claimed[k] else { return nil }
        if tokens[k].lists.contains(.datasetCueNouns) { return k }
        if tokens[k].hash == WordSets.dataHash, k + 1 < tokens.count, tokens[k + 1].lists.contains(.setWords), !claimed[k + 1] { return k + 1 }
        return nil
    }

    /// "the Enron dataset", "Brown corpus", "la1 data set": a capitalized or numbered word named as
    /// a data set by the noun after it.
    mutating func cueNamedDatasets() {
        for k in tokens.indices where tokens[k].kind == .word && !claimed[k] && (tokens[k].capitalized || tokens[k].hasDigit) {
            guard datasetCueEnd(after: k) != nil else { continue }
            if tokens[k].lists.contains(.stopwords) || tokens[k].lists.contains(.genericModifiers)
                || tokens[k].lists.contains(.genericDatasetWords) { continue }
            if k > 0 && isConnector(k - 1) { continue }
            add(.dataset, k, k, evidence: .pattern)
        }
    }

    /// A data-set mention takes the cue noun after it into its span ("MegaFace dataset"), keeping
    /// its key ("megaface").
    mutating func extendDatasetSpans() {
        for i in candidates.indices where candidates[i].mention.kind == .dataset {
            guard let last = tokens.lastIndex(where: { $0.end == candidates[i].mention.end }),
                  let cue = datasetCueEnd(after: last) else { continue }
            claim(last + 1, cue)
            candidates[i].mention.end = tokens[cue].end
            candidates[i].mention.surface = text(tokens.firstIndex(where: { $0.start == candidates[i].mention.start }) ?? last, cue)
        }
    }

    /// Collects up to `max` modifier words before token `head` (hyphenated parts included), for
    /// task and metric phrases. Returns the first token of the phrase.
    func modifiers(before head: Int, max: Int) -> Int {
        var a = head
        var words = 0
        var k = head - 1
        let lower = sentenceStart(head)
        while k >= lower, words < max {
            if isConnector(k), k - 1 >= lower, tokens[k - 1].kind != .punct, !claimed[k - 1] {
                a = k - 1; k -= 2; words += 1; continue
            }
            let t = tokens[k]
            guard t.kind != .punct, !claimed[k], !t.lists.contains(.stopwords), !t.lists.contains(.genericModifiers) else { break }
            if t.kind == .word && (t.traits.contains(.endsLy) || t.traits.contains(.endsEd) && !isConnector(k - 1)) { break }
            a = k
            words += 1
            k -= 1
        }
        return a
    }

    /// "zero-shot video classification", "image restoration", "matrix sensing".
    mutating func taskPatterns() {
        for k in tokens.indices where tokens[k].kind == .word && !claimed[k] && tokens[k].lists.contains(.taskHeads) {
            let a = modifiers(before: k, max: 3)
            guard a < k else { continue }
            add(.task, a, k, evidence: .pattern)
        }
    }

    /// "average final accuracy", "top-1 accuracy", "word error rate".
    mutating func metricPatterns() {
        for k in tokens.indices where tokens[k].kind == .word && !claimed[k] && tokens[k].lists.contains(.metricModifierHeads) {
            let a = modifiers(before: k, max: 3)
            if a == k && !tokens[k].lists.contains(.strongMetricHeads) { continue }
            add(.metric, a, k, evidence: .pattern)
        }
    }

    /// Noun-phrase-like runs of content words (2–4 words), trimmed of generic modifiers, that are
    /// not filler: the concepts that carry a paper's topic.
    mutating func conceptPhrases() {
        for sentence in sentences {
            var k = sentence.tokens.lowerBound
            while k < sentence.tokens.upperBound {
                // A hyphenated compound may open with a function word ("in-context", "out-of-distribution").
                let compoundStart = tokens[k].kind == .word && !claimed[k] && isConnector(k + 1) && !(k > 0 && isConnector(k - 1))
                guard isContentWord(k) || compoundStart else { k += 1; continue }
                var b = k
                var words = 1
                while true {
                    // Inside a hyphenated compound any word goes ("pre-trained", "state-of-the-art").
                    if isConnector(b + 1), b + 2 < sentence.tokens.upperBound, tokens[b + 2].kind != .punct, !claimed[b + 2] { b += 2; continue }
                    if b + 1 < sentence.tokens.upperBound, isContentWord(b + 1), !isConnector(b) { b += 1; words += 1; continue }
                    break
                }
                defer { k = b + 1 }
                var a = k
                // Drop generic modifiers (with their hyphenated compounds: "large-scale") and a
                // leading verb form ("learning novel concepts", "adding noise").
                while a <= b {
                    if tokens[a].kind == .punct { a += 1; continue }
                    let generic = tokens[a].lists.contains(.genericModifiers)
                    let gerund = a == k && tokens[a].traits.contains(.endsIng) && !tokens[a].lists.contains(.nounGerunds) && a < b
                    guard generic || gerund else { break }
                    a += 1
                    while a + 1 <= b, isConnector(a) { a += 2 }
                }
                // A generic modifier inside the run starts it afresh ("concepts" in "learning novel concepts").
                var m = b
                while m > a {
                    if tokens[m].kind == .word, tokens[m].lists.contains(.genericModifiers), !isConnector(m - 1), !isConnector(m + 1) {
                        a = m + 1
                        break
                    }
                    m -= 1
                }
                guard a <= b else { continue }
                // Keep the head: at most four words ending at b.
                var count = 0
                var start = b
                var j = b
                while j >= a {
                    if tokens[j].kind == .word { count += 1 }
                    if count > 4 { break }
                    start = j
                    j -= 1
                }
                while start <= b, tokens[start].kind == .punct { start += 1 }
                guard start < b else { continue }
                if tokens[b].lists.contains(.genericHeads) { continue }
                if tokens[b].traits.contains(.endsEd) || tokens[b].traits.contains(.endsLy) { continue }
                var wordCount = 0
                for j in start...b where tokens[j].kind == .word { wordCount += 1 }
                let hyphenated = (start...b).contains { isConnector($0) }
                // Single words are left out: alone they are too often generic to carry a topic.
                guard wordCount >= 2 || hyphenated else { continue }
                add(.concept, start, b, evidence: .pattern)
            }
        }
    }

    func isContentWord(_ k: Int) -> Bool { k < tokens.count && tokens[k].traits.contains(.contentWord) && !claimed[k] }

    /// "we propose X", "X, a new …", "called X": the name is introduced by this paper.
    mutating func markIntroductions() {
        for k in tokens.indices where tokens[k].lists.contains(.proposalVerbs) {
            let limit = min(tokens.count, k + 9)
            let end = tokens[limit - 1].end
            guard let i = candidates.firstIndex(where: {
                $0.mention.start > tokens[k].start && $0.mention.start < end && $0.mention.sentence == Int(sentenceOf[k])
                    && ($0.mention.kind == .method || $0.weak) && $0.mention.evidence != .lexicon
                    && $0.mention.surface.unicodeScalars.contains(where: { Tokenizer.isUpper($0) })
                    // The short form of a well-known long form ("gradient descent (GD)") is no new name.
                    && !($0.mention.evidence == .definition && lexicon.entry(forKey: $0.mention.key) != nil)
            }) else { continue }
            candidates[i].mention.introduced = true
            if candidates[i].weak { candidates[i].mention.kind = .method; candidates[i].weak = false }
        }
        // Every other mention of an introduced name is introduced too.
        guard candidates.contains(where: \.mention.introduced) else { return }
        let keys = Set(candidates.filter(\.mention.introduced).map(\.mention.key))
        for i in candidates.indices where keys.contains(candidates[i].mention.key) {
            candidates[i].mention.introduced = true
            if candidates[i].weak { candidates[i].mention.kind = .method; candidates[i].weak = false }
        }
    }
}
