import Foundation
import Testing
@testable import ConceptGraph

/// Every reader on the real third-party samples in ../shared/corpora and ../shared/eval, with the
/// counts their README.txt files give.
@Suite(.enabled(if: TestPaths.sharedAvailable, "../shared is absent (set CONCEPTGRAPH_SHARED to run these)"))
struct SharedCorpusTests {
    /// Reads every file under `relative` (a file or a directory) without a store.
    func readTree(_ relative: String) throws -> (records: [SourceRecord], skipped: [Diagnostic]) {
        var records: [SourceRecord] = []
        var skipped: [Diagnostic] = []
        for (path, _, explicit) in try Ingestor.expand([TestPaths.sharedPath(relative)]) {
            guard let format = try? FormatDetector.detect(path: path) else { continue }
            let sink = RecordSink { records.append($0) }
            try Ingestor.reader(for: format).read(path: path, display: path, into: sink)
            if sink.records > 0 || explicit || format != .listing { skipped += sink.diagnostics.filter { $0.message.hasPrefix("skipped") } }
        }
        return (records, skipped)
    }

    @Test func atomFeeds746Entries() throws {
        let (records, skipped) = try readTree("corpora/arxiv-atom-api")
        // 746 <entry> elements: 745 papers and one API error entry ("incorrect id format for abc").
        #expect(records.count == 745)
        #expect(skipped.count == 1 && skipped[0].message.contains("arXiv API error"))
        #expect(records.allSatisfy { $0.arxivID != nil && $0.title != nil && !$0.authors.isEmpty && $0.year != nil })
        #expect(Set(records.map { $0.arxivID! }).count == 617)
        #expect(records.filter { $0.provenance.file.contains("old-format") }.count == 24)
    }

    @Test func kaggleSnapshot200Records() throws {
        let (records, _) = try readTree("corpora/arxiv-kaggle-head-sample/arxiv-metadata-oai-snapshot.head.jsonl")
        #expect(records.count == 200)
        #expect(records[0].arxivID == "0704.0001")
        #expect(records[0].authors.first == "C. Balázs")
        #expect(records[0].title == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies")
        // The sample's README says 36 records have a cs.* category, but it counted "physics.*"
        // too; 8 have a real cs.* one.
        #expect(records.filter { $0.categories.contains { $0.hasPrefix("cs.") } }.count == 8)
        #expect(records.allSatisfy { $0.year == 2007 })
    }

    @Test func dailyHarvest3788Records() throws {
        let (records, _) = try readTree("corpora/arxiv-daily-cvro/merged_dedup.jsonl")
        #expect(records.count == 3788)
        #expect(Set(records.compactMap(\.arxivID)).count == 3788)
        #expect(records.filter { $0.categories.contains("cs.CV") }.count == 2242)
    }

    @Test func s2orcSample1000Papers() throws {
        let (records, _) = try readTree("corpora/s2orc-metadata-sample/sample.jsonl")
        #expect(records.count == 1000)
        #expect(records.filter { $0.abstract != nil }.count == 488)
    }

    @Test func aclAnthology978Papers() throws {
        let (records, _) = try readTree("eval/acl-aan/papers.jsonl")
        #expect(records.count == 978)
        #expect(records.filter { $0.abstract != nil }.count == 893)
        #expect(records[0].authors == ["Thorsten Brants"] && records[0].year == 2000)
    }

    @Test func bibtexLibraries() throws {
        let zotero = try readTree("corpora/bibtex-zotero-bbt/zotero-bbt-export-1296.bib").records
        #expect(zotero.count == 3725)
        #expect(zotero.filter { $0.abstract != nil }.count == 1304)
        let jabref = try readTree("corpora/bibtex-zotero-bbt/jabref-library-97.bib")
        // The README's 916 counts the @PREAMBLE and 4 @comment blocks: 911 entries, 10 of them
        // with neither title nor abstract.
        #expect(jabref.records.count + jabref.skipped.count == 911)
        #expect(jabref.records.filter { $0.abstract != nil }.count == 476)
        let mendeley = try readTree("corpora/bibtex-zotero-bbt/mendeley-export.bib").records
        #expect(mendeley.count == 512)  // including Mendeley's @web_page entries
        #expect(mendeley.filter { $0.abstract != nil }.count == 313)
        let biblatex = try readTree("corpora/bibtex-zotero-bbt/zotero-arxiv-preprints-2163.biblatex").records
        #expect(biblatex.count == 12)
        #expect(biblatex.contains { $0.arxivID == "1502.01852" && $0.title == "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification" })
    }

    @Test func arxivAbsFiles() throws {
        let (records, _) = try readTree("corpora/arxiv-browse-abs/abs")
        // 1,212 files, one of them empty (ftp__math-ph__papers__0509__0509037.abs).
        #expect(records.count == 1211)
        // The README's "192 have a cs.* category" matches "physics" too; 79 have a real cs.* one.
        #expect(records.filter { $0.categories.contains { $0.hasPrefix("cs.") } }.count == 79)
        #expect(records.allSatisfy { $0.arxivID != nil })
    }

    @Test func oaiDump38858Records() throws {
        let (records, _) = try readTree("corpora/arxiv-oaipmh-quantph/xml")
        #expect(records.count == 38858)
        #expect(records.allSatisfy { $0.arxivID != nil && $0.abstract != nil })
    }

    @Test func everySampleIngestsIntoOneStore() throws {
        let scratch = Scratch()
        let store = try scratch.store()
        let report = try Ingestor(store: store).ingest([
            TestPaths.sharedPath("corpora/arxiv-atom-api"),
            TestPaths.sharedPath("corpora/arxiv-kaggle-head-sample"),
            TestPaths.sharedPath("corpora/bibtex-zotero-bbt/zotero-arxiv-preprints-2163.biblatex"),
            TestPaths.sharedPath("eval/acl-aan/papers.jsonl"),
        ])
        #expect(report.failed.isEmpty)
        #expect(report.records == 745 + 200 + 12 + 978)
        let stats = try store.statistics()
        #expect(stats.papers == report.papers)
        #expect(stats.papers == 617 + 200 + 12 + 978 - report.merged + (745 - 617))
    }
}
