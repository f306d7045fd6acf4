/// Thinning a graph for a picture: a diagram with every weak link and every neighbour of a
/// cluster is a hairball; the strongest few say what the data says.
extension GraphExport {
    /// Keeps an undirected link only when it is among the `k` heaviest links of one of its two
    /// ends (ties broken by the canonical edge order), so every node keeps its strongest ties and
    /// nothing is cut off that had a link. Citations are always kept: they are few and each one
    /// is a fact. Nodes stay.
    public func keepingStrongestLinks(perNode k: Int) -> GraphExport {
        guard k > 0 else { return self }
        var byNode: [String: [Int]] = [:]
        for (i, edge) in edges.enumerated() where !edge.kind.isDirected {
            byNode[edge.source, default: []].append(i)
            byNode[edge.target, default: []].append(i)
        }
        var kept = Set<Int>()
        for (_, list) in byNode {
            // Stable: equal weights keep the canonical order, so the choice is the same every run.
            let strongest = list.enumerated().sorted { a, b in
                edges[a.element].weight != edges[b.element].weight ? edges[a.element].weight > edges[b.element].weight : a.offset < b.offset
            }.prefix(k)
            for (_, i) in strongest { kept.insert(i) }
        }
        let remaining = edges.enumerated().filter { $0.element.kind.isDirected || kept.contains($0.offset) }.map(\.element)
        var result = GraphExport(kind: kind, isDirected: isDirected, groupsAreBoxes: groupsAreBoxes, attributes: attributes,
                                 groups: groups, nodes: nodes, edges: remaining)
        result.attributes["linksPerNode"] = .int(k)
        return result
    }

    /// Keeps the `count` nodes marked `neighbour` that are most strongly linked to the others
    /// (summed link weight; a citation counts as clustering counts it), with their edges, and
    /// drops the rest. Groups left without a node go too.
    public func keepingClosestNeighbours(_ count: Int) -> GraphExport {
        let outside = Set(nodes.filter { $0.attributes["neighbour"] == .bool(true) }.map(\.id))
        guard outside.count > count else { return self }
        var strength: [String: Double] = [:]
        for edge in edges where outside.contains(edge.source) != outside.contains(edge.target) {
            let other = outside.contains(edge.source) ? edge.source : edge.target
            strength[other, default: 0] += edge.kind == .cites ? Store.citationEdgeWeight * edge.weight : edge.weight
        }
        let chosen = Set(outside.sorted { a, b in
            let sa = strength[a] ?? 0, sb = strength[b] ?? 0
            return sa != sb ? sa > sb : GraphExport.idPrecedes(a, b)
        }.prefix(max(0, count)))
        let keptNodes = nodes.filter { !outside.contains($0.id) || chosen.contains($0.id) }
        let ids = Set(keptNodes.map(\.id))
        let keptEdges = edges.filter { ids.contains($0.source) && ids.contains($0.target) }
        let present = Set(keptNodes.compactMap(\.group))
        var result = GraphExport(kind: kind, isDirected: isDirected, groupsAreBoxes: groupsAreBoxes, attributes: attributes,
                                 groups: groups.filter { present.contains($0.id) }, nodes: keptNodes, edges: keptEdges)
        result.attributes["neighbours"] = .int(chosen.count)
        result.attributes["neighboursLeftOut"] = .int(outside.count - chosen.count)
        return result
    }
}
