import Testing
@testable import ConceptGraph

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("{\\em many} tasks", "many tasks"),
        ("\\textit{catastrophic forgetting} phenomenon", "catastrophic forgetting phenomenon"),
        ("M\\\"uller and G\\\"{o}del", "Müller and Gödel"),
        ("{\\\"u}ber {\\'e}t{\\'e} Bal\\'azs", "über été Balázs"),
        ("D{\\\"o}rner", "Dörner"),
        ("Stra\\ss e, \\AA ngstr\\\"om, \\o", "Straße, Ångström, ø"),
        ("\\v{C}ech and Erd\\H{o}s", "Čech and Erdős"),
        ("dimension $d\\gg r$ with $r$ directions", "dimension d≫r with r directions"),
        ("4$\\times$ faster, $\\alpha$-stable", "4× faster, α-stable"),
        ("4.94\\% top-5 error", "4.94% top-5 error"),
        ("pages 10--20 --- a dash", "pages 10–20 — a dash"),
        ("``quoted'' text", "“quoted” text"),
        ("Taylor {{\\&} Francis", "Taylor & Francis"),
        ("{{Optical Tracking}} with {{ARToolKit}}", "Optical Tracking with ARToolKit"),
        ("see \\cite{smith2020} here", "see here"),
        ("\\href{http://x.org}{the site}", "the site"),
        ("plain text stays", "plain text stays"),
    ])
    func decodesLaTeX(input: String, expected: String) {
        #expect(TextNormalizer.normalize(input) == expected)
    }

    @Test func unfoldsHardWrappedLines() {
        let raw = "  A fully differential calculation\nis presented for gluon-\n(anti)quark\n  subprocesses.\n"
        #expect(TextNormalizer.normalize(raw) == "A fully differential calculation is presented for gluon-(anti)quark subprocesses.")
    }

    @Test func collapsesWhitespaceAndDropsControls() {
        #expect(TextNormalizer.normalize("a\t\u{00A0} b\u{0007}c  ") == "a bc")
        #expect(TextNormalizer.normalize("   ") == nil)
        #expect(TextNormalizer.normalize(nil) == nil)
    }

    @Test func composesToNFC() {
        let decomposed = "Cafe\u{0301}"
        #expect(TextNormalizer.normalize(decomposed)!.unicodeScalars.count == 4)
    }

    @Test func titleKeyIgnoresCaseAccentsAndPunctuation() {
        #expect(TextNormalizer.titleKey("Transformers Learn In-Context by Gradient Descent!")
                == TextNormalizer.titleKey("transformers learn in context by gradient descent"))
        #expect(TextNormalizer.titleKey("Über Bäume") == "uber baume")
    }

    @Test func stableHashIsFixed() {
        // FNV-1a 64 of "a" is a published constant.
        #expect(TextNormalizer.stableHash("a") == "af63dc4c8601ec8c")
    }
}

@Suite struct IdentifierTests {
    @Test func arxivIDs() {
        #expect(Identifiers.arxiv("http://arxiv.org/abs/2512.13690v1") == "2512.13690")
        #expect(Identifiers.arxiv("arXiv:1502.01852") == "1502.01852")
        #expect(Identifiers.arxiv("0704.0001") == "0704.0001")
        #expect(Identifiers.arxiv("hep-th/9901001v2") == "hep-th/9901001")
        #expect(Identifiers.arxiv("oai:arXiv.org:quant-ph/0501001".replacingOccurrences(of: "oai:arXiv.org:", with: "")) == "quant-ph/0501001")
        #expect(Identifiers.arxiv("math.GT/0309136") == "math.GT/0309136")
        #expect(Identifiers.arxiv("abc") == nil)
        #expect(Identifiers.arxiv("77490025") == nil)
    }

    @Test func dois() {
        #expect(Identifiers.doi("https://doi.org/10.1103/PhysRevB.85.115117") == "10.1103/physrevb.85.115117")
        #expect(Identifiers.doi("doi:10.1145/2702123.2702290") == "10.1145/2702123.2702290")
        #expect(Identifiers.doi("not a doi") == nil)
    }

    @Test func years() {
        #expect(Identifiers.year("2011-11-08T18:48:36Z") == 2011)
        #expect(Identifiers.year("Mon, 2 Apr 2007 19:18:42 GMT") == 2007)
        #expect(Identifiers.year("{2015}") == 2015)
        #expect(Identifiers.year("12345") == nil)
        // Found by fuzzing: a run of 20 digits overflowed Int while being read.
        #expect(Identifiers.year("77777777777777777777") == nil)
        #expect(Identifiers.year("99999999999999999999999999999999 2019") == 2019)
    }

    @Test func authorLists() {
        #expect(Identifiers.splitAuthors("Abawi, Daniel F and Bienwald, Joachim") == ["Daniel F Abawi", "Joachim Bienwald"])
        #expect(Identifiers.splitAuthors("C. Balazs, E. L. Berger, P. M. Nadolsky and C.-P. Yuan")
                == ["C. Balazs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan"])
        #expect(Identifiers.splitAuthors("Jessica E Black and Jennifer L Barnes") == ["Jessica E Black", "Jennifer L Barnes"])
        #expect(Identifiers.splitAuthors("Brants, Thorsten") == ["Thorsten Brants"])
        #expect(Identifiers.splitAuthors("Salman Habib and Robert D. Ryne") == ["Salman Habib", "Robert D. Ryne"])
    }
}

@Suite struct HostileLaTeXTests {
    @Test func deeplyNestedCommandsNeitherCrashNorHang() {
        let depth = 20_000
        let text = String(repeating: "\\emph{", count: depth) + "core" + String(repeating: "}", count: depth)
        let result = TextNormalizer.normalize(text)
        #expect(result?.contains("core") == true)
        let braces = String(repeating: "{", count: 100_000) + "x" + String(repeating: "}", count: 100_000)
        #expect(TextNormalizer.normalize(braces) == "x")
    }
}
