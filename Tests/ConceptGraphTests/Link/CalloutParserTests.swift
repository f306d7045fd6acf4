import Foundation
import Testing
@testable import ConceptGraph

/// Where the shared ACL-AAN citing sentences live: `$CONCEPTGRAPH_SHARED`, else a `shared/` folder
/// beside this file or any folder above it (the project keeps it at `../shared`).
private enum CalloutCitancesFile {
    static let relative = "eval/acl-aan/citances-dev.jsonl"

    static let path: String? = {
        let fm = FileManager.default
        if let root = ProcessInfo.processInfo.environment["CONCEPTGRAPH_SHARED"] {
            let candidate = (root as NSString).appendingPathComponent(relative)
            if fm.fileExists(atPath: candidate) { return candidate }
        }
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            let candidate = dir.appendingPathComponent("shared").appendingPathComponent(relative).path
            if fm.fileExists(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static var available: Bool {
        if path == nil {
            print("note: shared/\(relative) not found (set CONCEPTGRAPH_SHARED); the coverage test is skipped")
        }
        return path != nil
    }
}


struct CalloutParserTests {
    // MARK: Helpers

    /// Parses and checks the invariants every result must keep: offsets inside the input, `text`
    /// equal to the scalars at those offsets, callouts in order and not overlapping.
    static func parse(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Callout] {
        let callouts = CalloutParser.parse(text)
        let scalars = Array(text.unicodeScalars)
        var previousEnd = 0
        for c in callouts {
            guard c.start >= previousEnd, c.start < c.end, c.end <= scalars.count else {
                Issue.record("bad offsets \(c.start)..<\(c.end) in \(scalars.count) scalars", sourceLocation: sourceLocation)
                return callouts
            }
            let slice = String(String.UnicodeScalarView(scalars[c.start..<c.end]))
            #expect(slice == c.text, sourceLocation: sourceLocation)
            previousEnd = c.end
            switch c.kind {
            case .authorYear:
                #expect(!c.surnames.isEmpty && c.identifier == nil, sourceLocation: sourceLocation)
                #expect((1900...2099).contains(c.year ?? 0), sourceLocation: sourceLocation)
            case .arxiv, .doi:
                #expect(c.surnames.isEmpty && c.year == nil && c.identifier != nil, sourceLocation: sourceLocation)
            }
        }
        return callouts
    }

    static func authorYear(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Callout] {
        parse(text, sourceLocation: sourceLocation).filter { $0.kind == .authorYear }
    }

    /// Expects exactly one author-year callout and returns it.
    static func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Callout {
        let found = authorYear(text, sourceLocation: sourceLocation)
        #expect(found.count == 1, "\(found.map(\.text))", sourceLocation: sourceLocation)
        return try #require(found.first, sourceLocation: sourceLocation)
    }

    // MARK: Required forms

    @Test func parentheticalEtAl() throws {
        let c = try Self.single("Graph networks were applied to molecules (Wu et al., 2018).")
        #expect(c.surnames == ["Wu"])
        #expect(c.etAl)
        #expect(c.year == 2018)
        #expect(c.yearSuffix == nil)
        #expect(c.text == "Wu et al., 2018")
    }

    @Test func squareBracketsWithTwoCitations() {
        let found = Self.authorYear("Saliency maps [Simonyan et al., 2013, Smilkov et al., 2017] are noisy.")
        #expect(found.map(\.surnames) == [["Simonyan"], ["Smilkov"]])
        #expect(found.map(\.year) == [2013, 2017])
        #expect(found.allSatisfy { $0.etAl })
        #expect(found.map(\.text) == ["Simonyan et al., 2013", "Smilkov et al., 2017"])
    }

    @Test func latexEscapeInsideSurname() throws {
        let c = try Self.single("Transformers can learn linear models in context [Aky\\\"urek et al., 2023].")
        #expect(c.surnames == ["Aky\\\"urek"])
        #expect(CalloutParser.surnameKey(c.surnames[0]) == "akyurek")
        #expect(c.year == 2023 && c.etAl)
        let braced = try Self.single("as argued by Aky{\\\"u}rek and Andreas (2022)")
        #expect(braced.surnames.map(CalloutParser.surnameKey) == ["akyurek", "andreas"])
    }

    @Test func narrativeWithParticle() throws {
        let c = try Self.single("As shown by von Oswald et al. (2022), attention can implement gradient descent.")
        #expect(c.surnames == ["von Oswald"])
        #expect(c.etAl && c.year == 2022)
        #expect(c.text == "von Oswald et al. (2022)")
    }

    @Test func singleAuthorParenthetical() throws {
        let c = try Self.single("We tag with a trigram tagger (Brants, 2000).")
        #expect(c.surnames == ["Brants"] && !c.etAl && c.year == 2000)
        #expect(c.text == "Brants, 2000")
    }

    @Test func twoAuthorsNarrative() throws {
        let c = try Self.single("Smith and Jones (2001) proposed a cascade.")
        #expect(c.surnames == ["Smith", "Jones"] && !c.etAl && c.year == 2001)
        #expect(c.text == "Smith and Jones (2001)")
    }

    @Test func ampersand() throws {
        let c = try Self.single("a cascade (Smith & Jones, 2001) was used")
        #expect(c.surnames == ["Smith", "Jones"] && c.year == 2001)
        let entity = try Self.single("a cascade (Smith &amp; Jones, 2001) was used")
        #expect(entity.surnames == ["Smith", "Jones"])
    }

    @Test func threeAuthors() throws {
        let c = try Self.single("a known result (Smith, Jones, and Lee 2005) holds")
        #expect(c.surnames == ["Smith", "Jones", "Lee"] && c.year == 2005)
        let apa = try Self.single("a known result (Smith, Jones, & Lee, 2005) holds")
        #expect(apa.surnames == ["Smith", "Jones", "Lee"])
    }

    @Test func semicolonListWithSuffix() {
        let found = Self.authorYear("Both parsers (Lee 2003; Kim et al. 2004a) use beams.")
        #expect(found.count == 2)
        #expect(found.map(\.surnames) == [["Lee"], ["Kim"]])
        #expect(found.map(\.year) == [2003, 2004])
        #expect(found.map(\.yearSuffix) == [nil, "a"])
        #expect(found.map(\.etAl) == [false, true])
        #expect(found.map(\.text) == ["Lee 2003", "Kim et al. 2004a"])
    }

    @Test func leadingEg() throws {
        let c = try Self.single("history-based models (e.g., Collins, 1999) dominate")
        #expect(c.surnames == ["Collins"] && c.year == 1999)
    }

    @Test func seeForDetails() throws {
        let c = try Self.single("the proof is long (see Collins, 1999, for details).")
        #expect(c.surnames == ["Collins"] && c.year == 1999 && c.text == "Collins, 1999")
    }

    @Test func sameAuthorTwoYearsAfterSemicolon() {
        let found = Self.authorYear("head rules (Collins, 1999; 2002) are standard")
        #expect(found.map(\.surnames) == [["Collins"], ["Collins"]])
        #expect(found.map(\.year) == [1999, 2002])
        #expect(found.map(\.text) == ["Collins, 1999", "2002"])
    }

    @Test func narrativeTwoYears() {
        let found = Self.authorYear("Collins (1999, 2002) describes head rules.")
        #expect(found.map(\.surnames) == [["Collins"], ["Collins"]])
        #expect(found.map(\.year) == [1999, 2002])
        #expect(found.map(\.text) == ["Collins (1999", "2002"])
    }

    @Test func possessiveBeforeYear() throws {
        let c = try Self.single("Brown et al.'s (1993) model aligns words.")
        #expect(c.surnames == ["Brown"] && c.etAl && c.year == 1993)
        #expect(c.text == "Brown et al.'s (1993)")
        let plural = try Self.single("Pereira and Schabes' (1992) inside-outside variant")
        #expect(plural.surnames == ["Pereira", "Schabes"] && plural.year == 1992)
        let genitive = try Self.single("Collins's (1997) model 2")
        #expect(genitive.surnames == ["Collins"] && genitive.year == 1997)
    }

    @Test func squareBracketsWithoutComma() throws {
        let c = try Self.single("pretrained encoders [Devlin et al. 2019] help")
        #expect(c.surnames == ["Devlin"] && c.etAl && c.year == 2019 && c.text == "Devlin et al. 2019")
    }

    @Test func pageSuffix() throws {
        let c = try Self.single("as defined in (Och and Ney, 2003, p. 12).")
        #expect(c.surnames == ["Och", "Ney"] && c.year == 2003 && c.text == "Och and Ney, 2003")
    }

    @Test func etAlWithoutPeriod() throws {
        let c = try Self.single("Nivre et al (2007) report LAS.")
        #expect(c.surnames == ["Nivre"] && c.etAl && c.year == 2007 && c.text == "Nivre et al (2007)")
    }

    @Test func oneAuthorTwoYearsWithCommas() {
        let found = Self.authorYear("chunks (Abney, 1991, 1996) are flat")
        #expect(found.map(\.year) == [1991, 1996])
        #expect(found.allSatisfy { $0.surnames == ["Abney"] })
    }

    // MARK: Names with particles and punctuation

    @Test(arguments: [
        ("typed dependencies (de Marneffe et al., 2006) are", ["de Marneffe"], "marneffe", true),
        ("streaming counts (Van Durme and Lall, 2009) are", ["Van Durme", "Lall"], "durme", false),
        ("a CNN tagger (dos Santos, 2014) is", ["dos Santos"], "santos", false),
        ("n-gram models (Costa-jussà et al., 2012) are", ["Costa-jussà"], "costajussa", true),
        ("noisy text (O'Connor, 2010) is", ["O'Connor"], "oconnor", false),
        ("paragraph vectors (Le and Mikolov, 2014) are", ["Le", "Mikolov"], "le", false),
        ("as done by van der Plas and Tiedemann (2006)", ["van der Plas", "Tiedemann"], "plas", false),
        ("following d'Alché-Buc (2004)", ["d'Alché-Buc"], "dalchebuc", false),
        ("rules (McDonald and Pereira, 2006) help", ["McDonald", "Pereira"], "mcdonald", false),
    ])
    func particlesAndPunctuationInNames(text: String, surnames: [String], firstKey: String, etAl: Bool) throws {
        let c = try Self.single(text)
        #expect(c.surnames == surnames)
        #expect(c.etAl == etAl)
        #expect(CalloutParser.surnameKey(c.surnames[0]) == firstKey)
    }

    // MARK: Identifiers

    @Test(arguments: [
        ("see arXiv:2212.07677 for the proof", "2212.07677", "arXiv:2212.07677"),
        ("Vaswani et al. Attention is all you need. arXiv preprint arXiv:1706.03762v5, 2017.",
         "1706.03762", "arXiv:1706.03762v5"),
        ("string dualities (arXiv:hep-th/9901001).", "hep-th/9901001", "arXiv:hep-th/9901001"),
        ("at https://arxiv.org/abs/hep-th/9901001v2.", "hep-th/9901001", "https://arxiv.org/abs/hep-th/9901001v2"),
        ("PDF: http://arxiv.org/pdf/2106.09685v1.pdf", "2106.09685", "http://arxiv.org/pdf/2106.09685v1.pdf"),
        ("old style arXiv: cs.CL/0112003 here", "cs/0112003", "arXiv: cs.CL/0112003"),
    ])
    func arxivIdentifiers(text: String, identifier: String, matched: String) throws {
        let found = Self.parse(text).filter { $0.kind == .arxiv }
        #expect(found.count == 1)
        let c = try #require(found.first)
        #expect(c.identifier == identifier)
        #expect(c.text == matched)
    }

    @Test func oldStyleArxivNeedsPrefix() {
        #expect(Self.parse("the hep-th/9901001 preprint").isEmpty)
        #expect(Self.parse("the number 2212.07677 alone").isEmpty)
    }

    @Test(arguments: [
        ("Published as doi:10.1145/2702123.2702290.", "10.1145/2702123.2702290", "doi:10.1145/2702123.2702290"),
        ("(https://doi.org/10.18653/v1/P19-1001)", "10.18653/v1/p19-1001", "https://doi.org/10.18653/v1/P19-1001"),
        ("DOI 10.1162/tacl_a_00051, 2018", "10.1162/tacl_a_00051", "DOI 10.1162/tacl_a_00051"),
        ("bare 10.1000/xyz(2019)abc;", "10.1000/xyz(2019)abc", "10.1000/xyz(2019)abc"),
        ("via http://dx.doi.org/10.1016/j.artint.2005.03.001]", "10.1016/j.artint.2005.03.001",
         "http://dx.doi.org/10.1016/j.artint.2005.03.001"),
    ])
    func dois(text: String, identifier: String, matched: String) throws {
        let found = Self.parse(text).filter { $0.kind == .doi }
        #expect(found.count == 1)
        let c = try #require(found.first)
        #expect(c.identifier == identifier)
        #expect(c.text == matched)
    }

    @Test func identifiersAndAuthorYearTogetherInOrder() {
        let text = "LoRA (Hu et al., 2021; arXiv:2106.09685) and doi:10.18653/v1/N19-1423 (Devlin et al., 2019)"
        let found = Self.parse(text)
        #expect(found.map(\.kind) == [.authorYear, .arxiv, .doi, .authorYear])
    }

    // MARK: Things that are not citations

    @Test(arguments: [
        "in 2018 the team released a corpus",
        "as reported in Table 2 (2018)",
        "the effect is significant (p < 0.05)",
        "details follow (see Section 3)",
        "released later (2018) without fanfare",
        "The 2019 challenge attracted many teams",
        "an odd date (Smith, 1234)",
        "plotted in Figure 3 (2020)",
        "the loss (Eq. 2) is convex",
        "a large sample (N = 2000)",
        "since (2018) alone",
        "CoNLL (2003) and SemEval (2010) are shared tasks",
        "the ACL (2019) meeting",
        "Windows 2000 and Word 2003 were popular",
        "a figure of 2009smileys and 1999.5 units",
        "the range (1999-2002) was studied",
        "In March, Smith 2001 was elected",
        "(in 2018 we saw growth)",
        "id arXiv:1906.01234 only",
    ])
    func notCitations(text: String) {
        #expect(Self.authorYear(text).isEmpty, "\(Self.authorYear(text).map(\.text))")
    }

    // MARK: Further forms

    @Test func andColleagues() throws {
        let c = try Self.single("Smith and colleagues (2001) replicated it")
        #expect(c.surnames == ["Smith"] && c.etAl)
        let others = try Self.single("(Smith and others, 2001)")
        #expect(others.etAl)
    }

    @Test func commaBeforeEtAl() throws {
        let c = try Self.single("back-transliteration (Chen, et.al. 1998) works")
        #expect(c.surnames == ["Chen"] && c.etAl && c.year == 1998)
    }

    @Test func suffixOnlySecondYear() {
        let found = Self.authorYear("as before (Smith 2001a, b).")
        #expect(found.map(\.yearSuffix) == ["a", "b"])
        #expect(found.map(\.year) == [2001, 2001])
        #expect(found.map(\.text) == ["Smith 2001a", "b"])
    }

    @Test func bareEtAlOutsideBrackets() throws {
        let c = try Self.single("Chen et al 2008 used emoticons")
        #expect(c.surnames == ["Chen"] && c.year == 2008)
    }

    @Test func sentenceOpenerIsNotAnAuthor() throws {
        let c = try Self.single("Recently, Smith and Jones (2001) showed it.")
        #expect(c.surnames == ["Smith", "Jones"])
        let other = try Self.single("For example, Lin (1998) clusters words.")
        #expect(other.surnames == ["Lin"])
    }

    @Test func nestedBrackets() {
        let found = Self.authorYear("(24% in (Blunsom et al., 2008)) and (ERG: Flickinger (2000))")
        #expect(found.map(\.surnames) == [["Blunsom"], ["Flickinger"]])
    }

    @Test func htmlEntityAndLatexTie() throws {
        let c = try Self.single("tagging (M&agrave;rquez and Rodr&#237;guez, 1998) works")
        #expect(c.surnames == ["M&agrave;rquez", "Rodr&#237;guez"])
        #expect(c.surnames.map(CalloutParser.surnameKey) == ["marquez", "rodriguez"])
        let tie = try Self.single("as in Wu et~al.~(2018), we")
        #expect(tie.surnames == ["Wu"] && tie.year == 2018)
    }

    @Test func pdfExtractionArtifacts() throws {
        let glued = try Self.single("as in (Bikelet al, 1997) and others")
        #expect(glued.surnames == ["Bikel"] && glued.etAl && glued.year == 1997)
        let gluedAll = try Self.single("recent approaches (Moldovanetal., 2003) do not")
        #expect(gluedAll.surnames == ["Moldovan"] && gluedAll.etAl)
        let yearGlued = try Self.single("reliable pairs (Johnson et al2007) are kept")
        #expect(yearGlued.surnames == ["Johnson"] && yearGlued.year == 2007)
        let commaBeforeYear = try Self.single("Mihalcea et al, (2007) translated lexicons")
        #expect(commaBeforeYear.surnames == ["Mihalcea"] && commaBeforeYear.year == 2007)
        let lostLetter = try Self.single("a treebank (Hajic? et al, 2012) was used")
        #expect(lostLetter.surnames == ["Hajic?"] && CalloutParser.surnameKey(lostLetter.surnames[0]) == "hajic")
    }

    @Test func sentenceCutFromParenthesis() throws {
        let c = try Self.single("Ney and Och, 2004) and later work")
        #expect(c.surnames == ["Ney", "Och"] && c.year == 2004)
        #expect(Self.authorYear("(see above) Paris, 2004 was warm").isEmpty)
    }

    @Test func generationalSuffixes() throws {
        let roman = try Self.single("the parser of Headden III et al (2009) adds lexicalization")
        #expect(roman.surnames == ["Headden III"] && roman.etAl)
        #expect(CalloutParser.surnameKey(roman.surnames[0]) == "headden")
        let junior = try Self.single("(Hobbs Jr. and Smith, 1990)")
        #expect(junior.surnames == ["Hobbs Jr.", "Smith"])
    }

    @Test func sentenceAdverbIsNotAnAuthor() throws {
        let c = try Self.single("Briefly, Clark and Weir (2002) compare classes.")
        #expect(c.surnames == ["Clark", "Weir"])
        let kelly = try Self.single("as argued (Kelly, 2001).")
        #expect(kelly.surnames == ["Kelly"])
    }

    @Test func offsetsAreUnicodeScalarOffsets() throws {
        // Emoji, a flag (two scalars, one Character) and a decomposed "é" (two scalars) before the citation.
        let text = "🙂🇩🇪 Caf\u{65}\u{301} (Ruiz, 2020) and Müller (2019)"
        let found = Self.authorYear(text)
        #expect(found.count == 2)
        let first = try #require(found.first)
        let scalars = Array(text.unicodeScalars)
        #expect(first.start == 11)
        #expect(String(String.UnicodeScalarView(scalars[first.start..<first.end])) == "Ruiz, 2020")
        #expect(found.last?.surnames == ["Müller"])
    }

    @Test func codableRoundTrip() throws {
        let found = Self.parse("(Wu et al., 2018) and arXiv:2212.07677")
        let data = try JSONEncoder().encode(found)
        #expect(try JSONDecoder().decode([Callout].self, from: data) == found)
    }

    // MARK: surnameKey

    @Test(arguments: [
        ("von Oswald", "oswald"), ("Akyürek", "akyurek"), ("Aky\\\"urek", "akyurek"), ("Aky{\\\"u}rek", "akyurek"),
        ("O'Connor", "oconnor"), ("O’Connor", "oconnor"), ("Costa-jussà", "costajussa"), ("De Marneffe", "marneffe"),
        ("Aky&uuml;rek", "akyurek"), ("Aky&#252;rek", "akyurek"), ("Aky&#xFC;rek", "akyurek"),
        ("Gro\\ss", "gross"), ("Gro{\\ss}", "gross"), ("Bj{\\o}rn", "bjorn"), ("Sch\\\"{u}tze", "schutze"),
        ("Ha\\v{c}ek", "hacek"), ("P\\'{\\i}a", "pia"), ("Łukasz", "lukasz"), ("Le", "le"), ("van der Plas", "plas"),
        ("Nie&szlig;en", "niessen"), ("Agirre", "agirre"), ("Van Durme", "durme"), ("dos Santos", "santos"),
        ("LindÃ©n", "linden"), ("Müller", "muller"), ("Costa-Juss&agrave;", "costajussa"), ("Headden III", "headden"),
        ("Sahami Shirazi", "sahamishirazi"), ("", ""),
    ])
    func surnameKeys(surname: String, key: String) {
        #expect(CalloutParser.surnameKey(surname) == key)
    }

    // MARK: Robustness

    /// Found by fuzzing (fuzz-callouts): the "doi" that ends one DOI was also taken as the prefix of
    /// the next, so the two callouts overlapped.
    @Test func identifierPrefixNeverReachesIntoThePreviousCallout() {
        #expect(Self.parse("10.1145/doi 10.1145/2").map(\.text) == ["10.1145/doi", "10.1145/2"])
        #expect(Self.parse("10.1145/x doi:10.1145/2").map(\.text) == ["10.1145/x", "doi:10.1145/2"])
    }

    @Test(.timeLimit(.minutes(1)))
    func randomInputsNeverBreakInvariants() {
        // A deterministic generator, so a failing random input can be reproduced.
        var rng = SplitMix64(seed: 20_240_601)
        let pieces = [
            "(", ")", "[", "]", ";", ",", ".", "&", "'", "’", "\\\"", "{", "}", "~", "-", "?", " ", "\n",
            "et al.", "et", "al", "and", "Smith", "Van", "de", "O'", "2019", "2001a", "1999", "12345", "arXiv:",
            "arxiv.org/abs/", "10.", "1234/", "doi:", "&#", "&uuml;", "&amp;", "v2", "hep-th/", "9901001",
            "\u{301}", "\u{FFFD}", "🙂", "🇩🇪", "中文", "עברית", "\u{200D}", "\u{0}", "Ä", "ß",
        ]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &rng) {
                if Bool.random(using: &rng) {
                    text += pieces.randomElement(using: &rng)!
                } else if let scalar = Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &rng)) {
                    text.unicodeScalars.append(scalar)
                }
            }
            _ = Self.parse(text)
            for scalar in text.unicodeScalars.prefix(20) { _ = CalloutParser.surnameKey(String(scalar)) }
            _ = CalloutParser.surnameKey(text)
        }
    }

    /// CPU time of the calling thread, so that timings hold up while other tests or builds share the machine.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    @Test(.timeLimit(.minutes(1)))
    func pathologicalInputsFinishQuickly() {
        let inputs = [
            String(repeating: "(", count: 100_000),
            String(repeating: ")", count: 100_000),
            String(repeating: "[(", count: 50_000),
            String(repeating: "et al. ", count: 50_000),
            String(repeating: "Smith, ", count: 50_000) + "2001",
            String(repeating: "Smith and ", count: 50_000) + "(2001)",
            String(repeating: "(Smith, 2001, ", count: 20_000),
            String(repeating: "van ", count: 50_000) + "Smith (2001)",
            "10.1234/" + String(repeating: ")", count: 100_000),
            String(repeating: "arXiv:", count: 50_000),
            String(repeating: "&#", count: 100_000),
            String(repeating: "\\\"", count: 100_000),
            String(repeating: "{", count: 100_000),
            String(repeating: "{\\\"u", count: 50_000),
            "(Smith " + String(repeating: "2001a, b, ", count: 30_000),
            String(repeating: "A", count: 300_000),
            String(repeating: "\u{301}", count: 100_000),
        ]
        for input in inputs {
            let before = Self.threadCPUSeconds()
            _ = CalloutParser.parse(input)
            let seconds = Self.threadCPUSeconds() - before
            #expect(seconds < 1, "\(input.prefix(20))… took \(seconds) s")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func oneMegabyteRunsInLinearTime() {
        let paragraph = """
            Following von Oswald et al. (2022), we study in-context learning (Garg et al., 2022; \
            Aky\\\"urek et al., 2023). The 2019 challenge (see Section 3) used BLEU (Papineni et al., 2002, p. 3), \
            and Smith and Jones (2001) report p < 0.05 on Table 2 (2018); see arXiv:2212.07677 and \
            https://doi.org/10.18653/v1/P19-1001. Über-long words like Donaudampfschifffahrt cost nothing.\n
            """
        var text = ""
        while text.utf8.count < 1_000_000 { text += paragraph }
        let clock = ContinuousClock()
        let before = Self.threadCPUSeconds()
        var found: [Callout] = []
        let elapsed = clock.measure { found = CalloutParser.parse(text) }
        let seconds = Self.threadCPUSeconds() - before
        // Per copy: von Oswald, Garg, Akyürek, Papineni, Smith and Jones, the arXiv id and the DOI.
        let copies = text.utf8.count / paragraph.utf8.count
        #expect(found.count == copies * 7)
        print("1 MB parse: \(seconds) s CPU (\(elapsed) wall), \(found.count) callouts")
        #expect(seconds < 1)
    }

    // MARK: Real citing sentences

    @Test(.enabled(if: CalloutCitancesFile.available, "shared/eval/acl-aan/citances-dev.jsonl is absent"))
    func coverageOnACLCitingSentences() throws {
        let path = try #require(CalloutCitancesFile.path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var sentences = 0
        var covered = 0
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let text = object["text"] as? String else { continue }
            sentences += 1
            if Self.parse(text).contains(where: { $0.kind == .authorYear }) { covered += 1 }
        }
        let share = Double(covered) / Double(max(sentences, 1))
        print("citances-dev: author-year callout found in \(covered)/\(sentences) sentences = \(String(format: "%.4f", share))")
        #expect(sentences > 1000)
        #expect(share >= 0.93)
    }
}
