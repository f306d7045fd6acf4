import Foundation

/// Data-parallel loops over the available cores, with results in index order so that parallel
/// work never changes an output.
enum Parallel {
    /// `body(i)` for every `i` in `0..<count`, computed in chunks of `chunk` indices spread over
    /// the cores; `progress` is told of each finished chunk.
    static func map<T>(_ count: Int, chunk: Int = 256, progress: ProgressObserver? = nil,
                       _ body: @escaping @Sendable (Int) -> T) -> [T] {
        let chunks = (count + chunk - 1) / chunk
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each chunk initializes its own disjoint slots.
            nonisolated(unsafe) let out = buffer
            let work: @Sendable (Int) -> Void = { c in
                let range = c * chunk..<min((c + 1) * chunk, count)
                for i in range { (out.baseAddress! + i).initialize(to: body(i)) }
                progress?.advance(range.count)
            }
            if ProcessInfo.processInfo.activeProcessorCount > 1 && chunks > 1 {
                DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
            } else {
                for c in 0..<chunks { work(c) }
            }
            initialized = count
        }
    }
}

/// Work started on another thread whose result is collected later, so that a serial step (such
/// as writing the previous batch to SQLite) runs while the cores compute the next one.
final class Background<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the worker before `done` is signalled, read after waiting for it.
    private var result: T?

    init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async {
            self.result = work()
            self.done.signal()
        }
    }

    /// Waits for the work to finish and hands its result over (once).
    func wait() -> T {
        done.wait()
        defer { result = nil }
        return result!
    }
}
