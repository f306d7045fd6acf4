/// Graphviz's SVG made fit to sit inside an HTML page: the XML prolog, DOCTYPE and comments go
/// (the rest is already escaped XML), and anything that could run or fetch is refused.
enum InlineSVG {
    /// The `<svg>…</svg>` element of `svg`, or nil when it is not one SVG element or holds
    /// something a page should not embed (script, foreign HTML, external references, event
    /// handlers). Graphviz writes none of these; the check keeps it that way.
    static func embeddable(_ svg: String) -> String? {
        guard let start = svg.range(of: "<svg"), let end = svg.range(of: "</svg>", options: .backwards),
              start.lowerBound < end.lowerBound else { return nil }
        var text = ""
        var rest = svg[start.lowerBound..<end.upperBound]
        // Comments carry Graphviz's version and node names; nothing the reader needs.
        while let open = rest.range(of: "<!--") {
            text += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "-->") else { return nil }
            rest = rest[close.upperBound...]
        }
        text += rest
        let lowered = text.lowercased()
        for forbidden in ["<script", "<foreignobject", "<iframe", "<image", "<use", "<style", "<!doctype", "<?xml", " on"]
        where lowered.contains(forbidden) {
            // " on" catches event-handler attributes (onload=…); text content has no such
            // sequence followed by a letter and "=" in Graphviz output, but be strict.
            if forbidden == " on" {
                if hasEventHandler(lowered) { return nil }
                continue
            }
            return nil
        }
        // Links may only point inside the page.
        var search = text[...]
        while let href = search.range(of: "href=\"") {
            guard search[href.upperBound...].hasPrefix("#") else { return nil }
            search = search[href.upperBound...]
        }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// True when some tag has an attribute named `on…` (`<g onclick="…">`).
    private static func hasEventHandler(_ text: String) -> Bool {
        var inTag = false
        var inValue = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inValue {
                if c == "\"" { inValue = false }
            } else if inTag {
                if c == "\"" { inValue = true } else if c == ">" { inTag = false } else if c == " " || c == "\n" || c == "\t" {
                    if i + 2 < scalars.count, scalars[i + 1] == "o", scalars[i + 2] == "n" {
                        // on + letters + "="
                        var j = i + 3
                        while j < scalars.count, scalars[j].properties.isAlphabetic { j += 1 }
                        if j > i + 3, j < scalars.count, scalars[j] == "=" { return true }
                    }
                }
            } else if c == "<" {
                inTag = true
            }
            i += 1
        }
        return false
    }
}
