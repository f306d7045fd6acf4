import Foundation

/// The curated lexicon of well-known data sets, methods, metrics and tasks
/// (`Resources/lexicon.txt`, written for this project: `kind<TAB>name[<TAB>alias|alias…]`).
///
/// Surfaces are indexed by the hash of their lowercased letters and digits, the same hash the
/// tokenizer computes, so matching a phrase in an abstract costs dictionary lookups and no
/// string building.
public final class Lexicon: Sendable {
    public struct Entry: Sendable {
        public var kind: MentionKind
        public var name: String
        public var key: String
    }

    struct Surface: Sendable {
        var entry: Int
        /// Short or all-capital names ("Adam", "GLUE", "MATH") only match when written with a capital.
        var needsUpper: Bool
    }

    public let entries: [Entry]
    let surfaces: HashMap64<Surface>
    /// Hashes of every token-boundary prefix of every surface: phrase matching stops as soon as
    /// the words so far begin no surface.
    let prefixes: HashSet64
    let byKey: [String: Int]
    /// One bit per bucket of hashes, set for every surface and every prefix. Most words begin
    /// no surface; this table (8 KB) stays in the first-level cache and says so before the two
    /// large tables are touched. A clear bit is certain, a set bit only means "look".
    let filter: [UInt64]
    /// The longest surface in tokens, to bound phrase matching.
    let maxTokens: Int

    /// The lexicon shipped with the package.
    public static let shared: Lexicon = {
        guard let url = Bundle.module.url(forResource: "lexicon", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return Lexicon(text: "")
        }
        return Lexicon(text: text)
    }()

    public init(text: String) {
        var entries: [Entry] = []
        var surfaces: [UInt64: Surface] = [:]
        var byKey: [String: Int] = [:]
        var maxTokens = 1
        var prefixes = Set<UInt64>()
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, let kind = MentionKind(rawValue: fields[0]), !fields[1].isEmpty else { continue }
            let index = entries.count
            let key = ConceptKey.make(fields[1])
            entries.append(Entry(kind: kind, name: fields[1], key: key))
            if byKey[key] == nil { byKey[key] = index }
            var forms = [fields[1]]
            if fields.count > 2 { forms += fields[2].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
            for form in forms where !form.isEmpty {
                let hash = Self.hash(form)
                let letters = form.filter(\.isLetter)
                // Inner capitals ("ReCoRD") or short or all-capital names: a lowercase "records"
                // or "math" in running text is not the name.
                let innerUpper = letters.dropFirst().contains(where: \.isUppercase)
                let needsUpper = letters.contains(where: \.isUppercase)
                    && (letters.count <= 5 || !letters.contains(where: \.isLowercase) || innerUpper)
                if surfaces[hash] == nil { surfaces[hash] = Surface(entry: index, needsUpper: needsUpper) }
                let aliasKey = ConceptKey.make(form)
                if byKey[aliasKey] == nil { byKey[aliasKey] = index }
                let scalars = Array(form.unicodeScalars)
                let formTokens = Tokenizer.tokenize(scalars).tokens
                maxTokens = max(maxTokens, formTokens.count)
                var h = Tokenizer.fnvOffset
                for t in formTokens where t.kind != .punct {
                    for c in scalars[t.start..<t.end] where Tokenizer.isLetter(c) || Tokenizer.isDigit(c) {
                        h = Tokenizer.mix(h, Tokenizer.lower(c))
                    }
                    prefixes.insert(h)
                }
            }
        }
        self.entries = entries
        self.surfaces = HashMap64(surfaces.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        self.prefixes = HashSet64(prefixes.sorted())
        self.byKey = byKey
        var filter = [UInt64](repeating: 0, count: Self.filterWords)
        for h in Array(surfaces.keys) + Array(prefixes) {
            let bit = Self.filterBit(h)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.filter = filter
        self.maxTokens = min(maxTokens, 12)
    }

    static let filterWords = 1024

    /// The filter bit of a hash: its top 16 bits after a multiply, which the hash tables (that
    /// index by lower bits) do not use.
    @inline(__always)
    static func filterBit(_ h: UInt64) -> Int { Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 48) }

    /// False when no surface and no prefix of one has this hash.
    @inline(__always)
    func mayContain(_ h: UInt64) -> Bool {
        let bit = Self.filterBit(h)
        return filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// FNV-1a over the lowercased letters and digits of a surface form.
    static func hash(_ form: String) -> UInt64 {
        var h = Tokenizer.fnvOffset
        for c in form.unicodeScalars where Tokenizer.isLetter(c) || Tokenizer.isDigit(c) {
            h = Tokenizer.mix(h, Tokenizer.lower(c))
        }
        return h
    }

    /// The entry whose canonical key (or an alias's) is `key`.
    public func entry(forKey key: String) -> Entry? {
        byKey[key].map { entries[$0] }
    }
}
