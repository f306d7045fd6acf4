import Foundation

/// Canonical keys: the form under which the same concept meets itself across papers.
///
/// Case, accents, hyphens and spaces do not matter ("In-Context" = "in context"), nor does the
/// plural of the last word ("networks" = "network"), nor the gap between a name and its number
/// ("ResNet-18" = "ResNet18" = "resnet 18").
public enum ConceptKey {
    /// Words that end in "s" in the singular.
    static let keepS: Set<String> = ["series", "species", "analysis", "bias", "basis", "axis", "chaos", "lens", "news",
                                     "gas", "corpus", "status", "consensus", "focus", "radius", "virus", "class",
                                     "loss", "process", "access", "success", "progress", "mass", "glass", "address",
                                     "thesis", "hypothesis", "synthesis", "diagnosis", "prognosis", "kinetics", "atlas",
                                     "always", "across", "less", "this", "its", "was", "has", "is", "plus", "minus",
                                     "campus", "nexus", "apparatus", "modulus", "stimulus", "calculus", "emphasis"]

    public static func singular(_ word: String) -> String {
        guard word.count > 3, word.hasSuffix("s"), !keepS.contains(word) else { return word }
        if word.hasSuffix("ics") || word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        for suffix in ["sses", "ches", "shes", "xes", "zes"] where word.hasSuffix(suffix) { return String(word.dropLast(2)) }
        return String(word.dropLast())
    }

    /// `keepS` as bytes, for the ASCII path.
    static let keepSBytes: [[UInt8]] = keepS.sorted().map { Array($0.utf8) }

    /// The length of a lowercase ASCII word once `singular` has been applied in place (which
    /// rewrites at most one byte: "ies" becomes "y").
    static func singularLength(_ w: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let n = w.count
        guard n > 3, w[n - 1] == UInt8(ascii: "s") else { return n }
        if keepSBytes.contains(where: { $0.count == n && $0.elementsEqual(w) }) { return n }
        func ends(_ suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            guard n >= m else { return false }
            for i in 0..<m where w[n - m + i] != suffix.utf8Start[i] { return false }
            return true
        }
        if ends("ics") || ends("ss") || ends("us") || ends("is") { return n }
        if ends("ies") { w[n - 3] = UInt8(ascii: "y"); return n - 2 }
        if ends("sses") || ends("ches") || ends("shes") || ends("xes") || ends("zes") { return n - 2 }
        return n - 1
    }

    /// The key of a surface form.
    public static func make(_ surface: String) -> String {
        // Most surfaces are ASCII: their key is built in one pass over the bytes; only others need
        // Foundation's folding and the scalar-level path.
        if let key = asciiKey(surface) { return key }
        return scalarKey(surface.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil))
    }

    /// The key of an ASCII surface, written straight into the key's storage; nil when a byte is
    /// outside ASCII. The rules are `scalarKey`'s read on bytes (the tests hold the two paths to
    /// the same answers): words of letters and digits, lowercased, apostrophes dropped, a digit
    /// run after a space or hyphen joined to the word of letters before it, the last word singular.
    static func asciiKey(_ surface: String) -> String? {
        var ascii = true
        let key = surface.utf8.withContiguousStorageIfAvailable { input in
            // A key is never longer than its surface: each space it gains replaces a separator.
            String(unsafeUninitializedCapacity: input.count) { out -> Int in
                var n = 0
                var inWord = false
                var wordStart = 0
                var hasLast = false
                var lastStart = 0
                var lastEnd = 0
                var previous = UInt8(ascii: " ")
                for c in input {
                    if c >= 128 { ascii = false; return 0 }
                    let lower = c &- 65 < 26 ? c &+ 32 : c
                    let letter = lower &- 97 < 26
                    let digit = c &- 48 < 10
                    if letter || digit {
                        if !inWord {
                            if digit, previous == UInt8(ascii: "-") || previous == UInt8(ascii: " "), hasLast,
                               out[lastEnd - 1] &- 97 < 26, lastEnd - lastStart > 1 {
                                // Reopen the last word: nothing was written after it.
                                wordStart = lastStart
                            } else {
                                if hasLast { out[n] = UInt8(ascii: " "); n += 1 }
                                wordStart = n
                            }
                            inWord = true
                        }
                        out[n] = lower
                        n += 1
                    } else if c == UInt8(ascii: "'") {
                        continue
                    } else if inWord {
                        inWord = false
                        hasLast = true
                        lastStart = wordStart
                        lastEnd = n
                    }
                    previous = c
                }
                if inWord { hasLast = true; lastStart = wordStart; lastEnd = n }
                guard hasLast else { return 0 }
                let last = UnsafeMutableBufferPointer(rebasing: out[lastStart..<lastEnd])
                if last.contains(where: { $0 &- 97 < 26 }) { return lastStart + singularLength(last) }
                return n
            }
        }
        return ascii ? key : nil
    }

    /// The key of a folded surface, scalar by scalar: the general path, for text outside ASCII.
    static func scalarKey(_ folded: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for c in folded.unicodeScalars {
            let letter = Tokenizer.isLetter(c)
            let digit = Tokenizer.isDigit(c)
            if letter || digit {
                // "resnet 18", "resnet-18", "resnet18": a digit run after letters joins the word.
                if current.isEmpty, digit, previous == "-" || previous == " ", let last = words.last,
                   last.unicodeScalars.last.map(Tokenizer.isLetter) == true, last.unicodeScalars.count > 1 {
                    current = words.removeLast().unicodeScalars
                }
                current.append(Unicode.Scalar(Tokenizer.lower(c)) ?? c)
            } else if c == "'" || c == "’" {
                continue
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
            previous = c
        }
        if !current.isEmpty { words.append(String(current)) }
        guard !words.isEmpty else { return "" }
        if words[words.count - 1].unicodeScalars.contains(where: Tokenizer.isLetter) {
            words[words.count - 1] = singular(words[words.count - 1])
        }
        return words.joined(separator: " ")
    }
}
