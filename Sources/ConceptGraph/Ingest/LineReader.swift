import Foundation

/// Reads a file line by line through a fixed buffer, so memory stays bounded by the longest line
/// (itself capped at `maxLineBytes`) whatever the file size.
final class LineReader {
    /// A line of text with its 1-based number. `valid` is false when the bytes were not UTF-8
    /// (the text then holds U+FFFD replacement characters).
    struct Line {
        var number: Int
        var text: String
        var valid: Bool
    }

    static let defaultMaxLineBytes = 32 << 20

    private let fd: Int32
    private let path: String
    private let maxLineBytes: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var lineNumber = 0
    /// Lines longer than the limit that were skipped, as (line number, byte length).
    private(set) var oversized: [(line: Int, bytes: Int)] = []
    /// Lines whose bytes were not UTF-8, and lines holding NUL bytes (which normalization drops).
    private(set) var invalidUTF8Lines: [Int] = []
    private(set) var nulLines: [Int] = []

    init(path: String, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw ConceptGraphError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        self.fd = fd
        self.path = path
        self.maxLineBytes = maxLineBytes
        buffer = [UInt8](repeating: 0, count: 1 << 20)
    }

    deinit { close(fd) }

    private func fill() throws {
        if start > 0 {
            buffer.withUnsafeMutableBufferPointer { b in
                _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        if end == buffer.count {
            buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
        }
        let n = buffer.withUnsafeMutableBufferPointer { b in
            read(fd, b.baseAddress! + end, b.count - end)
        }
        if n < 0 {
            throw ConceptGraphError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        if n == 0 { eof = true }
        end += n
    }

    /// The next line without its terminator, nil at the end of the file.
    func next() throws -> Line? {
        var scanFrom = start
        while true {
            if let nl = newline(from: scanFrom) {
                // The buffer grows in doublings, so a line can arrive whole and still be too long.
                if nl - start > maxLineBytes {
                    lineNumber += 1
                    oversized.append((lineNumber, nl - start))
                    start = nl + 1
                    scanFrom = start
                    continue
                }
                return makeLine(from: start, to: nl, skip: nl + 1)
            }
            if eof {
                if start == end { return nil }
                if end - start > maxLineBytes {
                    lineNumber += 1
                    oversized.append((lineNumber, end - start))
                    start = end
                    return nil
                }
                return makeLine(from: start, to: end, skip: end)
            }
            if end - start > maxLineBytes {
                try skipRestOfLine()
                scanFrom = start
                continue
            }
            scanFrom = end
            let offset = scanFrom - start
            try fill()
            scanFrom = start + offset
        }
    }

    /// Drops an oversized line without holding it in memory, remembering where it was.
    private func skipRestOfLine() throws {
        lineNumber += 1
        var skipped = end - start
        start = end
        while true {
            try fill()
            if let nl = newline(from: start) {
                skipped += nl - start
                start = nl + 1
                break
            }
            if eof { skipped += end - start; start = end; break }
            skipped += end - start
            start = end
        }
        oversized.append((lineNumber, skipped))
    }

    /// The index of the next line feed in the buffer at or after `index`, nil if none is loaded.
    /// `memchr`, because a byte-by-byte Swift loop over a 100 MB line is slow in debug builds.
    private func newline(from index: Int) -> Int? {
        guard index < end else { return nil }
        return buffer.withUnsafeBufferPointer { b in
            guard let found = memchr(b.baseAddress! + index, 0x0A, end - index) else { return nil }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - b.baseAddress!
        }
    }

    private func makeLine(from a: Int, to b: Int, skip: Int) -> Line {
        lineNumber += 1
        var last = b
        if last > a, buffer[last - 1] == 0x0D { last -= 1 }  // CRLF
        let slice = buffer[a..<last]
        start = skip
        let hasNUL = slice.withUnsafeBufferPointer { b in b.count > 0 && memchr(b.baseAddress!, 0, b.count) != nil }
        if hasNUL { nulLines.append(lineNumber) }
        if let text = String(validating: slice, as: UTF8.self) {
            return Line(number: lineNumber, text: text, valid: true)
        }
        invalidUTF8Lines.append(lineNumber)
        return Line(number: lineNumber, text: String(decoding: slice, as: UTF8.self), valid: false)
    }

    /// Tells `sink` about the lines that were skipped or changed: oversized lines cost their
    /// record; invalid UTF-8 and NUL bytes are repaired and noted once per file.
    func reportProblems(display: String, into sink: RecordSink) {
        let limit = maxLineBytes % (1 << 20) == 0 ? "\(maxLineBytes >> 20) MiB" : "\(maxLineBytes)-byte"
        for (line, bytes) in oversized {
            sink.skip(Provenance(file: display, locator: "line \(line)", line: line),
                      "line of \(bytes) bytes is longer than the \(limit) limit")
        }
        func lines(_ numbers: [Int]) -> String {
            numbers.prefix(5).map(String.init).joined(separator: ", ") + (numbers.count > 5 ? ", …" : "")
        }
        if let first = invalidUTF8Lines.first {
            sink.warn(Provenance(file: display, locator: "line \(first)", line: first),
                      "invalid UTF-8 on \(invalidUTF8Lines.count) line(s) (\(lines(invalidUTF8Lines))); bad bytes replaced by U+FFFD")
        }
        if let first = nulLines.first {
            sink.warn(Provenance(file: display, locator: "line \(first)", line: first),
                      "NUL bytes on \(nulLines.count) line(s) (\(lines(nulLines))); removed")
        }
    }
}
