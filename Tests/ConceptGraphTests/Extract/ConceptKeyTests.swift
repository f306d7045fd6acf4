import Testing
@testable import ConceptGraph

/// The byte-level key of ASCII surfaces must agree with the scalar-level one, which states the
/// rules plainly, on every input; these tests compare the two over all short strings of a small
/// alphabet and over many phrases built from words that reach each singular rule.
@Suite struct ConceptKeyTests {
    func expectSame(_ surface: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let fast = ConceptKey.asciiKey(surface)
        let reference = ConceptKey.scalarKey(surface)
        #expect(fast == reference, "\"\(surface)\": bytes give \(fast.map { "\"\($0)\"" } ?? "nil"), scalars \"\(reference)\"",
                sourceLocation: sourceLocation)
    }

    @Test func everyShortStringOfASmallAlphabet() {
        // Letters (one of them "s"), a digit, and each separator the rules treat apart.
        let alphabet: [Character] = ["a", "B", "s", "1", " ", "-", "'", "."]
        var strings: [String] = [""]
        var all: [String] = [""]
        for _ in 1...6 {
            strings = strings.flatMap { prefix in alphabet.map { prefix + String($0) } }
            all += strings
        }
        var mismatches = 0
        for surface in all where ConceptKey.asciiKey(surface) != ConceptKey.scalarKey(surface) {
            mismatches += 1
            if mismatches <= 5 { expectSame(surface) }
        }
        #expect(mismatches == 0)
    }

    @Test func phrasesThatReachEverySingularRule() {
        let words = ConceptKey.keepS.sorted() + [
            "classes", "studies", "boxes", "churches", "wishes", "quizzes", "buses", "physics", "ratios", "gas",
            "Networks", "ResNet", "ResNets", "18", "v2", "3.5", "GPT-4s", "qubits", "its", "Bell's", "states'",
            "ies", "sses", "ss", "s", "ss1", "x", "a1s", "ABCS", "Analysis", "NEWS",
        ]
        let separators = [" ", "-", " - ", "/", "'", "--", ", ", "(", ")", "\t", ""]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // A fixed linear congruential sequence: the same phrases on every run.
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for word in words { expectSame(word) }
        for _ in 0..<20_000 {
            var surface = ""
            for _ in 0..<(1 + next(4)) {
                surface += separators[next(separators.count)] + words[next(words.count)]
            }
            surface += next(3) == 0 ? separators[next(separators.count)] : ""
            if ConceptKey.asciiKey(surface) != ConceptKey.scalarKey(surface) {
                expectSame(surface)
                return
            }
        }
    }

    @Test func textOutsideASCIITakesTheFoldingPath() {
        #expect(ConceptKey.asciiKey("Schrödinger equations") == nil)
        #expect(ConceptKey.make("Schrödinger equations") == "schrodinger equation")
        #expect(ConceptKey.make("Réseaux-18") == "reseaux18")
    }
}
