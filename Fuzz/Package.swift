// swift-tools-version: 6.2
// The libFuzzer targets of conceptgraph: one executable per parser, built only by
// scripts/fuzz.sh with `-sanitize=fuzzer`, never by the root package's build or tests.
import PackageDescription

/// Target name (fuzz-<name>) and what it drives; scripts/fuzz.sh keeps the same list.
let fuzzers = [
    "listing",    // ListingReader, listing pages (title line + abstract paragraph)
    "abstracts",  // ListingReader, `Abstract:` records
    "atom",       // AtomReader (libxml2)
    "oai",        // OAIReader (libxml2)
    "jsonl",      // JSONRecordReader, one object per line
    "json",       // JSONRecordReader, one document
    "bibtex",     // BibTeXReader and EntryParser
    "abs",        // ArxivAbsReader
    "detect",     // FormatDetector, then the reader it picks
    "extract",    // Extractor
    "callouts",   // CalloutParser
    "latex",      // LaTeX decoder
]

let package = Package(
    name: "conceptgraph-fuzz",
    platforms: [.macOS(.v14)],
    // Named explicitly: a path dependency is otherwise known by its directory's name, which
    // depends on where the repository was cloned.
    dependencies: [.package(name: "conceptgraph", path: "..")],
    targets: [
        // Declares LLVMFuzzerRunDriver; the symbol comes from the runtime `-sanitize=fuzzer` links.
        .systemLibrary(name: "CLibFuzzer"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CLibFuzzer", .product(name: "ConceptGraph", package: "conceptgraph")]
        ),
    ] + fuzzers.map { name in
        .executableTarget(
            name: "fuzz-\(name)",
            dependencies: ["FuzzSupport", .product(name: "ConceptGraph", package: "conceptgraph")]
        )
    },
    swiftLanguageModes: [.v6]
)
