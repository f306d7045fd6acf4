import Foundation

/// Receives how far long work has come, stage by stage: the build reports ingest (records read),
/// extraction (papers), storing, linking and clustering through one of these.
///
/// Implementations must be thread-safe: extraction reports from several threads at once.
public protocol ProgressObserver: AnyObject, Sendable {
    /// A stage begins; `total` is the number of `unit`s it will do, when known.
    func begin(_ stage: String, unit: String, total: Int?)
    /// `count` more units are done.
    func advance(_ count: Int)
    /// The current stage is over.
    func finish()
}

/// Seconds from `start` to `end`, to the millisecond: how every stage reports its time.
func elapsedSeconds(from start: Date, to end: Date = Date()) -> Double {
    (end.timeIntervalSince(start) * 1000).rounded() / 1000
}
