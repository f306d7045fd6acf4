import Testing
@testable import ConceptGraph

/// The hash table of word lists must answer what a plain scan of the lists answers, for listed
/// words and for words in no list.
@Suite struct WordSetsTests {
    func reference(_ hash: UInt64) -> WordSets.Lists {
        var result: WordSets.Lists = []
        for (list, words) in WordSets.all where words.contains(where: { Lexicon.hash($0) == hash }) { result.insert(list) }
        return result
    }

    @Test func listedWordsAndOthersAgreeWithAScanOfTheLists() {
        var words = WordSets.all.flatMap(\.1)
        // Words in no list: the lexicon's names, word by word, and short letter strings.
        for entry in Lexicon.shared.entries { words += entry.name.split(separator: " ").map(String.init) }
        let letters = Array("aeinorst")
        for a in letters { for b in letters { for c in letters { words.append(String([a, b, c])) } } }
        #expect(words.count > 2_000)
        var mismatches: [String] = []
        for word in words {
            let hash = Lexicon.hash(word)
            if WordSets.lists(hash) != reference(hash) { mismatches.append(word) }
        }
        #expect(mismatches.isEmpty, "lists differ for \(mismatches.prefix(10))")
    }

    @Test func everyListHasItsOwnBit() {
        let bits = WordSets.all.map(\.0.rawValue)
        #expect(Set(bits).count == bits.count)
        #expect(bits.allSatisfy { $0.nonzeroBitCount == 1 })
    }
}
