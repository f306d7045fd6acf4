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
    /// Called when a stage starts, for progress output.
    public var onStage: ((String) -> Void)?
    public var onFile: ((FileReport) -> Void)?

    public init(store: Store) {
        self.store = store
    }

    public func build(_ paths: [String], force: Bool = false) throws -> BuildReport {
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double {
            ((Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000).rounded() / 1000
        }
        onStage?("ingest")
        let ingestor = Ingestor(store: store)
        ingestor.onFile = onFile
        var ingestReport: IngestReport?
        let ingestTime = try clock.measure { ingestReport = try ingestor.ingest(paths, force: force) }
        var report = BuildReport(ingest: ingestReport!)
        report.seconds["ingest+extract"] = seconds(ingestTime)
        onStage?("link")
        let linkTime = try clock.measure { report.link = try store.link(neighbours: neighbours, threshold: minimumSimilarity) }
        report.seconds["link"] = seconds(linkTime)
        onStage?("cluster")
        let clusterTime = try clock.measure { report.clusters = try store.cluster(resolution: resolution, seed: seed) }
        report.seconds["cluster"] = seconds(clusterTime)
        return report
    }
}
