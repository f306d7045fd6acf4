import Foundation
import Testing
@testable import ConceptGraph

/// A reader that emits `count` numbered records, then optionally fails.
private struct CountingReader: RecordReader {
    let count: Int
    var failAfter: Int?
    struct Broken: Error {}

    func read(path: String, display: String, into sink: RecordSink) throws {
        for n in 0..<count {
            if let failAfter, n == failAfter { throw Broken() }
            try sink.emit(SourceRecord(title: "Paper \(n)", provenance: Provenance(file: display, locator: "\(n)"), format: .jsonLines))
        }
    }
}

@Suite struct ReadAheadTests {
    @Test func recordsArriveInFileOrderAcrossManyBatches() throws {
        let count = ReadAhead<Int>.batchRecords * 10 + 7
        let readAhead = ReadAhead(reader: CountingReader(count: count), path: "x", display: "x") { Int($0.provenance.locator)! }
        var seen: [Int] = []
        var batches = 0
        let sink = try readAhead.run { batch in
            seen.append(contentsOf: batch)
            batches += 1
        }
        #expect(seen == Array(0..<count))
        #expect(batches == 11)
        #expect(sink.records == count)
    }

    @Test func aReaderErrorComesAfterTheRecordsReadBeforeIt() {
        let failAfter = ReadAhead<Int>.batchRecords * 3 + 5
        let readAhead = ReadAhead(reader: CountingReader(count: failAfter * 2, failAfter: failAfter), path: "x", display: "x") {
            Int($0.provenance.locator)!
        }
        var seen: [Int] = []
        #expect(throws: CountingReader.Broken.self) {
            _ = try readAhead.run { seen.append(contentsOf: $0) }
        }
        #expect(seen == Array(0..<failAfter))
    }

    @Test func aWriterErrorStopsTheReaderEarly() {
        struct WriterFailed: Error {}
        let total = ReadAhead<Int>.batchRecords * (ReadAhead<Int>.queuedBatches + 4) * 20
        let emitted = Counter()
        let readAhead = ReadAhead(reader: CountingReader(count: total), path: "x", display: "x") { record in
            emitted.add()
            return Int(record.provenance.locator)!
        }
        #expect(throws: WriterFailed.self) {
            _ = try readAhead.run { _ in throw WriterFailed() }
        }
        // `run` returned, so the reading thread is over; it stopped once the queue was full.
        let read = emitted.value
        #expect(read <= ReadAhead<Int>.batchRecords * (ReadAhead<Int>.queuedBatches + 2))
        Thread.sleep(forTimeInterval: 0.05)
        #expect(emitted.value == read)
    }

    @Test func theQueueHoldsAtMostItsCapacity() throws {
        let queue = BatchQueue<Int>(capacity: 2)
        try queue.put([1])
        try queue.put([2])
        let third = DispatchSemaphore(value: 0)
        let putter = Thread {
            try? queue.put([3])
            third.signal()
        }
        putter.start()
        #expect(third.wait(timeout: .now() + 0.2) == .timedOut)
        #expect(try queue.take() == [1])
        #expect(third.wait(timeout: .now() + 5) == .success)
        queue.close(failure: nil)
        #expect(try queue.take() == [2])
        #expect(try queue.take() == [3])
        #expect(try queue.take() == nil)
    }
}

/// A thread-safe count, for what the reading thread did.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
