/// Turns the LaTeX markup found in titles and abstracts into plain Unicode text.
///
/// Abstracts from arXiv, BibTeX libraries and metadata dumps carry accents (`\"u`, `{\'e}`), font
/// switches (`{\em x}`, `\textit{x}`), escaped specials (`\%`), TeX quotes and dashes, and inline
/// math (`$d\gg r$`). Readers want text a person can read and the extractor can tokenize, so the
/// markup is interpreted, not stripped: accents become combining marks (composed later by NFC),
/// known symbols become their Unicode characters, and unknown commands keep their argument text.
enum LaTeX {
    /// Decodes LaTeX markup in `text`. Text without any markup is returned unchanged.
    static func decode(_ text: String) -> String {
        decode(text, depth: 0)
    }

    /// Command arguments are decoded recursively; past this depth (hostile input such as
    /// `\emph{\emph{\emph{…}}}` nested thousands deep) the text is kept as it is rather than
    /// risking the stack.
    static let maximumDepth = 64

    static func decode(_ text: String, depth: Int) -> String {
        guard needsDecoding(text) else { return text }
        guard depth < maximumDepth else { return text }
        var decoder = Decoder(Array(text.unicodeScalars), depth: depth)
        return decoder.run()
    }

    /// Whether `text` holds anything the decoder would change: a command, a brace, math, a tie,
    /// a backquote, or a doubled dash or quote. Most abstracts hold none and are returned as
    /// they are (a single "-" or "'" is kept by the decoder anyway).
    static func needsDecoding(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\\"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"), UInt8(ascii: "`"), UInt8(ascii: "~"):
                return true
            case UInt8(ascii: "-"), UInt8(ascii: "'"):
                if previous == b { return true }
            default:
                break
            }
            previous = b
        }
        return false
    }

    /// Combining marks for the one-character accent commands and the lettered ones.
    static let accents: [String: Unicode.Scalar] = [
        "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}",
        "=": "\u{0304}", ".": "\u{0307}", "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}",
        "c": "\u{0327}", "k": "\u{0328}", "r": "\u{030A}", "d": "\u{0323}", "b": "\u{0331}",
    ]

    /// Commands that stand for a character or a short text.
    static let symbols: [String: String] = [
        // letters
        "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
        "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ",
        // text symbols
        "S": "§", "P": "¶", "dag": "†", "ddag": "‡", "copyright": "©", "textregistered": "®",
        "texttrademark": "™", "ldots": "…", "dots": "…", "cdots": "⋯", "textendash": "–",
        "textemdash": "—", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
        "textquotedblright": "”", "textbullet": "•", "textdegree": "°", "textmu": "µ", "euro": "€",
        "pounds": "£", "LaTeX": "LaTeX", "TeX": "TeX", "textasciitilde": "~", "textbackslash": "\\",
        "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "slash": "/",
        "quad": " ", "qquad": " ", "newline": " ", "par": " ", "noindent": "", "relax": "",
        // Greek
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
        "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        // math
        "times": "×", "cdot": "·", "pm": "±", "mp": "∓", "div": "÷", "leq": "≤", "le": "≤",
        "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
        "equiv": "≡", "propto": "∝", "gg": "≫", "ll": "≪", "infty": "∞", "in": "∈", "notin": "∉",
        "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "cup": "∪", "cap": "∩", "emptyset": "∅",
        "forall": "∀", "exists": "∃", "neg": "¬", "wedge": "∧", "vee": "∨", "to": "→",
        "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
        "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦", "ell": "ℓ", "hbar": "ħ",
        "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "oint": "∮",
        "circ": "∘", "star": "⋆", "ast": "∗", "otimes": "⊗", "oplus": "⊕", "perp": "⊥",
        "parallel": "∥", "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊",
        "rfloor": "⌋", "prime": "′", "degree": "°", "log": "log", "ln": "ln", "exp": "exp",
        "sin": "sin", "cos": "cos", "tan": "tan", "max": "max", "min": "min", "arg": "arg",
        "lim": "lim", "sup": "sup", "inf": "inf", "det": "det", "Pr": "Pr", "left": "", "right": "",
        "big": "", "Big": "", "bigg": "", "Bigg": "", "displaystyle": "", "limits": "",
        "lbrace": "{", "rbrace": "}", "vert": "|", "mid": "|", "backslash": "\\", "colon": ":",
    ]

    /// Commands whose argument is kept as plain text (font switches, boxes, math alphabets).
    static let keepArgument: Set<String> = [
        "emph", "textit", "textbf", "textsc", "textrm", "texttt", "textsf", "textsl", "textup",
        "textnormal", "text", "mbox", "hbox", "mathrm", "mathbf", "mathit", "mathsf", "mathtt",
        "mathcal", "mathbb", "mathfrak", "mathscr", "boldsymbol", "bm", "operatorname", "underline",
        "overline", "hat", "widehat", "tilde", "widetilde", "bar", "vec", "dot", "ddot", "url",
        "textsuperscript", "textsubscript", "uppercase", "lowercase", "MakeUppercase", "ensuremath",
        "sqrt", "footnote", "nolinkurl", "mathnormal", "textmd", "sout", "uline", "xspace", "protect",
    ]

    /// Commands dropped together with their argument (cross-references, labels, citations keys).
    static let dropArgument: Set<String> = ["label", "ref", "eqref", "cite", "citep", "citet", "nocite",
                                            "vspace", "hspace", "pageref", "index", "bibitem"]

    /// Font declarations without an argument: `{\em x}`, `{\bf x}`.
    static let declarations: Set<String> = [
        "em", "it", "bf", "sc", "rm", "tt", "sf", "sl", "small", "large", "Large", "LARGE", "huge",
        "Huge", "normalsize", "footnotesize", "scriptsize", "tiny", "normalfont", "itshape",
        "bfseries", "scshape", "upshape", "mdseries", "rmfamily", "sffamily", "ttfamily", "boldmath",
        "unboldmath", "centering", "raggedright", "hfill", "vfill", "smallskip", "medskip", "bigskip",
    ]

    /// The decoder's output as UTF-8 bytes: appending a scalar to a byte array is much cheaper
    /// than appending it to a `String`, and the result is the same text.
    private struct Output {
        var bytes: [UInt8] = []

        mutating func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }

        mutating func append<S: Sequence>(contentsOf scalars: S) where S.Element == Unicode.Scalar {
            for scalar in scalars { append(scalar) }
        }

        /// The last scalar written.
        var last: Unicode.Scalar? {
            guard var start = bytes.indices.last else { return nil }
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            return String(decoding: bytes[start...], as: UTF8.self).unicodeScalars.first
        }
    }

    private struct Decoder {
        let s: [Unicode.Scalar]
        var i = 0
        var out = Output()
        var inMath = false
        let depth: Int

        init(_ s: [Unicode.Scalar], depth: Int) {
            self.s = s
            self.depth = depth
        }

        mutating func run() -> String {
            while i < s.count { step() }
            return String(decoding: out.bytes, as: UTF8.self)
        }

        func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        mutating func step() {
            let c = s[i]
            switch c {
            case "\\":
                command()
            case "{", "}":
                i += 1
            case "$":
                inMath.toggle()
                i += 1
            case "~":
                // A tilde inside a URL ("example.org/~user") is a character, elsewhere a tie.
                if let last = out.last, last == "/" { out.append("~") } else { out.append(" ") }
                i += 1
            case "-":
                if peek(1) == "-" && peek(2) == "-" { out.append("—"); i += 3 }
                else if peek(1) == "-" && !(out.last.map { $0 == "!" || $0 == "<" } ?? false) { out.append("–"); i += 2 }
                else { out.append("-"); i += 1 }
            case "`":
                if peek(1) == "`" { out.append("“"); i += 2 } else { out.append("‘"); i += 1 }
            case "'":
                if peek(1) == "'" { out.append("”"); i += 2 } else { out.append("'"); i += 1 }
            default:
                out.append(c)
                i += 1
            }
        }

        /// Reads `{…}` (balanced) or a single scalar after a command, returning its raw scalars.
        mutating func argument() -> [Unicode.Scalar]? {
            var j = i
            while j < s.count, s[j] == " " { j += 1 }
            guard j < s.count else { return nil }
            if s[j] == "{" {
                var level = 0
                var k = j
                while k < s.count {
                    if s[k] == "\\" { k += 2; continue }
                    if s[k] == "{" { level += 1 }
                    if s[k] == "}" { level -= 1; if level == 0 { break } }
                    k += 1
                }
                let end = min(k, s.count)
                let inner = Array(s[(j + 1)..<max(j + 1, end)])
                i = min(end + 1, s.count)
                return inner
            }
            if s[j] == "\\" {
                // An accent over a dotless letter: \"{\i} or \"\i.
                var k = j + 1
                while k < s.count, s[k].properties.isAlphabetic { k += 1 }
                let inner = Array(s[j..<max(k, j + 1)])
                i = max(k, j + 1)
                return inner
            }
            i = j + 1
            return [s[j]]
        }

        mutating func command() {
            i += 1  // the backslash
            guard let c = peek() else { return }
            // One-character commands.
            if !c.properties.isAlphabetic {
                i += 1
                switch c {
                case "\\": out.append(" ")
                case "%", "&", "$", "#", "_", "{", "}": out.append(c)
                case " ", "\n", "\t": out.append(" ")
                case ",", ";", ":", ">": out.append(" ")
                case "!", "-", "/", "@": break
                default:
                    if let mark = LaTeX.accents[String(c)] { accent(mark) } else { out.append(c) }
                }
                return
            }
            var name = ""
            while let d = peek(), d.properties.isAlphabetic, d.isASCII {
                name.unicodeScalars.append(d)
                i += 1
            }
            if name.isEmpty {  // a non-ASCII letter after a backslash: keep it
                return
            }
            if let mark = LaTeX.accents[name], name.count == 1 {
                accent(mark)
                return
            }
            if let sym = LaTeX.symbols[name] {
                out.append(contentsOf: sym.unicodeScalars)
                // In math, spaces after a control word are never output ("d\gg r" is "d≫r").
                if inMath { while peek() == " " { i += 1 } }
                // TeX swallows the space after a control word that stands for a letter: "\o nig" = "ønig".
                if sym.count == 1, sym.unicodeScalars.first!.properties.isAlphabetic, name.count <= 2,
                   peek() == " ", let n = peek(1), n.properties.isAlphabetic {
                    i += 1
                }
                return
            }
            if name == "href" {
                _ = argument()
                if let text = argument() { emit(text) }
                return
            }
            if LaTeX.dropArgument.contains(name) {
                if peek() == "[" { skipOptional() }
                _ = argument()
                return
            }
            if LaTeX.declarations.contains(name) {
                if peek() == " " { i += 1 }
                return
            }
            if LaTeX.keepArgument.contains(name) {
                if peek() == "[" { skipOptional() }
                if peek() == "{" || name == "sqrt" {
                    if name == "sqrt" { out.append("√") }
                    if let arg = argument() { emit(arg) }
                }
                return
            }
            // Unknown command: keep what it applies to, drop the name.
            if peek() == "{", let arg = argument() { emit(arg) }
        }

        mutating func skipOptional() {
            while i < s.count, s[i] != "]" { i += 1 }
            i += 1
        }

        mutating func accent(_ mark: Unicode.Scalar) {
            guard let arg = argument() else { return }
            let decoded = LaTeX.decode(String(String.UnicodeScalarView(arg)), depth: depth + 1)
            var scalars = Array(decoded.unicodeScalars)
            if scalars.isEmpty { return }
            // The mark goes on the first letter of the argument.
            let first = scalars.removeFirst()
            out.append(first)
            out.append(mark)
            out.append(contentsOf: scalars)
        }

        mutating func emit(_ arg: [Unicode.Scalar]) {
            out.append(contentsOf: LaTeX.decode(String(String.UnicodeScalarView(arg)), depth: depth + 1).unicodeScalars)
        }
    }
}
