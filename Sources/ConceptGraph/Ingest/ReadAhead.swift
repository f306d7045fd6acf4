import Foundation

/// Reads one file on a thread of its own while the caller writes what was read, so parsing and
/// normalization overlap with the single SQLite writer.
///
/// Records arrive in file order, in batches, through a queue bounded both in batches and in
/// bytes: when the writer falls behind, the reading thread waits, so memory stays bounded however
/// large the file. The thread never outlives `run`: it is waited for whether the file ends, the
/// reader throws or the writer throws.
final class ReadAhead<Element: Sendable>: @unchecked Sendable {
    // @unchecked: `reader` and `prepare` are used only on the reading thread, and the sink only
    // there until `run` has waited for that thread to end; the queue has its own lock.
    private let reader: RecordReader
    private let path: String
    private let display: String
    private let prepare: (SourceRecord) -> Element
    private let queue: BatchQueue<Element>
    private var sink: RecordSink?

    /// A batch is handed over at this many records or this many bytes of text, whichever first.
    static var batchRecords: Int { 256 }
    static var batchBytes: Int { 1 << 20 }
    /// Batches that may wait for the writer.
    static var queuedBatches: Int { 8 }
    /// The main thread's usual stack: readers and LaTeX decoding recurse on hostile input.
    static var stackBytes: Int { 8 << 20 }

    init(reader: RecordReader, path: String, display: String, prepare: @escaping (SourceRecord) -> Element) {
        self.reader = reader
        self.path = path
        self.display = display
        self.prepare = prepare
        queue = BatchQueue(capacity: Self.queuedBatches)
    }

    /// Calls `body` with each batch, in file order, on the calling thread, and returns the sink
    /// that counted the records and collected the warnings. An error of the reader is thrown
    /// after the batches read before it were written, as if it had been thrown in line; an error
    /// of `body` stops the reader and is thrown as it is.
    func run(_ body: ([Element]) throws -> Void) throws -> RecordSink {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            readAll()
            done.signal()
        }
        thread.stackSize = Self.stackBytes
        thread.start()
        do {
            while let batch = try queue.take() {
                try body(batch)
            }
        } catch {
            queue.cancel()
            done.wait()
            throw error
        }
        done.wait()
        return sink!
    }

    /// The reading thread's work: read the whole file into the queue, then close it.
    private func readAll() {
        var batch: [Element] = []
        var bytes = 0
        let queue = self.queue
        let prepare = self.prepare
        let sink = RecordSink { record in
            batch.append(prepare(record))
            bytes += (record.title?.utf8.count ?? 0) + (record.abstract?.utf8.count ?? 0)
            if batch.count >= Self.batchRecords || bytes >= Self.batchBytes {
                try queue.put(batch)
                batch = []
                bytes = 0
            }
        }
        self.sink = sink
        do {
            try reader.read(path: path, display: display, into: sink)
            if !batch.isEmpty { try queue.put(batch) }
            queue.close(failure: nil)
        } catch {
            // The records read before the error are written first, as they would have been in line.
            if !batch.isEmpty { try? queue.put(batch) }
            queue.close(failure: error)
        }
    }
}

/// A bounded first-in first-out queue of batches between one producing and one consuming thread.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var head = 0
    private let capacity: Int
    private var closed = false
    private var failure: Error?
    private var cancelled = false

    /// Thrown to the producer once the consumer has given up, to stop it early.
    struct Cancelled: Error {}

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds a batch, waiting while the queue is full.
    func put(_ batch: [Element]) throws {
        condition.lock()
        defer { condition.unlock() }
        while batches.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        batches.append(batch)
        condition.broadcast()
    }

    /// No more batches will come; `failure` is what stopped the producer, if anything.
    func close(failure: Error?) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        self.failure = failure
        condition.broadcast()
    }

    /// The oldest batch, waiting for one; nil once the queue is closed and empty. Throws the
    /// producer's failure after every batch before it was taken.
    func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while head == batches.count && !closed { condition.wait() }
        if head < batches.count {
            let batch = batches[head]
            batches[head] = []
            head += 1
            // Drop the taken slots once in a while; the queue holds at most `capacity` batches.
            if head >= 64 {
                batches.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer stops: a waiting or later `put` throws `Cancelled`.
    func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        batches.removeAll()
        head = 0
        condition.broadcast()
    }
}
