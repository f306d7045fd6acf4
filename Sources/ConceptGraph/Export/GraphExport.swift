/// One graph as every export format sees it: nodes and edges with scalar attributes, in a fixed
/// order (nodes by id, edges by source, target and kind), so each writer is a pure function of it
/// and the same store always gives the same bytes.
public struct GraphExport: Sendable, Hashable {
    /// Which graph of the store.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        /// Papers linked by shared concepts and citations.
        case papers
        /// Concepts linked by the papers they appear in together.
        case concepts
        /// One node per cluster, linked by the papers' links between clusters.
        case clusters
    }

    /// What an edge stands for.
    public enum EdgeKind: String, Sendable, CaseIterable, Codable, Comparable {
        /// Two papers share weighted concepts (undirected; `weight` is the similarity score).
        case similar
        /// A paper cites another (directed; `weight` is the resolver's confidence).
        case cites
        /// Two concepts appear in the same papers (undirected; `weight` is the number of papers).
        case cooccurs
        /// Papers of two clusters are linked (undirected; `weight` sums the links).
        case links

        public var isDirected: Bool { self == .cites }

        public static func < (a: EdgeKind, b: EdgeKind) -> Bool { a.rawValue < b.rawValue }
    }

    /// A colour group: a cluster of papers, or a kind of concept. Drawn as a box when the graph
    /// asks for boxes.
    public struct Group: Sendable, Hashable {
        public var id: Int
        public var label: String
        public var size: Int
    }

    /// A node. `attributes` holds everything but the id and label; absent values are absent keys.
    public struct Node: Sendable, Hashable {
        public var id: String
        public var label: String
        /// The colour group (cluster) of the node, if any.
        public var group: Int?
        public var attributes: [String: AttributeValue]

        public init(id: String, label: String, group: Int? = nil, attributes: [String: AttributeValue] = [:]) {
            self.id = id
            self.label = label
            self.group = group
            self.attributes = attributes
        }
    }

    /// An edge; undirected kinds go from the smaller node to the larger one.
    public struct Edge: Sendable, Hashable {
        public var source: String
        public var target: String
        public var kind: EdgeKind
        public var weight: Double
        public var attributes: [String: AttributeValue]

        public init(source: String, target: String, kind: EdgeKind, weight: Double, attributes: [String: AttributeValue] = [:]) {
            self.source = source
            self.target = target
            self.kind = kind
            self.weight = weight
            self.attributes = attributes
        }
    }

    public var kind: Kind
    /// True when some edge kind is directed (the papers graph); undirected edges then carry
    /// their kind, and DOT draws them without arrows.
    public var isDirected: Bool
    /// Whether groups are drawn as boxes (clusters of papers) or only coloured.
    public var groupsAreBoxes: Bool
    /// Graph-level facts (kind, the cluster it was restricted to, thresholds).
    public var attributes: [String: AttributeValue]
    public var groups: [Group]
    public private(set) var nodes: [Node]
    public private(set) var edges: [Edge]

    /// Builds the graph and puts nodes and edges in their canonical order. Nodes must have unique
    /// ids; edges must join nodes of the graph.
    public init(kind: Kind, isDirected: Bool, groupsAreBoxes: Bool, attributes: [String: AttributeValue] = [:],
                groups: [Group] = [], nodes: [Node], edges: [Edge]) {
        self.kind = kind
        self.isDirected = isDirected
        self.groupsAreBoxes = groupsAreBoxes
        self.attributes = attributes
        self.groups = groups.sorted { $0.id < $1.id }
        self.nodes = nodes.sorted { Self.idPrecedes($0.id, $1.id) }
        let position = Dictionary(uniqueKeysWithValues: self.nodes.enumerated().map { ($1.id, $0) })
        let keys = edges.map { edge -> (Int, Int, EdgeKind) in
            guard let s = position[edge.source], let t = position[edge.target] else {
                preconditionFailure("edge \(edge.source) → \(edge.target) joins a node outside the graph")
            }
            return (s, t, edge.kind)
        }
        self.edges = edges.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if (a.0, a.1) != (b.0, b.1) { return (a.0, a.1) < (b.0, b.1) }
            return a.2 < b.2
        }.map { edges[$0] }
    }

    /// True when two edges join the same ordered pair of nodes, which makes the graph a
    /// multigraph for networkx.
    public var isMultigraph: Bool {
        var seen = Set<String>()
        for e in edges {
            let key = isDirected ? "\(e.source)\u{0}\(e.target)" : "\(min(e.source, e.target))\u{0}\(max(e.source, e.target))"
            if !seen.insert(key).inserted { return true }
        }
        return false
    }

    /// Number of edges of each kind.
    public var edgeCounts: [EdgeKind: Int] {
        edges.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
    }

    /// Ids sort as a letter prefix then a number ("p2" before "p10"); anything else by its text.
    static func idPrecedes(_ a: String, _ b: String) -> Bool {
        let pa = a.prefix { !$0.isNumber }, pb = b.prefix { !$0.isNumber }
        if pa != pb { return pa < pb }
        if let na = Int(a.dropFirst(pa.count)), let nb = Int(b.dropFirst(pb.count)), na != nb { return na < nb }
        return a < b
    }
}

/// A scalar attribute value: every format can carry it (lists are joined into strings before).
public enum AttributeValue: Sendable, Hashable, Encodable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)

    /// The GraphML `attr.type` of the value.
    public var typeName: String {
        switch self {
        case .string: return "string"
        case .int: return "int"
        case .double: return "double"
        case .bool: return "boolean"
        }
    }

    /// The value as text: doubles in their shortest exact form, booleans as true/false.
    public var description: String {
        switch self {
        case let .string(s): return s
        case let .int(i): return String(i)
        case let .double(d): return d.isFinite ? String(d) : "0.0"
        case let .bool(b): return b ? "true" : "false"
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(s): try container.encode(s)
        case let .int(i): try container.encode(i)
        case let .double(d): try container.encode(d.isFinite ? d : 0)
        case let .bool(b): try container.encode(b)
        }
    }
}

extension Double {
    /// Rounded to four decimals, so exported weights read well and stay stable across platforms.
    var exportRounded: Double { (self * 10000).rounded() / 10000 }
}
