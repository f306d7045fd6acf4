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
            if let nl = buffer[scanFrom..<end].firstIndex(of: 0x0A) {
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
            if let nl = buffer[start..<end].firstIndex(of: 0x0A) {
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

    private func makeLine(from a: Int, to b: Int, skip: Int) -> Line {
        lineNumber += 1
        var last = b
        if last > a, buffer[last - 1] == 0x0D { last -= 1 }  // CRLF
        let slice = buffer[a..<last]
        start = skip
        if let text = String(validating: slice, as: UTF8.self) {
            return Line(number: lineNumber, text: text, valid: true)
        }
        return Line(number: lineNumber, text: String(decoding: slice, as: UTF8.self), valid: false)
    }
}
