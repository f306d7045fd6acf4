import Foundation
import Testing
@testable import ConceptGraph

@Suite struct ReaderTests {
    @Test func listingPairsTitlesWithAbstractsAndSkipsFurniture() throws {
        let scratch = Scratch()
        let abstract = String(repeating: "We study a problem of learning with many words in it. ", count: 6)
        let path = scratch.write("listing.txt", """
            new

            Get trending papers in your email inbox!

            Subscribe

            byAK and the research community

            Mar 14

            First Paper: A Title

            \(abstract)

            Second Paper on Things

            \(abstract)
            """)
        #expect(try FormatDetector.detect(path: path) == .listing)
        let (records, sink) = try readAll(path)
        #expect(records.map(\.title) == ["First Paper: A Title", "Second Paper on Things"])
        #expect(records[0].provenance.line == 11)
        #expect(records[1].provenance.locator == "line 15")
        #expect(sink.skipped == 0)
    }

    @Test func abstractRecordsGetLabelsAndStableIDs() throws {
        let scratch = Scratch()
        let path = scratch.write("abstracts.txt", """
            Abstract:Feature learning, i.e. extracting meaningful representations, is {\\em central} to deep learning and to many other things we care about here.


            Abstract:Deep learning models are prone to forgetting information learned in the past when trained on new data over time.
            """)
        #expect(try FormatDetector.detect(path: path) == .abstractRecords)
        let (records, _) = try readAll(path)
        #expect(records.count == 2)
        #expect(records[0].title == nil)
        #expect(records[0].abstract!.contains("is central to"))
        #expect(records[1].provenance.line == 4)
        #expect(TextNormalizer.label(fromText: records[0].abstract!) == "Feature learning, i.e. extracting meaningful representations, is central …")
    }

    @Test func atomFeedsOldAndNew() throws {
        let scratch = Scratch()
        let old = scratch.write("old.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title type="html">ArXiv Query</title>
              <entry>
                <id>http://arxiv.org/abs/1111.2011v2</id>
                <published>2011-11-08T18:48:36Z</published>
                <title>Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large
              Connectivity Limit</title>
                <summary>  Theoretical description of anisotropic
            systems.</summary>
                <author><name>James M. Murray</name></author>
                <author><name>Adrian Del Maestro</name></author>
                <arxiv:doi xmlns:arxiv="http://arxiv.org/schemas/atom">10.1103/PhysRevB.85.115117</arxiv:doi>
                <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cond-mat.str-el"/>
              </entry>
            </feed>
            """)
        let (records, _) = try readAll(old)
        #expect(records.count == 1)
        let r = records[0]
        #expect(r.title == "Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit")
        #expect(r.arxivID == "1111.2011")
        #expect(r.doi == "10.1103/physrevb.85.115117")
        #expect(r.year == 2011)
        #expect(r.authors == ["James M. Murray", "Adrian Del Maestro"])
        #expect(r.categories == ["cond-mat.str-el"])

        let new = scratch.write("new.xml", """
            <?xml version='1.0' encoding='UTF-8'?>
            <feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
              <entry>
                <id>https://arxiv.org/api/errors#incorrect_id_format_for_abc</id>
                <title>Error</title>
                <summary>incorrect id format for abc</summary>
              </entry>
              <entry>
                <id>http://arxiv.org/abs/2512.13690v1</id>
                <title>DiffusionBrowser</title>
                <summary>Video diffusion models at 4$\\times$ real-time speed.</summary>
                <category term="cs.CV" scheme="http://arxiv.org/schemas/atom"/>
                <published>2025-12-15T18:59:57Z</published>
                <arxiv:primary_category term="cs.CV"/>
                <author><name>Susung Hong</name></author>
              </entry>
            </feed>
            """)
        let (records2, sink2) = try readAll(new)
        #expect(records2.count == 1)
        #expect(records2[0].abstract == "Video diffusion models at 4× real-time speed.")
        #expect(records2[0].categories == ["cs.CV"])
        #expect(sink2.skipped == 1)
        #expect(sink2.diagnostics[0].message.contains("incorrect id format for abc"))
        #expect(sink2.diagnostics[0].provenance.locator.hasPrefix("entry 1"))
    }

    @Test func oaiRecords() throws {
        let scratch = Scratch()
        let path = scratch.write("oai.xml", """
            <?xml version="1.0" encoding="utf-8"?><ListRecords><record><header><identifier>oai:arXiv.org:gr-qc/9210004</identifier></header><metadata><title>The Spacetime Approach</title><description>Feynman's formulation from Schr\\&quot;odinger.</description><date>1992-10-02</date></metadata></record></ListRecords>
            """)
        let (records, _) = try readAll(path)
        #expect(records.count == 1)
        #expect(records[0].arxivID == "gr-qc/9210004")
        #expect(records[0].abstract == "Feynman's formulation from Schrödinger.")
        #expect(records[0].year == 1992)
    }

    @Test func jsonLinesInEveryCommonShape() throws {
        let scratch = Scratch()
        let path = scratch.write("mixed.jsonl", """
            {"id":"0704.0001","authors":"C. Bal\\\\'azs, E. L. Berger","title":"Calculation of prompt diphoton\\n  production","abstract":"  A fully differential calculation.\\n","versions":[{"version":"v1","created":"Mon, 2 Apr 2007 19:18:42 GMT"}],"authors_parsed":[["Balázs","C.",""],["Berger","E. L.",""]],"categories":"hep-ph"}
            {"arxiv_id": "2312.00690v4", "title": "Open-vocabulary object 6D pose estimation", "authors": ["Jaime Corsetti"], "summary": "We introduce the new setting.", "published": "2023-12-01T15:17:56Z", "categories": ["cs.CV"]}
            {"paper_id": "77490025", "title": "State of external ocular muscles", "authors": [{"first": "Pen'kov", "middle": [], "last": "Ma", "suffix": ""}], "abstract": null, "year": 1975}
            {"acl_id": "A00-1031", "title": "TnT - A Statistical Part-Of-Speech Tagger", "abstract": "Trigrams'n'Tags (TnT) is efficient.", "authors": ["Brants, Thorsten"], "year": 2000}
            not json at all
            [1, 2]
            """)
        #expect(try FormatDetector.detect(path: path) == .jsonLines)
        let (records, sink) = try readAll(path)
        #expect(records.count == 4)
        #expect(records[0].arxivID == "0704.0001" && records[0].year == 2007)
        #expect(records[0].title == "Calculation of prompt diphoton production")
        #expect(records[0].authors == ["C. Balázs", "E. L. Berger"])
        #expect(records[1].arxivID == "2312.00690" && records[1].year == 2023 && records[1].abstract == "We introduce the new setting.")
        #expect(records[2].otherIDs.contains(ExternalID("s2", "77490025")) && records[2].authors == ["Pen'kov Ma"])
        #expect(records[3].otherIDs.contains(ExternalID("acl", "A00-1031")) && records[3].authors == ["Thorsten Brants"])
        #expect(sink.skipped == 2)
        #expect(sink.diagnostics.map(\.provenance.locator) == ["line 5", "line 6"])
    }

    @Test func bibtexEntries() throws {
        let scratch = Scratch()
        let path = scratch.write("lib.bib", """
            % A comment line
            @string{ieee = "IEEE Transactions"}
            @comment{ not an entry @article{fake, title={no}} }
            @PREAMBLE{" \\makeatletter "}

            @Article{Key1,
              Title                    = {Accuracy in {{Optical Tracking}}: An {A}ccuracy Function},
              Author                   = {D{\\"o}rner, Ralf and Smith, John},
              Journal                  = ieee # " on Things",
              Year                     = 2004,
              Abstract                 = "A study of {"}quoted{"} things with 5\\% error."
            }
            @unpublished{Key2,
              title = {Delving {{Deep}} into Rectifiers},
              date = {2015-02-06},
              eprint = {1502.01852},
              eprinttype = {arXiv},
            }
            @article{Broken,
              title = {A Title With a Stray {Brace},
              year = {2008},
              abstract = {Text of the abstract.},
            }
            @misc{Key3, title = {After the broken one}}
            """)
        #expect(try FormatDetector.detect(path: path) == .bibtex)
        let (records, sink) = try readAll(path)
        #expect(records.map(\.title) == ["Accuracy in Optical Tracking: An Accuracy Function", "Delving Deep into Rectifiers",
                                         "A Title With a Stray Brace", "After the broken one"])
        #expect(records[0].authors == ["Ralf Dörner", "John Smith"])
        #expect(records[0].venue == "IEEE Transactions on Things")
        #expect(records[0].year == 2004)
        #expect(records[0].abstract == "A study of \"quoted\" things with 5% error.")
        #expect(records[1].arxivID == "1502.01852" && records[1].year == 2015)
        #expect(records[2].abstract == "Text of the abstract.")
        #expect(records[2].provenance.line == 19)
        #expect(sink.diagnostics.contains { $0.message.contains("unbalanced braces") && $0.provenance.line == 19 })
    }

    @Test func arxivAbsFile() throws {
        let scratch = Scratch()
        let path = scratch.write("9411001.abs", """
            ------------------------------------------------------------------------------
            \\\\
            arXiv:acc-phys/9411001
            From: Salman Habib <x@y.z>
            Date: Tue, 1 Nov 1994 18:57:48 GMT   (199kb)

            Title: Symplectic Computation of Lyapunov
              Exponents
            Authors: Salman Habib and Robert D. Ryne
            Categories: acc-phys physics.acc-ph
            \\\\
              A recently developed method for the calculation of Lyapunov exponents of
            dynamical systems is described.
            \\\\
            """)
        #expect(try FormatDetector.detect(path: path) == .arxivAbs)
        let (records, _) = try readAll(path)
        #expect(records.count == 1)
        let r = records[0]
        #expect(r.title == "Symplectic Computation of Lyapunov Exponents")
        #expect(r.arxivID == "acc-phys/9411001")
        #expect(r.authors == ["Salman Habib", "Robert D. Ryne"])
        #expect(r.year == 1994)
        #expect(r.abstract == "A recently developed method for the calculation of Lyapunov exponents of dynamical systems is described.")
        #expect(r.categories == ["acc-phys", "physics.acc-ph"])
    }
}
