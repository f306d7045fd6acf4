import Foundation

/// Claims: the sentences that state what a paper contributes or finds, with their numbers.
extension FieldExtraction {
    static let proposalPhrases = PhraseSet(["we propose", "we introduce", "we present", "we develop", "we design", "we devise",
                                            "this paper presents", "this paper proposes", "this paper introduces",
                                            "this work presents", "this work proposes", "this work introduces",
                                            "in this paper we", "in this work we", "we call", "we build", "we formulate", "we extend"])
    static let theoryPhrases = PhraseSet(["we prove", "we show that", "we derive", "theorem", "we establish", "provably",
                                          "we characterize", "upper bound", "lower bound", "convergence rate", "we theoretically",
                                          "theoretically", "guarantee", "guarantees", "we demonstrate that", "closed form", "we analyze"])
    static let empiricalPhrases = PhraseSet(["experiment", "experiments", "empirical", "empirically", "results show",
                                             "results demonstrate", "achieves", "achieve", "obtains", "attains",
                                             "state of the art", "accuracy", "we observe", "we find", "we found",
                                             "evaluation", "benchmark", "benchmarks"])
    static let comparisonPhrases = PhraseSet(["outperform", "outperforms", "outperforming", "surpass", "surpasses",
                                              "better than", "compared to", "compared with", "speedup", "speed up",
                                              "faster than", "improves upon", "improvement over", "beats", "exceeds",
                                              "superior to", "relative to", "over the"])
    static let outperformStems = PhraseSet(["outperform", "outperforms", "outperformed", "outperforming", "surpass", "surpasses", "speedup"])
    /// The first words of every phrase above: a word outside it starts none of them.
    static let cueFirstHashes = HashSet64([comparisonPhrases, empiricalPhrases, theoryPhrases, proposalPhrases, outperformStems]
        .flatMap { $0.phrases.map { $0[0] } })

    func claims() -> [Claim] {
        var result: [Claim] = []
        for sentence in sentences {
            let a = sentence.tokens.lowerBound
            let b = sentence.tokens.upperBound - 1
            guard b >= a else { continue }
            // One pass over the sentence for all five phrase sets: most words start no phrase.
            var isComparison = false
            var isEmpirical = false
            var isTheory = false
            var isProposal = false
            var isOutperform = false
            for k in sentence.tokens where tokens[k].kind != .punct && Self.cueFirstHashes.contains(tokens[k].hash) {
                if !isComparison { isComparison = Self.comparisonPhrases.matches(tokens, at: k, in: sentence.tokens) }
                if !isEmpirical { isEmpirical = Self.empiricalPhrases.matches(tokens, at: k, in: sentence.tokens) }
                if !isTheory { isTheory = Self.theoryPhrases.matches(tokens, at: k, in: sentence.tokens) }
                if !isProposal { isProposal = Self.proposalPhrases.matches(tokens, at: k, in: sentence.tokens) }
                if !isOutperform { isOutperform = Self.outperformStems.matches(tokens, at: k, in: sentence.tokens) }
            }
            if !isEmpirical {
                isEmpirical = sentence.tokens.contains { tokens[$0].kind == .punct && s[tokens[$0].start] == "%" }
            }
            let kind: Claim.Kind
            if isComparison && (isEmpirical || isOutperform) { kind = .comparison }
            else if isProposal { kind = .proposal }
            else if isTheory { kind = .theoretical }
            else if isEmpirical { kind = .empirical }
            else { continue }
            let raw = text(a, b)

            var hedged = false
            var negated = false
            for k in sentence.tokens {
                if tokens[k].lists.contains(.hedges) { hedged = true }
                if tokens[k].lists.contains(.negations) { negated = true }
            }
            if !negated, Self.hasNegatedContraction(utf8Bytes(a, b)) { negated = true }

            let quantities = self.quantities(in: sentence)
            let inSentence = candidates.lazy.filter { $0.mention.sentence == sentence.index && $0.mention.field == field }
            var baseline: String?
            if kind == .comparison {
                // The first method named after the comparison word.
                let cue = sentence.tokens.first { tokens[$0].lists.contains(.comparisonCues) || endsWithOutperform($0) }
                if let cue {
                    baseline = inSentence.first { $0.mention.start > tokens[cue].start && ($0.mention.kind == .method) }?.mention.surface
                }
            }
            let metric = inSentence.first { $0.mention.kind == .metric }?.mention.surface
            let dataset = inSentence.first { $0.mention.kind == .dataset }?.mention.surface
            result.append(Claim(kind: kind, sentence: sentence.index, text: raw, hedged: hedged, negated: negated,
                                quantities: quantities, baseline: baseline, metric: metric, dataset: dataset))
        }
        return result
    }

    /// The UTF-8 bytes of tokens a through b.
    func utf8Bytes(_ a: Int, _ b: Int) -> ArraySlice<UInt8> {
        isASCII ? utf8[tokens[a].start..<tokens[b].end] : utf8[Int(utf8Offsets[tokens[a].start])..<Int(utf8Offsets[tokens[b].end])]
    }

    /// "don't", "isn’t": found on the UTF-8 bytes, without Foundation's string search.
    static func hasNegatedContraction(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 3 else { return false }
        for i in bytes.startIndex..<(bytes.endIndex - 2) where bytes[i] == UInt8(ascii: "n") {
            if bytes[i + 1] == UInt8(ascii: "'") && bytes[i + 2] == UInt8(ascii: "t") { return true }
            // ’ is E2 80 99 in UTF-8.
            if i + 4 < bytes.endIndex, bytes[i + 1] == 0xE2, bytes[i + 2] == 0x80, bytes[i + 3] == 0x99, bytes[i + 4] == UInt8(ascii: "t") { return true }
        }
        return false
    }

    func endsWithOutperform(_ k: Int) -> Bool {
        Self.outperformStems.firstHashes.contains(tokens[k].hash)
    }

    /// Numbers with their units: "4.5%", "2.5x", "2.5×", "77.0 %", "3 points".
    func quantities(in sentence: Sentence) -> [Quantity] {
        var result: [Quantity] = []
        for k in sentence.tokens {
            let t = tokens[k]
            guard Tokenizer.isDigit(s[t.start]) else { continue }
            // The numeric prefix of the token.
            var end = t.start
            while end < t.end, Tokenizer.isDigit(s[end]) || s[end] == "." || s[end] == "," { end += 1 }
            var numberText = String.UnicodeScalarView()
            for c in s[t.start..<end] where c != "," { numberText.append(c) }
            guard let value = Double(String(numberText)) else { continue }
            let suffix = String(String.UnicodeScalarView(s[end..<t.end])).lowercased()
            var unit = ""
            var last = k
            if suffix == "x" || suffix == "×" { unit = "×" }
            else if suffix.isEmpty, k + 1 < tokens.count {
                let next = s[tokens[k + 1].start]
                if next == "%" { unit = "%"; last = k + 1 }
                else if next == "×" || (tokens[k + 1].kind == .word && text(k + 1, k + 1).lowercased() == "x") { unit = "×"; last = k + 1 }
                else if tokens[k + 1].kind == .word, ["points", "pp", "percentage"].contains(text(k + 1, k + 1).lowercased()) { unit = "pp"; last = k + 1 }
            } else if !suffix.isEmpty {
                continue  // "7B", "2nd", "3D": not a measured quantity
            }
            guard !unit.isEmpty else { continue }
            var improvement = false
            let lowerBound = max(sentence.tokens.lowerBound, k - 4)
            for j in lowerBound..<k where tokens[j].lists.contains(.improvementCues) { improvement = true }
            if last + 1 < sentence.tokens.upperBound, tokens[last + 1].lists.contains(.improvementCues) { improvement = true }
            if unit == "×" && (last + 1 < tokens.count) && ["speedup", "faster", "fewer", "less", "more", "smaller", "larger", "reduction"].contains(text(last + 1, last + 1).lowercased()) {
                improvement = true
            }
            result.append(Quantity(value: value, unit: unit, text: text(k, last), isImprovement: improvement))
        }
        return result
    }
}

/// Phrases as sequences of token hashes, matched against a token range without building strings.
struct PhraseSet: Sendable {
    let phrases: [[UInt64]]
    let firstHashes: HashSet64

    init(_ list: [String]) {
        phrases = list.map { phrase in phrase.split(separator: " ").map { Lexicon.hash(String($0)) } }
        firstHashes = HashSet64(phrases.compactMap(\.first))
    }

    /// True when any phrase occurs (word tokens only; punctuation is skipped) in `range`.
    func matches(_ tokens: [Token], _ range: Range<Int>) -> Bool {
        range.contains { matches(tokens, at: $0, in: range) }
    }

    /// True when a phrase starts at word token `k` and ends inside `range`.
    func matches(_ tokens: [Token], at k: Int, in range: Range<Int>) -> Bool {
        guard tokens[k].kind != .punct, firstHashes.contains(tokens[k].hash) else { return false }
        phrase: for p in phrases where p[0] == tokens[k].hash {
            var j = k + 1
            for h in p.dropFirst() {
                while j < range.upperBound, tokens[j].kind == .punct { j += 1 }
                guard j < range.upperBound, tokens[j].hash == h else { continue phrase }
                j += 1
            }
            return true
        }
        return false
    }
}
