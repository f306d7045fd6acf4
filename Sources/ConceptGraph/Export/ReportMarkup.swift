import Foundation

/// Writes the report's HTML, piece by piece in page order. Every text from the store goes
/// through `escape`; the markup is also well-formed XML (every element closed, attributes
/// quoted, only XML's own entities), so an XML parser can check it.
struct ReportMarkup {
    /// The map as the page shows it.
    struct Map {
        var kind: GraphExport.Kind?
        var svg: String?
        var message: String?
        var nodes = 0
        var links = 0
        var citations = 0
    }

    private(set) var text = ""

    /// Text or attribute value for HTML: markup characters as entities; characters neither HTML
    /// nor XML allow (C0 controls but tab and line breaks, C1 controls, U+FFFE/U+FFFF) dropped;
    /// tabs and line breaks become spaces where a label has no room for them.
    static func escape(_ value: String, lineBreaksAsSpaces: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r":
                if lineBreaksAsSpaces { out += " " } else if scalar == "\r" { out += "\n" } else { out.unicodeScalars.append(scalar) }
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private mutating func add(_ s: String) { text += s }

    mutating func open(title: String) {
        add("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
        add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        add("<meta name=\"generator\" content=\"conceptgraph\"/>\n")
        add("<title>\(Self.escape(title))</title>\n<style>\n\(Self.css)</style>\n</head>\n<body>\n")
    }

    mutating func header(papers: Int, clusters: Int, similar: Int, citations: Int, inCorpus: Int, unclustered: Int, listed: Int) {
        add("<header>\n<h1>Concept graph of \(Self.count(papers, "paper"))</h1>\n")
        add("<p class=\"lede\">\(Self.count(clusters, "cluster")) · \(Self.count(similar, "“shares concepts” link")) · "
            + "\(Self.count(citations, "citation")), \(inCorpus) to papers of the corpus</p>\n")
        add("<nav><a href=\"#map\">Map</a> · <a href=\"#clusters\">Clusters</a>")
        if unclustered > 0 { add(" · <a href=\"#unclustered\">Papers in no cluster</a>") }
        add("</nav>\n")
        if listed < papers {
            add("<p class=\"note\">This page describes \(listed) of the \(papers) papers: the most linked of each cluster, in turns. "
                + "<code>conceptgraph cluster &lt;id&gt;</code> lists every paper of a cluster and <code>conceptgraph show &lt;paper&gt;</code> "
                + "describes any paper.</p>\n")
        }
        add("</header>\n<main>\n")
    }

    mutating func map(_ map: Map) {
        add("<section id=\"map\">\n<h2>Map</h2>\n")
        if let svg = map.svg, let kind = map.kind {
            switch kind {
            case .clusters:
                add("<p class=\"note\">Each box is a cluster, with its size; lines join clusters whose papers share concepts or cite each other "
                    + "(each cluster’s \(RenderPlan.linksPerNode) strongest links; thicker is stronger). Click a cluster to read about it.</p>\n")
                add("<div class=\"diagram fit\">\n\(svg)</div>\n")
            default:
                var sentence = "Each box is a paper, coloured by its cluster (grey: in no cluster); lines join papers that share concepts "
                    + "(each paper’s \(RenderPlan.linksPerNode) strongest links; thicker is stronger)"
                if map.citations > 0 { sentence += ", red arrows are citations" }
                add("<p class=\"note\">\(sentence). Hover for the full title, click a paper to read about it; the map scrolls.</p>\n")
                add("<div class=\"diagram\">\n\(svg)</div>\n")
            }
        } else {
            add("<p class=\"note\">\(Self.escape(map.message ?? "No map."))</p>\n")
        }
        add("</section>\n")
    }

    mutating func clusterTable(_ clusters: [ClusterSummary], unclustered: Int) {
        add("<section id=\"clusters\">\n<h2>Clusters</h2>\n")
        if clusters.isEmpty {
            add("<p class=\"note\">No clusters yet: <code>conceptgraph build</code> finds them.</p>\n")
        } else {
            add("<table class=\"clusters\">\n<thead><tr><th class=\"num\">#</th><th>Cluster: its most telling concepts</th><th class=\"num\">Papers</th></tr></thead>\n<tbody>\n")
            for c in clusters {
                add("<tr><td class=\"num\">\(c.id)</td><td>\(Self.swatch(c.id))<a href=\"#k\(c.id)\">\(Self.escape(c.label))</a></td>"
                    + "<td class=\"num\">\(c.size)</td></tr>\n")
            }
            if unclustered > 0 {
                add("<tr><td class=\"num\"></td><td>\(Self.swatch(nil))<a href=\"#unclustered\">In no cluster</a></td><td class=\"num\">\(unclustered)</td></tr>\n")
            }
            add("</tbody>\n</table>\n")
        }
        add("</section>\n")
    }

    mutating func openSection(_ section: ReportPage.Section, titleOf: [Int64: String]) {
        if let c = section.cluster {
            add("<section class=\"cluster\" id=\"k\(c.id)\">\n<h2>\(Self.swatch(c.id))Cluster \(c.id): \(Self.escape(c.label))</h2>\n")
            add("<p class=\"meta\">\(Self.count(c.size, "paper"))")
        } else {
            add("<section class=\"cluster\" id=\"unclustered\">\n<h2>\(Self.swatch(nil))Papers in no cluster</h2>\n")
            add("<p class=\"meta\">\(Self.count(section.members.count, "paper")), too weakly linked to join one")
        }
        if section.listed.count < section.members.count {
            add("; the \(section.listed.count) most linked below")
            if let c = section.cluster { add(" (<code>conceptgraph cluster \(c.id)</code> lists all)") }
        }
        add("</p>\n<ol class=\"toc\">\n")
        for id in section.listed {
            add("<li><a href=\"#p\(id)\">\(Self.escape(titleOf[id] ?? "#\(id)"))</a></li>\n")
        }
        add("</ol>\n")
    }

    mutating func closeSection() { add("</section>\n") }

    mutating func paper(_ details: PaperDetails, cluster: ClusterSummary?, related: [RelatedPaper], listed: Set<Int64>) {
        let p = details.paper
        add("<article class=\"paper\" id=\"p\(p.id)\">\n<h3>")
        if let title = p.title { add(Self.escape(title)) } else { add("<span class=\"untitled\">Untitled:</span> \(Self.escape(p.label))") }
        add("</h3>\n")
        var meta: [String] = []
        if !p.authors.isEmpty {
            let shown = p.authors.prefix(12).map { Self.escape($0) }.joined(separator: ", ")
            meta.append(shown + (p.authors.count > 12 ? " et al." : ""))
        }
        if let year = p.year { meta.append(String(year)) }
        if let venue = p.venue, !venue.isEmpty { meta.append("<i>\(Self.escape(venue))</i>") }
        if let arxiv = p.arxivID, !arxiv.isEmpty, let url = GraphExportReader.url(arxivID: arxiv, doi: nil) {
            meta.append("<a href=\"\(Self.escape(url))\">arXiv:\(Self.escape(arxiv))</a>")
        }
        if let doi = p.doi, !doi.isEmpty, let url = GraphExportReader.url(arxivID: nil, doi: doi) {
            meta.append("<a href=\"\(Self.escape(url))\">doi:\(Self.escape(doi))</a>")
        }
        meta.append("#\(p.id)")
        add("<p class=\"meta\">\(meta.joined(separator: " · "))</p>\n")

        let facts: [(String, [ConceptUse])] = [("Methods", details.methods), ("Data sets", details.datasets),
                                               ("Tasks", details.tasks), ("Metrics", details.metrics)]
        if facts.contains(where: { !$0.1.isEmpty }) {
            add("<dl class=\"facts\">\n")
            for (label, uses) in facts where !uses.isEmpty {
                let items = uses.map { u in
                    Self.escape(u.name) + (u.introduced ? " <span class=\"tag\">introduced</span>" : "")
                }
                add("<dt>\(label)</dt><dd>\(items.joined(separator: "; "))</dd>\n")
            }
            add("</dl>\n")
        }
        if !details.claims.isEmpty {
            add("<h4>Claims</h4>\n<ul class=\"plain claims\">\n")
            for claim in details.claims {
                let tags = claim.facts.map { "<span class=\"tag\">\(Self.escape($0))</span>" }.joined()
                add("<li>\(tags) \(Self.escape(claim.text))</li>\n")
            }
            add("</ul>\n")
        }
        if !related.isEmpty {
            add("<h4>Related papers</h4>\n<ul class=\"plain\">\n")
            for r in related {
                add("<li>\(Self.paperLink(r.id, title: r.title, listed: listed)) <span class=\"score\">\(Self.score(r.score))</span>")
                for reason in r.reasons { add("<span class=\"why\">\(Self.escape(reason.text))</span>") }
                add("</li>\n")
            }
            add("</ul>\n")
        }
        for (label, links) in [("Cites", details.cites), ("Cited by", details.citedBy)] where !links.isEmpty {
            add("<h4>\(label)</h4>\n<ul class=\"plain\">\n")
            for link in links {
                let target: String
                if let other = link.paper {
                    target = Self.paperLink(other.id, title: other.title, listed: listed)
                } else {
                    target = Self.escape(link.reference ?? "an unnamed work") + " <span class=\"tag\">outside the corpus</span>"
                }
                var how = Store.describe(kind: link.kind, callout: link.callout)
                how += ", confidence " + Self.score(link.confidence)
                add("<li>\(target)<span class=\"why\">\(Self.escape(how))")
                let evidence = link.evidence.count > 300 ? String(link.evidence.prefix(300)) + "…" : link.evidence
                if !evidence.isEmpty { add(": “\(Self.escape(evidence))”") }
                add("</span></li>\n")
            }
            add("</ul>\n")
        }
        if let abstract = p.abstract, !abstract.isEmpty {
            add("<details><summary>Abstract</summary>\n<p class=\"abstract\">\(Self.escape(abstract))</p>\n</details>\n")
        }
        add("</article>\n")
    }

    mutating func close() {
        add("</main>\n<footer>\n<p>Made by conceptgraph from its store: concepts are extracted from titles and abstracts, "
            + "papers are linked when they share specific concepts or cite each other, and clusters are found with Leiden. "
            + "The page needs no network.</p>\n</footer>\n</body>\n</html>\n")
    }

    /// A link to a paper's section when the page has it, else its title and store id.
    private static func paperLink(_ id: Int64, title: String, listed: Set<Int64>) -> String {
        listed.contains(id) ? "<a href=\"#p\(id)\">\(escape(title))</a>" : "\(escape(title)) <span class=\"tag\">#\(id), not on this page</span>"
    }

    private static func swatch(_ cluster: Int?) -> String {
        guard let cluster else { return "<span class=\"swatch\" style=\"background:#f5f5f5;border-color:#737373\"></span>" }
        return "<span class=\"swatch\" style=\"background:\(GroupPalette.fillHex(cluster));border-color:\(GroupPalette.borderHex(cluster))\"></span>"
    }

    private static func count(_ n: Int, _ word: String) -> String {
        "\(n) \(word)\(n == 1 ? "" : "s")"
    }

    private static func score(_ x: Double) -> String { String(format: "%.2f", x) }

    /// The page's only styling. No `<` or `&` inside, so the page stays well-formed XML.
    static let css = """
        :root { --ink: #1d2026; --muted: #5d6470; --rule: #e2e5ea; --accent: #1f58b5; --soft: #f5f6f8; --mark: #fff7d6; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; color: var(--ink); background: #fff;
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header, main > section, footer { max-width: 60rem; margin: 0 auto; padding-left: 1.25rem; padding-right: 1.25rem; }
        main > section#map { max-width: 96rem; }
        header { padding-top: 2.5rem; padding-bottom: 1.25rem; border-bottom: 1px solid var(--rule); }
        h1 { font-size: 2.1rem; line-height: 1.2; margin: 0 0 .4rem; font-weight: 650; letter-spacing: -.01em; }
        h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.75rem 0 .6rem; font-weight: 620; }
        h3 { font-size: 1.12rem; line-height: 1.35; margin: 0 0 .3rem; font-weight: 600; }
        h4 { font-size: .75rem; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); margin: 1.1rem 0 .35rem; font-weight: 650; }
        a { color: var(--accent); text-decoration: none; }
        a:hover { text-decoration: underline; }
        code { font: .88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--soft); padding: .05em .3em; border-radius: 3px; }
        nav { margin-top: .8rem; }
        .lede { color: var(--muted); margin: 0; font-size: 1.05rem; }
        .note, .meta { color: var(--muted); font-size: .93rem; }
        .meta { margin: 0 0 .6rem; }
        .diagram { overflow: auto; max-height: 88vh; border: 1px solid var(--rule); border-radius: 8px; background: #fff; }
        .diagram svg { display: block; }
        .diagram.fit svg { width: 100%; height: auto; }
        .diagram a:hover polygon, .diagram a:hover path { stroke-width: 2.5; }
        table.clusters { border-collapse: collapse; width: 100%; font-size: .96rem; }
        table.clusters th, table.clusters td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
        table.clusters th { font-size: .75rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); font-weight: 650; }
        table.clusters .num { text-align: right; font-variant-numeric: tabular-nums; width: 4rem; }
        .swatch { display: inline-block; width: .85em; height: .85em; border: 1.5px solid; border-radius: 3px; margin-right: .5em; vertical-align: -.05em; }
        ol.toc { columns: 2; column-gap: 2.5rem; font-size: .93rem; padding-left: 1.6rem; margin: .5rem 0 1.5rem; }
        ol.toc li { break-inside: avoid; margin: .15rem 0; }
        article.paper { border-top: 1px solid var(--rule); padding: 1.3rem 0 1.1rem; scroll-margin-top: .75rem; }
        article.paper:target { background: var(--mark); box-shadow: 0 0 0 .75rem var(--mark); }
        .untitled { color: var(--muted); font-weight: 500; }
        dl.facts { display: grid; grid-template-columns: 6.5rem 1fr; gap: .2rem 1rem; margin: .6rem 0; font-size: .95rem; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        ul.plain { list-style: none; padding: 0; margin: 0; }
        ul.plain li { margin: .35rem 0; }
        .why { display: block; color: var(--muted); font-size: .88rem; }
        .score { color: var(--muted); font-size: .85rem; font-variant-numeric: tabular-nums; }
        .tag { display: inline-block; font-size: .72rem; line-height: 1.5; padding: 0 .45em; margin: 0 .3em .1em 0; border-radius: 3px;
          background: var(--soft); border: 1px solid var(--rule); color: var(--muted); white-space: nowrap; vertical-align: .05em; }
        details { margin-top: .8rem; }
        details summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
        .abstract { margin: .4rem 0 0; max-width: 46rem; }
        footer { color: var(--muted); font-size: .85rem; padding-top: 1.5rem; padding-bottom: 3rem; border-top: 1px solid var(--rule); margin-top: 3rem; }
        @media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } ol.toc { columns: 1; } h1 { font-size: 1.7rem; } }
        @media print { .diagram { max-height: none; overflow: visible; } details { display: block; } }

        """
}
