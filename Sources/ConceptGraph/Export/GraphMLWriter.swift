/// Writes a graph as GraphML 1.0 that validates against the published schema and loads in
/// networkx, Gephi, Cytoscape and yEd: every `<key>` declared with its type before the graph,
/// scalar values only, and no `<data>` at all for a missing value.
///
/// The papers graph is directed (`edgedefault="directed"`): a citation points from the citing
/// paper; a "shares concepts" edge goes from the smaller id and says `kind=similar`. The concepts
/// and clusters graphs are undirected.
public struct GraphMLWriter: Sendable {
    public init() {}

    /// The GraphML text of `graph`; the same graph always gives the same text.
    public func write(_ graph: GraphExport) -> String {
        let graphKeys = Self.keys([graph.attributes], domain: "graph")
        let nodeKeys = Self.keys(graph.nodes.map { Self.nodeData($0) }, domain: "node")
        let edgeKeys = Self.keys(graph.edges.map { Self.edgeData($0) }, domain: "edge")

        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for (domain, keys) in [("graph", graphKeys), ("node", nodeKeys), ("edge", edgeKeys)] {
            for key in keys {
                out += "  <key id=\"\(key.id)\" for=\"\(domain)\" attr.name=\"\(Self.token(key.name))\" attr.type=\"\(key.type)\"/>\n"
            }
        }
        out += "  <graph id=\"\(Self.token(graph.kind.rawValue))\" edgedefault=\"\(graph.isDirected ? "directed" : "undirected")\">\n"
        out += Self.data(graph.attributes, keys: graphKeys, indent: "    ")
        for node in graph.nodes {
            out += "    <node id=\"\(Self.escape(node.id, attribute: true))\">\n"
            out += Self.data(Self.nodeData(node), keys: nodeKeys, indent: "      ")
            out += "    </node>\n"
        }
        for (i, edge) in graph.edges.enumerated() {
            out += "    <edge id=\"e\(i)\" source=\"\(Self.escape(edge.source, attribute: true))\" target=\"\(Self.escape(edge.target, attribute: true))\">\n"
            out += Self.data(Self.edgeData(edge), keys: edgeKeys, indent: "      ")
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    static func nodeData(_ node: GraphExport.Node) -> [String: AttributeValue] {
        var data = node.attributes
        data["label"] = .string(node.label)
        return data
    }

    static func edgeData(_ edge: GraphExport.Edge) -> [String: AttributeValue] {
        var data = edge.attributes
        data["kind"] = .string(edge.kind.rawValue)
        data["weight"] = .double(edge.weight)
        return data
    }

    /// A declared attribute: its name, GraphML type and key id.
    struct Key {
        var name: String
        var type: String
        var id: String
    }

    /// Attribute names with one type each, by name. A name seen with several types gets the
    /// widest: int and double become double, anything else mixed becomes string.
    static func keys(_ records: [[String: AttributeValue]], domain: String) -> [Key] {
        var types: [String: String] = [:]
        for record in records {
            for (name, value) in record {
                let type = value.typeName
                switch (types[name], type) {
                case (nil, _): types[name] = type
                case let (old?, new) where old == new: break
                case ("int", "double"), ("double", "int"): types[name] = "double"
                default: types[name] = "string"
                }
            }
        }
        return types.sorted { $0.key < $1.key }.map { Key(name: $0.key, type: $0.value, id: "\(domain.prefix(1))_\(token($0.key))") }
    }

    private static func data(_ values: [String: AttributeValue], keys: [Key], indent: String) -> String {
        var out = ""
        for key in keys {
            guard let value = values[key.name] else { continue }
            var text = value.description
            if key.type == "double", case let .int(i) = value { text = String(Double(i)) }
            out += "\(indent)<data key=\"\(key.id)\">\(escape(text, attribute: false))</data>\n"
        }
        return out
    }

    /// An XML name token: letters, digits and `._-:`; anything else becomes `_`.
    static func token(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { s -> Character in
            s.properties.isAlphabetic || ("0"..."9").contains(s) || "._-:".unicodeScalars.contains(s) ? Character(s) : "_"
        }
        return mapped.isEmpty ? "_" : String(mapped)
    }

    /// Text for XML 1.0: markup characters escaped, carriage returns kept as references, and
    /// characters XML 1.0 forbids (C0 controls but tab and line feed, U+FFFE, U+FFFF) dropped.
    /// Works on UTF-8 bytes: a large graph escapes millions of strings.
    public static func escape(_ text: String, attribute: Bool) -> String {
        let utf8 = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): if attribute { out += Array("&quot;".utf8) } else { out.append(b) }
            case 0x0D: out += Array("&#13;".utf8)
            case 0x0A: if attribute { out += Array("&#10;".utf8) } else { out.append(b) }
            case 0x09: if attribute { out += Array("&#9;".utf8) } else { out.append(b) }
            case 0x00..<0x20: break
            case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
