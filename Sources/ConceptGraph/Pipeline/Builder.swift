import Foundation

/// What a whole build did, stage by stage.
public struct BuildReport: Sendable, Codable {
    public var ingest: IngestReport
    public var link: LinkReport?
    public var clusters: ClusterReport?
    /// Seconds per stage, in pipeline order.
    public var seconds: [String: Double] = [:]
}

/// The whole job in its fixed order: ingest (read, normalize, dedupe, extract) → link →
/// cluster. Building again after adding files redoes the corpus-wide stages, so everything stays
/// consistent.
public struct Builder {
    public let store: Store
    public var resolution = 1.0
    public var seed: UInt64 = 42
    public var neighbours = 10
    public var minimumSimilarity = SimilarityLinker.defaultThreshold
    /// Told of each stage and how far it has come (records, papers).
    public var progress: ProgressObserver?
    public var onFile: ((FileReport) -> Void)?

    public init(store: Store) {
        self.store = store
    }

    public func build(_ paths: [String], force: Bool = false) throws -> BuildReport {
        let ingestor = Ingestor(store: store)
        ingestor.onFile = onFile
        ingestor.progress = progress
        var report = BuildReport(ingest: try ingestor.ingest(paths, force: force))
        report.seconds = report.ingest.stageSeconds
        // The corpus as extraction left it; read from the store only when nothing was extracted.
        var started = Date()
        let snapshot = try ingestor.snapshot ?? store.read { db in try CorpusSnapshot.load(db) }
        if ingestor.snapshot == nil { report.seconds["load"] = elapsedSeconds(from: started) }
        progress?.begin("link", unit: "papers", total: snapshot.papers.count)
        started = Date()
        report.link = try store.link(snapshot, neighbours: neighbours, threshold: minimumSimilarity, progress: progress)
        report.seconds["link"] = elapsedSeconds(from: started)
        progress?.finish()
        progress?.begin("cluster", unit: "papers", total: nil)
        started = Date()
        report.clusters = try store.cluster(snapshot, resolution: resolution, seed: seed)
        report.seconds["cluster"] = elapsedSeconds(from: started)
        progress?.finish()
        return report
    }
}
