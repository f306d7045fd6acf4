@_spi(Fuzzing) import ConceptGraph

// What each fuzz target does with one input. Thrown errors are the parsers' way of refusing bad
// input and count as success; crashes, hangs, runaway memory and broken invariants are findings.

/// Reads the input as a file in `format`, or in the format detected from its bytes when nil.
public func fuzzReader(_ format: InputFormat?, _ input: FuzzInput) -> CInt {
    let path = ScratchFile.holding(input.bytes)
    let result: FuzzEntryPoints.ReadResult
    do {
        if let format {
            result = try FuzzEntryPoints.read(path: path, as: format)
        } else {
            result = try FuzzEntryPoints.detectAndRead(path: path).result
        }
    } catch {
        return 0
    }
    for record in result.records {
        require(record.title != nil || record.abstract != nil, "a record without title and abstract was emitted")
        for text in [record.title, record.abstract, record.venue].compactMap({ $0 }) + record.authors {
            requireNormalized(text)
        }
        if let title = record.title { _ = TextNormalizer.titleKey(title) }
    }
    return 0
}

/// What `TextNormalizer.normalize` promises about every text field a reader produces.
func requireNormalized(_ text: String) {
    require(!text.isEmpty, "an empty field survived normalization")
    require(text.unicodeScalars.first != " " && text.unicodeScalars.last != " ", "untrimmed field \(text.debugDescription)")
    require(!text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) },
            "control character in \(text.debugDescription)")
}

/// Extracts the input as one paper: the first line is the title, the rest the abstract.
public func fuzzExtractor(_ input: FuzzInput) -> CInt {
    let (title, abstract) = input.titleAndAbstract
    // The corpus entry point runs single-paper extraction and then corpus propagation.
    let extractions = Extractor().extractCorpus([(title: title, abstract: abstract)])
    require(extractions.count == 1, "one paper in, \(extractions.count) extractions out")
    let lengths: [TextField: Int] = [.title: title.unicodeScalars.count, .abstract: abstract.unicodeScalars.count]
    for mention in extractions[0].mentions {
        let length = lengths[mention.field]!
        require(0 <= mention.start && mention.start <= mention.end && mention.end <= length,
                "mention \(mention.surface.debugDescription) at \(mention.start)..<\(mention.end) outside a \(mention.field) of \(length) scalars")
    }
    return 0
}

/// Parses the input for citations; offsets must name the callout's own text, in order.
public func fuzzCallouts(_ input: FuzzInput) -> CInt {
    let text = input.text
    let scalars = Array(text.unicodeScalars)
    var previousEnd = 0
    for callout in CalloutParser.parse(text) {
        require(previousEnd <= callout.start && callout.start < callout.end && callout.end <= scalars.count,
                "callout \(callout.text.debugDescription) at \(callout.start)..<\(callout.end) overlaps or leaves the text")
        let covered = String(String.UnicodeScalarView(scalars[callout.start..<callout.end]))
        require(covered == callout.text, "callout text \(callout.text.debugDescription) is not its span \(covered.debugDescription)")
        previousEnd = callout.end
        for surname in callout.surnames { _ = CalloutParser.surnameKey(surname) }
    }
    return 0
}

/// Decodes the input's LaTeX markup.
public func fuzzLaTeX(_ input: FuzzInput) -> CInt {
    _ = FuzzEntryPoints.decodeLaTeX(input.text)
    return 0
}
