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

    /// The key of a surface form.
    public static func make(_ surface: String) -> String {
        // Most surfaces are ASCII: lowercase them directly; only others need Foundation's folding.
        let folded = surface.utf8.allSatisfy({ $0 < 128 }) ? surface
            : surface.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
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
