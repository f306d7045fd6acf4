import Foundation
import Testing
@testable import ConceptGraph

@Suite struct FixtureIngestTests {
    @Test func fixturesGive192PapersAndReingestingChangesNothing() throws {
        let scratch = Scratch()
        let store = try scratch.store()
        let ingestor = Ingestor(store: store)
        let first = try ingestor.ingest([TestPaths.fixtures])
        #expect(first.files.count == 5)
        #expect(first.failed.isEmpty)
        #expect(first.records == 227)
        #expect(first.papers == 192)
        let stats = try store.statistics()
        #expect(stats.titled == 182)
        #expect(stats.untitled == 10)
        #expect(stats.papersInSeveralSources == 29)
        #expect(stats.sources == 227)

        // Unchanged files are recognised and skipped…
        let second = try ingestor.ingest([TestPaths.fixtures])
        #expect(second.files.allSatisfy { $0.status == .unchanged })
        #expect(second.papers == 192)
        // …and forcing a re-read merges every record into the paper it already made.
        let forced = try ingestor.ingest([TestPaths.fixtures], force: true)
        #expect(forced.created == 0 && forced.merged == 227)
        #expect(try store.statistics().sources == 227)
        #expect(try store.statistics().papers == 192)
    }

    @Test func showFindsAPaperWithAllItsSources() throws {
        let scratch = Scratch()
        let store = try scratch.store()
        _ = try Ingestor(store: store).ingest([TestPaths.fixtures])
        let id = try store.resolvePaper("Transformers learn in-context by gradient descent")
        let details = try store.paperDetails(id)
        #expect(details.paper.title == "Transformers learn in-context by gradient descent")
        #expect(details.sources.count == 3)
        #expect(Set(details.sources.map { ($0.file as NSString).lastPathComponent })
                == ["001_9274e0c36e2fbbf0.txt", "002_f1a64807c9cf7d2e.txt", "003_49d481ff5c32c2e0.txt"])
        // The exact title wins even though another title contains it; a part of both is ambiguous.
        #expect(throws: ConceptGraphError.self) { try store.resolvePaper("TRANSFORMERS LEARN IN-CONTEXT BY GRADIENT") }
        #expect(try store.resolvePaper("transformers learn IN-CONTEXT by gradient descent") == id)
        #expect(try store.paperDetails(store.resolvePaper("do pretrained transformers")).paper.title?.hasPrefix("Revisiting the Hypothesis") == true)
        #expect(try store.resolvePaper(String(id)) == id)
        #expect(throws: ConceptGraphError.self) { try store.resolvePaper("learning") }
        #expect(throws: ConceptGraphError.paperNotFound(query: "zzzz no such paper zzzz")) {
            try store.resolvePaper("zzzz no such paper zzzz")
        }
        // An untitled abstract is found by a phrase of its text.
        let cuda = try store.resolvePaper("Convolution-based Unlearnable DAtaset")
        #expect(try store.paperDetails(cuda).paper.title == nil)
    }

    @Test func fullTextSearchRanksTitleMatchesFirst() throws {
        let scratch = Scratch()
        let store = try scratch.store()
        _ = try Ingestor(store: store).ingest([TestPaths.fixtures])
        let hits = try store.papers(search: "machine unlearning", limit: 5)
        #expect(!hits.isEmpty)
        #expect(hits[0].title.lowercased().contains("unlearning"))
        #expect(try store.papers(search: "\"; DROP TABLE paper; --").isEmpty)
        // A query too broad to rank lists title matches, newest first, without scores.
        let broad = try store.papers(search: "learning", limit: 5, offset: 0, maximumRanked: 10)
        #expect(broad.count == 5 && broad.allSatisfy { $0.score == nil && $0.title.lowercased().contains("learn") })
        #expect(zip(broad, broad.dropFirst()).allSatisfy { $0.id > $1.id })
        #expect(try store.statistics().papers == 192)
    }
}

@Suite struct DedupTests {
    @Test func sameArxivPaperFromTwoFormatsMergesWithRicherAuthors() throws {
        let scratch = Scratch()
        let listing = scratch.write("a.txt", """
            Attention Is All You Need

            \(String(repeating: "The dominant sequence transduction models are based on recurrent networks. ", count: 4))
            """)
        let jsonl = scratch.write("b.jsonl", """
            {"arxiv_id": "1706.03762v5", "title": "Attention is all you need", "authors": ["Ashish Vaswani", "Noam Shazeer"], "published": "2017-06-12"}
            {"arxiv_id": "1706.03762v7", "title": "Attention Is All You Need", "authors": ["A. Vaswani"]}
            """)
        let store = try scratch.store()
        let report = try Ingestor(store: store).ingest([listing, jsonl])
        #expect(report.papers == 1)
        let details = try store.paperDetails(try store.resolvePaper("1706.03762"))
        #expect(details.paper.authors == ["Ashish Vaswani", "Noam Shazeer"])
        #expect(details.paper.year == 2017)
        #expect(details.sources.count == 3)
        #expect(details.paper.abstract?.hasPrefix("The dominant") == true)
    }

    @Test func sameTitleWithDifferentIdentifiersStaysApart() throws {
        let scratch = Scratch()
        let path = scratch.write("acl.jsonl", """
            {"acl_id": "P89-1010", "title": "Word Association Norms, Mutual Information, And Lexicography", "year": 1989}
            {"acl_id": "J90-1003", "title": "Word Association Norms, Mutual Information, And Lexicography", "year": 1990}
            """)
        let store = try scratch.store()
        #expect(try Ingestor(store: store).ingest([path]).papers == 2)
    }
}

@Suite struct BadInputTests {
    @Test func truncatedXMLFailsTheWholeFileAndStoresNothing() throws {
        let scratch = Scratch()
        let path = scratch.write("cut.xml", """
            <feed xmlns="http://www.w3.org/2005/Atom">
            <entry><id>http://arxiv.org/abs/1111.2011v2</id><title>Fine entry</title><summary>Fine.</summary></entry>
            <entry><id>http://arxiv.org/abs/1111.2012v2</id><title>Cut
            """)
        let store = try scratch.store()
        let report = try Ingestor(store: store).ingest([path])
        #expect(report.failed.count == 1)
        #expect(report.failed[0].error?.contains("cut.xml") == true)
        #expect(report.failed[0].error?.contains("line") == true)
        #expect(try store.statistics().papers == 0)
        #expect(try store.statistics().files == 0)
    }

    @Test func aFileThatFailsAfterManyBatchesStoresNothing() throws {
        // Far more records than one batch of the reading thread: the writer has stored some of
        // them when the reader reaches the break, and all of them must roll back.
        let scratch = Scratch()
        var xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        for n in 0..<2_000 {
            xml += "<entry><id>http://arxiv.org/abs/1111.\(String(n + 10_000))v1</id><title>Entry number \(n) of many</title><summary>Abstract \(n).</summary></entry>\n"
        }
        xml += "<entry><id>http://arxiv.org/abs/1111.2012v2</id><title>Cut"
        let path = scratch.write("long-cut.xml", xml)
        let store = try scratch.store()
        let report = try Ingestor(store: store).ingest([path])
        #expect(report.failed.count == 1)
        #expect(report.failed[0].error?.contains("long-cut.xml") == true)
        #expect(try store.statistics().papers == 0)
        #expect(try store.statistics().files == 0)
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let scratch = Scratch()
        let secret = scratch.write("secret.txt", "TOP-SECRET-CONTENT")
        let path = scratch.write("xxe.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE feed [ <!ENTITY xxe SYSTEM "file://\(secret)"> <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> ]>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <entry><id>http://arxiv.org/abs/1111.2011</id><title>Leak &xxe; and &b;</title><summary>Text</summary></entry>
            </feed>
            """)
        let store = try scratch.store()
        _ = try Ingestor(store: store).ingest([path])
        let titles = try store.papers().map(\.title)
        #expect(!titles.joined().contains("TOP-SECRET"))
        #expect(!titles.joined().contains("aaaaaaaaaa"))
    }

    @Test func emptyBinaryAndNonPaperFilesAreErrorsWhenNamed() throws {
        let scratch = Scratch()
        let empty = scratch.write("empty.txt", "")
        let binary = scratch.write("blob.bin", bytes: [0x7F, 0x45, 0x4C, 0x46, 0, 0, 1, 2, 3, 0, 0, 0])
        let prose = scratch.write("note.txt", "just a short note\n")
        let store = try scratch.store()
        let report = try Ingestor(store: store).ingest([empty, binary, prose])
        #expect(report.failed.count == 3)
        #expect(report.failed[0].error?.contains("empty") == true)
        #expect(report.failed[1].error?.contains("binary") == true)
        #expect(report.failed[2].error?.contains("no papers found") == true)
        #expect(try store.statistics().papers == 0)
    }

    @Test func invalidUTF8IsReplacedAndReported() throws {
        let scratch = Scratch()
        var bytes = Array("Bad Bytes Title\n\n".utf8)
        bytes += Array(String(repeating: "Some abstract text that goes on and on for a while. ", count: 5).utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(" end.\n".utf8)
        let path = scratch.write("bad.txt", bytes: bytes)
        let store = try scratch.store()
        let report = try Ingestor(store: store).ingest([path])
        #expect(report.papers == 1)
        #expect(report.files[0].diagnostics.contains { $0.message.contains("invalid UTF-8") && $0.provenance.line == 3 })
    }

    @Test func directoryWalkIgnoresFilesWithoutPapers() throws {
        let scratch = Scratch()
        scratch.write("README.md", "Documentation that is not a paper.")
        scratch.write("junk.txt", "x\n")
        try FileManager.default.copyItem(atPath: "\(TestPaths.fixtures)/000_4e8f444d762af75b.txt",
                                         toPath: scratch.url.appendingPathComponent("000.txt").path)
        let store = try Store(path: scratch.url.appendingPathComponent("store.db").path)
        let report = try Ingestor(store: store).ingest([scratch.url.path])
        #expect(report.failed.isEmpty)
        #expect(report.papers == 10)
        #expect(!report.files.contains { $0.path.hasSuffix("README.md") })
    }
}

@Suite struct LimitTests {
    @Test func oversizedLinesAndFieldsAreSkippedWithTheirLocation() throws {
        let scratch = Scratch()
        var text = #"{"title": "Small paper one", "abstract": "Short abstract."}"# + "\n"
        text += #"{"title": ""# + String(repeating: "x", count: 40_000) + "\"}\n"
        text += #"{"title": "Small paper two", "abstract": ""# + String(repeating: "y ", count: 600_000) + "\"}\n"
        text += #"{"title": "Small paper three"}"# + "\n"
        let path = scratch.write("big.jsonl", text)
        let (records, sink) = try readAll(path)
        #expect(records.map(\.title) == ["Small paper one", "Small paper three"])
        #expect(sink.diagnostics.contains { $0.provenance.line == 2 && $0.message.contains("title") })
        #expect(sink.diagnostics.contains { $0.provenance.line == 3 && $0.message.contains("abstract") })
    }

    @Test func aLineBeyondTheReaderLimitIsSkippedEvenWhenItArrivesWhole() throws {
        let scratch = Scratch()
        let path = scratch.write("lines.txt", "first\n" + String(repeating: "z", count: 3000) + "\nlast\n")
        let reader = try LineReader(path: path, maxLineBytes: 1000)
        var lines: [String] = []
        while let line = try reader.next() { lines.append(line.text) }
        #expect(lines == ["first", "last"])
        #expect(reader.oversized.count == 1 && reader.oversized[0].line == 2 && reader.oversized[0].bytes == 3000)
    }
}
