// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "conceptgraph",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ConceptGraph", targets: ["ConceptGraph"]),
        .executable(name: "conceptgraph", targets: ["conceptgraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        // libxml2 behind one system-library target; only Ingest/XMLStreamReader.swift imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(
            name: "ConceptGraph",
            dependencies: [
                "CLibXML2",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the bulk inserts of Store/BulkInsert.swift.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            resources: [.process("Resources/lexicon.txt")]
        ),
        .executableTarget(
            name: "conceptgraph",
            dependencies: [
                "ConceptGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ConceptGraphTests",
            dependencies: ["ConceptGraph"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
