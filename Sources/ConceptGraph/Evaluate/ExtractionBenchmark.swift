import Foundation

/// Extraction speed on real abstracts: records are read first, then extracted on one thread, so
/// the figure is the extractor's own.
public struct ExtractionBenchmark: Sendable, Codable {
    public var abstracts: Int
    public var characters: Int
    public var mentions: Int
    public var seconds: Double
    public var abstractsPerSecond: Double { seconds > 0 ? Double(abstracts) / seconds : 0 }

    public static func run(paths: [String], extractor: Extractor = Extractor(), repeats: Int = 1) throws -> ExtractionBenchmark {
        var texts: [(String?, String?)] = []
        for (path, display, _) in try Ingestor.expand(paths) {
            guard let format = try? FormatDetector.detect(path: path) else { continue }
            let sink = RecordSink { texts.append(($0.title, $0.abstract)) }
            try Ingestor.reader(for: format).read(path: path, display: display, into: sink)
        }
        let characters = texts.reduce(0) { $0 + ($1.0?.count ?? 0) + ($1.1?.count ?? 0) }
        var mentions = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<max(1, repeats) {
                mentions = 0
                for (title, abstract) in texts {
                    mentions += extractor.extract(title: title, abstract: abstract).mentions.count
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return ExtractionBenchmark(abstracts: texts.count * max(1, repeats), characters: characters * max(1, repeats),
                                   mentions: mentions, seconds: seconds)
    }
}
