/// Strings numbered in order of first sight, each kept once.
struct Interner {
    private(set) var strings: [String] = []
    private var ids: [String: Int32] = [:]

    mutating func id(_ s: String) -> Int32 {
        if let known = ids[s] { return known }
        let id = Int32(strings.count)
        ids[s] = id
        strings.append(s)
        return id
    }

    subscript(id: Int32) -> String { strings[Int(id)] }
    var count: Int { strings.count }
}

/// Every mention of a streamed corpus, held compactly until corpus evidence is complete: keys and
/// surfaces are numbered once, so a mention costs a few bytes rather than two strings and the
/// paper's text is never kept.
struct MentionBuffer {
    struct Entry {
        var key: Int32
        var surface: Int32
        var sentence: Int32
        var start: Int32
        var end: Int32
        var kind: MentionKind
        var field: TextField
        var evidence: MentionEvidence
        var introduced: Bool
        var weak: Bool
    }

    var entries: [Entry] = []
    /// Paper `p`'s mentions are `entries[paperStart[p]..<paperStart[p + 1]]`.
    private(set) var paperStart: [Int] = [0]
    var keys = Interner()
    var surfaces = Interner()

    var paperCount: Int { paperStart.count - 1 }

    func range(ofPaper p: Int) -> Range<Int> { paperStart[p]..<paperStart[p + 1] }

    /// Appends the next paper's mentions.
    mutating func append(_ candidates: [Extractor.Candidate]) {
        for c in candidates {
            let m = c.mention
            entries.append(Entry(key: keys.id(m.key), surface: surfaces.id(m.surface), sentence: Int32(m.sentence),
                                 start: Int32(m.start), end: Int32(m.end), kind: m.kind, field: m.field,
                                 evidence: m.evidence, introduced: m.introduced, weak: c.weak))
        }
        paperStart.append(entries.count)
    }

    /// Corrects the guessed mentions with the whole corpus' evidence, as `Extractor.propagate`
    /// does for drafts held in memory.
    mutating func propagate(_ evidence: CorpusEvidence) {
        for i in entries.indices where entries[i].weak {
            var e = entries[i]
            var key = keys[e.key]
            let before = key
            evidence.resolve(key: &key, kind: &e.kind, evidence: &e.evidence, weak: &e.weak)
            if key != before { e.key = keys.id(key) }
            entries[i] = e
        }
    }
}
