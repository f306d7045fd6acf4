import Foundation
import GRDB
import Testing
@testable import ConceptGraph

/// The HTML report: well-formed, self-contained, every internal link resolved, deterministic,
/// bounded, and safe against hostile text in the store.
struct HTMLReportTests {
    /// A renderer that finds no Graphviz: the page is built without the map, fast.
    static let noGraphviz = GraphvizRenderer(searchPath: ["/nonexistent"])

    /// The `id` values of a page, in order (duplicates kept).
    static func ids(_ html: String) -> [String] { matches(#"\sid="([^"]*)""#, in: html) }

    /// The targets of its internal links (`href="#x"` and SVG's `xlink:href="#x"`).
    static func internalLinks(_ html: String) -> [String] { matches(##"href="#([^"]*)""##, in: html) }

    static func matches(_ pattern: String, in text: String) -> [String] {
        // Through NSString: a match may end inside a grapheme (a quote followed by a combining
        // mark), which no String.Index range can express.
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    /// Every check that holds for any page: links resolve, ids are unique, nothing is fetched.
    static func expectSelfContained(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = ids(html)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())",
                sourceLocation: sourceLocation)
        let known = Set(ids)
        let dangling = Set(internalLinks(html)).subtracting(known)
        #expect(dangling.isEmpty, "links to no id: \(dangling.sorted().prefix(10))", sourceLocation: sourceLocation)
        // A raw "<" only ever opens a tag (text is escaped), so tags are easy to find.
        let tags = matches(#"(<[a-zA-Z][^>]*>)"#, in: html).map { $0.lowercased() }
        let elements = Set(tags.map { String($0.dropFirst().prefix { $0.isLetter || $0 == ":" }) })
        for element in ["script", "link", "img", "iframe", "object", "embed", "image", "use", "audio", "video", "source", "base"] {
            #expect(!elements.contains(element), "the page loads something: <\(element)>", sourceLocation: sourceLocation)
        }
        for tag in tags where tag.contains(" src=") || tag.contains("url(") {
            #expect(Bool(false), "a tag fetches something: \(tag.prefix(200))", sourceLocation: sourceLocation)
        }
        if let style = html.range(of: "<style>"), let end = html.range(of: "</style>") {
            let css = html[style.upperBound..<end.lowerBound]
            #expect(!css.contains("url(") && !css.contains("@import"), sourceLocation: sourceLocation)
        }
        // Outward links only to the papers' pages, and only from <a>.
        for href in matches(##"<([a-zA-Z:]+)[^>]*\shref="([^#"][^"]*)""##, in: html) {
            #expect(href == "a", "an outward href on <\(href)>", sourceLocation: sourceLocation)
        }
        for target in matches(##"\shref="([^#"][^"]*)""##, in: html) {
            #expect(target.hasPrefix("https://arxiv.org/abs/") || target.hasPrefix("https://doi.org/"), "\(target)", sourceLocation: sourceLocation)
        }
    }

    /// Parses the page as XML (strict) and as HTML with xmllint; HTML5 elements that libxml2's
    /// HTML 4 parser does not know are the only complaints allowed.
    static func expectParses(_ html: String, in scratch: Scratch, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard ExternalTools.hasXmllint else {
            print("note: xmllint is not installed (apt-get install libxml2-utils); the report is not parsed")
            return
        }
        let path = scratch.write("page-\(UUID().uuidString).html", html)
        let xml = try ExternalTools.run("xmllint", ["--noout", "--nonet", path])
        #expect(xml.status == 0 && xml.stderr.isEmpty, "not well-formed: \(xml.stderr.prefix(2000))", sourceLocation: sourceLocation)
        let parsed = try ExternalTools.run("xmllint", ["--html", "--noout", "--nonet", path])
        let complaints = parsed.stderr.split(separator: "\n").filter { $0.contains("error") && !$0.contains("invalid") && !$0.contains("Tag ") }
        let unknownTags = Set(matches(#"Tag (\S+) invalid"#, in: parsed.stderr))
        let html5 = Set(["header", "main", "nav", "section", "article", "footer", "details", "summary", "svg", "g", "title", "polygon",
                         "path", "text", "ellipse", "polyline", "a", "defs", "lineargradient", "stop"])
        #expect(complaints.isEmpty, "\(complaints.prefix(5))", sourceLocation: sourceLocation)
        #expect(unknownTags.subtracting(html5).isEmpty, "unexpected tags: \(unknownTags.subtracting(html5))", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: ExternalTools.path(of: "neato") != nil, "Graphviz `neato` is not installed (apt-get install graphviz)"))
    func reportOfTheFixturesIsCompleteAndClickable() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let report = try store.htmlReport()
        let html = report.html
        #expect(report.papers == 192 && report.papersListed == 192 && report.diagram == .papers && report.notes.isEmpty)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">") && html.hasSuffix("</html>\n"))
        try Self.expectParses(html, in: scratch)
        Self.expectSelfContained(html)
        // The map: inline SVG without its prolog, one clickable node per paper.
        #expect(html.components(separatedBy: "<svg").count == 2)
        #expect(!html.contains("<?xml") && !html.contains("<!--") && !html.contains("DOCTYPE svg"))
        let mapLinks = Self.matches(##"xlink:href="#(p\d+)""##, in: html)
        #expect(Set(mapLinks).count == 192)
        // Every paper and cluster has its section; the table links to each cluster.
        let clusters = try store.clusters()
        #expect(html.components(separatedBy: "<article class=\"paper\"").count - 1 == 192)
        for c in clusters { #expect(html.contains("<a href=\"#k\(c.id)\">") && html.contains("id=\"k\(c.id)\"")) }
        // The paper of the demo, with its parts, linking to the paper that cites it.
        let gd = try store.resolvePaper(FixtureGraphTests.iclGD[0])
        let start = try #require(html.range(of: "<article class=\"paper\" id=\"p\(gd)\">"))
        let article = html[start.lowerBound..<(html[start.upperBound...].range(of: "</article>")?.upperBound ?? html.endIndex)]
        for part in ["<h3>Transformers learn in-context by gradient descent</h3>", "<dt>Methods</dt>", "<h4>Claims</h4>",
                     "<h4>Related papers</h4>", "<h4>Cites</h4>", "<h4>Cited by</h4>", "<summary>Abstract</summary>", "outside the corpus"] {
            #expect(article.contains(part), "\(part)")
        }
        let citing = try #require(try store.citations(of: gd, outgoing: false).first?.paper)
        #expect(article.contains("<a href=\"#p\(citing.id)\">"))
    }

    @Test(.enabled(if: ExternalTools.path(of: "neato") != nil, "Graphviz `neato` is not installed (apt-get install graphviz)"))
    func theSameStoreGivesTheSameBytes() throws {
        let scratch = Scratch()
        let first = try ExportTests.built(in: scratch).htmlReport().html
        let second = try ExportTests.built(in: scratch, name: "other.sqlite").htmlReport().html
        #expect(first == second)
        #expect(first.contains("<svg"))
    }

    @Test func aLargeStoreIsCappedAndMappedByClusters() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let clusters = try store.clusters()
        let report = try store.htmlReport(HTMLReport.Options(maximumPapers: 25, diagramPaperLimit: 100), renderer: Self.noGraphviz)
        #expect(report.papersListed == 25 && report.papers == 192)
        #expect(report.notes.contains { $0.contains("25 of the 192 papers") })
        #expect(report.notes.contains { $0.contains("the map shows the clusters") })
        #expect(report.notes.contains { $0.contains("Graphviz is not installed") }, "\(report.notes)")
        #expect(report.diagram == nil && report.html.contains("No map: Graphviz is not installed"))
        Self.expectSelfContained(report.html)
        try Self.expectParses(report.html, in: scratch)
        #expect(report.html.contains("This page describes 25 of the 192 papers"))
        // Taken in turns: every cluster (and the unclustered papers) has at least two papers listed.
        let articles = report.html.components(separatedBy: "<article class=\"paper\"").count - 1
        #expect(articles == 25)
        for c in clusters {
            let section = try #require(report.html.range(of: "id=\"k\(c.id)\""))
            let rest = report.html[section.upperBound...]
            let end = rest.range(of: "</section>")!.lowerBound
            #expect(rest[..<end].components(separatedBy: "<article").count - 1 >= 2, "cluster \(c.id)")
        }
        // Related papers left out of the page are named, not linked.
        #expect(report.html.contains("not on this page"))
    }

    @Test(.enabled(if: ExternalTools.path(of: "neato") != nil, "Graphviz `neato` is not installed (apt-get install graphviz)"))
    func theClustersMapLinksToTheClusterSections() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        let report = try store.htmlReport(HTMLReport.Options(maximumPapers: 2000, diagramPaperLimit: 10))
        #expect(report.diagram == .clusters)
        let mapLinks = Set(Self.matches(##"xlink:href="#([^"]+)""##, in: report.html))
        #expect(mapLinks == Set(try store.clusters().map { "k\($0.id)" }))
        Self.expectSelfContained(report.html)
    }

    @Test func embeddedSVGLosesItsPrologAndRefusesActiveContent() {
        let graphviz = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <!-- Generated by graphviz -->
            <svg width="10pt" height="10pt" viewBox="0 0 10 10" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
            <!-- p1 -->
            <g id="node1" class="node"><a xlink:href="#p1" xlink:title="on the &lt;b&gt; edge"><text>once upon</text></a></g>
            </svg>

            """
        let inline = InlineSVG.embeddable(graphviz)
        #expect(inline?.hasPrefix("<svg width=") == true && inline?.hasSuffix("</svg>\n") == true)
        #expect(inline?.contains("<!--") == false && inline?.contains("<?xml") == false)
        #expect(inline?.contains("on the &lt;b&gt; edge") == true, "text that starts with \"on\" is not an event handler")
        for bad in ["<script>alert(1)</script>", "<g onload=\"alert(1)\"></g>", "<a xlink:href=\"https://example.org/x\"></a>",
                    "<foreignObject><div/></foreignObject>", "<image href=\"#x\"/>", "<!-- unterminated"] {
            let hostile = graphviz.replacingOccurrences(of: "</svg>", with: bad + "</svg>")
            #expect(InlineSVG.embeddable(hostile) == nil, "\(bad)")
        }
        #expect(InlineSVG.embeddable("no svg here") == nil)
    }

    @Test func escapingCoversMarkupAndDropsWhatXMLForbids() {
        #expect(ReportMarkup.escape("</script><b>\"x\" & 'y'") == "&lt;/script&gt;&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;")
        #expect(ReportMarkup.escape("a\u{0}\u{1}\u{7}\u{1B}\u{85}\u{FFFE}b\r\n\tc") == "ab\n\n\tc")
        #expect(ReportMarkup.escape("λ 𝛼 – … 🙂 \u{202E}") == "λ 𝛼 – … 🙂 \u{202E}")
    }

    // MARK: Hostile text

    /// Fragments that break pages, SVG, DOT or XML when not escaped.
    static let hostile = ["</script>", "<script>alert(1)</script>", "<b>bold</b>", "\"]; x [", "' onmouseover='x'", "\" onclick=\"x",
                          "<img src=x onerror=alert(1)>", "&amp;", "&", "]]>", "<!--", "-->", "<![CDATA[", "\\", "\n", "\u{0}", "\u{7}",
                          "\u{FFFE}", "\u{202E}", "javascript:alert(1)", "<svg onload=alert(1)>", "{}", "--", "a\u{301}", "🙂", "𝛼"]

    /// A random string of hostile fragments and random scalars from awkward ranges.
    static func randomHostileText(_ rng: inout SplitMix64) -> String {
        var text = ""
        for _ in 0..<(Int(rng.next() % 6) + 2) {
            switch rng.next() % 3 {
            case 0: text += hostile[Int(rng.next() % UInt64(hostile.count))]
            case 1:
                let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x00...0x1F, 0xA0...0x24F, 0x300...0x36F, 0x590...0x6FF, 0x4E00...0x4E80,
                                                    0x1F600...0x1F64F, 0x2000...0x206F, 0xFFF0...0xFFFF]
                let range = ranges[Int(rng.next() % UInt64(ranges.count))]
                for _ in 0..<(Int(rng.next() % 5) + 1) {
                    let v = range.lowerBound + UInt32(rng.next() % UInt64(range.count))
                    if let scalar = Unicode.Scalar(v) { text.unicodeScalars.append(scalar) }
                }
            default: text += ["word", " ", "Transformers", "in-context", "·"][Int(rng.next() % 5)]
            }
        }
        // Every string carries one marker of each kind, so the checks below always apply.
        return text + "<b>x</b></script>"
    }

    /// Puts hostile text into titles, a cluster label, claims, authors, a DOI, shared-concept
    /// reasons, citation evidence and outside works.
    static func poison(_ store: Store, _ rng: inout SplitMix64) throws -> [String] {
        var inserted: [String] = []
        func next() -> String { let s = randomHostileText(&rng); inserted.append(s); return s }
        try store.write { db in
            let papers = try Int64.fetchAll(db, sql: "SELECT id FROM paper ORDER BY id LIMIT 6")
            for id in papers {
                let title = next()
                try db.execute(sql: "UPDATE paper SET title = ?, label = ?, doi = ?, venue = ? WHERE id = ?",
                               arguments: [title, title, "10.1000/" + next(), next(), id])
                try db.execute(sql: "INSERT OR REPLACE INTO author (paperID, position, name) VALUES (?, 0, ?)", arguments: [id, next()])
                try db.execute(sql: "UPDATE claim SET text = ? WHERE rowid = (SELECT rowid FROM claim WHERE paperID = ? LIMIT 1)", arguments: [next(), id])
            }
            try db.execute(sql: "UPDATE cluster SET label = ? WHERE id = (SELECT MIN(id) FROM cluster)", arguments: [next()])
            let reasons = try JSONSerialization.data(withJSONObject: [["key": "k", "kind": "method", "name": next(), "weight": 0.5]])
            try db.execute(sql: "UPDATE similarity SET reasons = ? WHERE rowid IN (SELECT rowid FROM similarity ORDER BY a, b LIMIT 40)",
                           arguments: [String(decoding: reasons, as: UTF8.self)])
            try db.execute(sql: "UPDATE citation SET evidence = ?, callout = ?", arguments: [next(), next()])
            try db.execute(sql: "UPDATE reference SET label = ?", arguments: [next()])
            try db.execute(sql: "UPDATE concept SET name = ? WHERE id IN (SELECT conceptID FROM mention WHERE paperID = ?)",
                           arguments: [next(), papers[0]])
        }
        return inserted
    }

    static func expectNoInjectedMarkup(_ html: String, inserted: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        // The page itself never writes these; the hostile strings carry them. Escaped, they are
        // harmless text ("&lt;img src=x onerror=…"); raw, they would be markup.
        for raw in ["<b>", "</b>", "<script", "</script>", "<img", "<svg onload", "\" onclick=\"", "' onmouseover='", "<![CDATA[", "]]>",
                    "<!--", "\u{0}", "\u{7}"] {
            // Bools, not the page, in the expectations: a failure should not print a megabyte.
            let found = html.contains(raw)
            #expect(!found, "unescaped \(raw.debugDescription) in the page", sourceLocation: sourceLocation)
        }
        let shown = html.contains("&lt;b&gt;x&lt;/b&gt;&lt;/script&gt;")
        #expect(shown, "the escaped form is shown", sourceLocation: sourceLocation)
        for text in inserted where ReportMarkup.escape(text) != text {
            let found = html.contains(text)
            #expect(!found, "raw hostile text \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func hostileTextNeverBecomesMarkup() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        var rng = SplitMix64(seed: 2024)
        for round in 0..<6 {
            let inserted = try Self.poison(store, &rng)
            let html = try store.htmlReport(renderer: Self.noGraphviz).html
            Self.expectNoInjectedMarkup(html, inserted: inserted)
            Self.expectSelfContained(html)
            if round < 2 { try Self.expectParses(html, in: scratch) }
        }
    }

    @Test(.enabled(if: ExternalTools.path(of: "neato") != nil, "Graphviz `neato` is not installed (apt-get install graphviz)"))
    func hostileTextInTheMapStaysEscaped() throws {
        let scratch = Scratch()
        let store = try ExportTests.built(in: scratch)
        var rng = SplitMix64(seed: 7)
        let inserted = try Self.poison(store, &rng)
        let report = try store.htmlReport()
        #expect(report.diagram == .papers, "\(report.notes)")
        let svgStart = try #require(report.html.range(of: "<svg"))
        let svgEnd = try #require(report.html.range(of: "</svg>"))
        let svg = String(report.html[svgStart.lowerBound..<svgEnd.upperBound])
        // The titles reach the map (as tooltips and labels), escaped.
        #expect(svg.contains("&lt;b&gt;x&lt;/b&gt;"))
        // And Graphviz takes the hostile cluster label in a picture's heading (an HTML-like label).
        let firstCluster = try #require(try store.clusters().first)
        let dot = DOTWriter().write(try store.graphExport(ExportOptions(cluster: String(firstCluster.id))))
        let drawn = try ExternalTools.run("dot", ["-Tsvg"], input: dot)
        #expect(drawn.status == 0, "\(drawn.stderr.prefix(500))")
        #expect(drawn.stdout.contains("&lt;b&gt;x&lt;/b&gt;&lt;/script&gt;") && !drawn.stdout.contains("<b>x"))
        Self.expectNoInjectedMarkup(report.html, inserted: inserted)
        Self.expectSelfContained(report.html)
        try Self.expectParses(report.html, in: scratch)
    }
}
