import Foundation
import GRDB

/// A callout in user text and the corpus paper it names.
public struct ResolvedCallout: Sendable, Codable, Hashable {
    public var callout: String
    public var start: Int
    public var end: Int
    public var paper: PaperRef?
    public var confidence: Double
    public var alternatives: [PaperRef]
}

extension Store {
    /// Finds the callouts of `text` and links each to a corpus paper where one matches.
    public func resolveCallouts(in text: String) throws -> [ResolvedCallout] {
        let callouts = CalloutParser.parse(text)
        guard !callouts.isEmpty else { return [] }
        return try read { db in
            let resolver = CalloutResolver(index: try SurnameIndex.load(db))
            func ref(_ id: Int64) throws -> PaperRef {
                PaperRef(id: id, title: try String.fetchOne(db, sql: "SELECT label FROM paper WHERE id = ?", arguments: [id]) ?? "")
            }
            return try callouts.map { c in
                var result = ResolvedCallout(callout: c.text, start: c.start, end: c.end, paper: nil, confidence: 0, alternatives: [])
                switch c.kind {
                case .authorYear:
                    if let r = resolver.resolve(c) {
                        result.paper = try ref(r.paper)
                        result.confidence = (r.confidence * 1000).rounded() / 1000
                        result.alternatives = try r.alternatives.map(ref)
                    }
                case .arxiv, .doi:
                    if let id = c.identifier,
                       let pid = try Int64.fetchOne(db, sql: "SELECT paperID FROM identifier WHERE scheme = ? AND value = ?",
                                                    arguments: [c.kind == .arxiv ? "arxiv" : "doi", id]) {
                        result.paper = try ref(pid)
                        result.confidence = 1
                    }
                }
                return result
            }
        }
    }
}
