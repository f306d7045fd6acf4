import Foundation
import Testing
@testable import ConceptGraph
#if canImport(Glibc)
import Glibc
#endif

/// Hostile and broken inputs, one row each: what the file holds, and what ingesting it must give.
///
/// Every row is ingested into a fresh store under a deadline, next to bait the input may name: a
/// secret file and a DTD watched for being opened, and a local HTTP port watched for connections.
/// Whatever the row, nothing may crash or hang, no entity may be expanded, no bait may be touched,
/// and a file that fails leaves nothing in the store.
@Suite struct HostileInputTests {
    @Test(arguments: HostileInput.all)
    func hostileInput(_ input: HostileInput) throws {
        let scratch = Scratch()
        let bait = try Bait(in: scratch)
        let path = scratch.url.appendingPathComponent(input.file).path
        try input.write(path, bait)
        bait.startWatching()

        let store = try scratch.store()
        let started = Date()
        let outcome = runWithDeadline(seconds: 60) { try Ingestor(store: store).ingest([path]) }
        let elapsed = Date().timeIntervalSince(started)
        guard let outcome else {
            Issue.record("\(input.name): ingest did not finish within 60 s")
            return
        }
        let report = try outcome.get()
        let file = try #require(report.files.first)
        let notes = (file.error.map { [$0] } ?? []) + file.diagnostics.map(\.description)
        #expect(elapsed < input.seconds, "\(input.name) took \(elapsed) s")

        switch input.expected {
        case let .fails(fragments):
            #expect(file.status == .failed, "\(input.name): \(notes)")
            let error = file.error ?? ""
            #expect(error.contains(input.file), "the error names the file: \(error)")
            for fragment in fragments { #expect(error.contains(fragment), "\(input.name): \(error)") }
            let stats = try store.statistics()
            #expect(stats.papers == 0 && stats.sources == 0 && stats.files == 0, "a failed file leaves nothing behind")
        case let .reads(titles, expectedNotes):
            #expect(file.status == .ingested, "\(input.name): \(notes.map { $0.prefix(300) })")
            let stored = try store.papers().map(\.title)
            #expect(stored == titles)
            for fragments in expectedNotes {
                let found = notes.contains { note in note.contains(input.file) && fragments.allSatisfy { note.contains($0) } }
                #expect(found, "\(input.name): no note with \(fragments) in \(notes.map { $0.prefix(300) })")
            }
        }

        // Notes are printed on terminals: no control character of the input may reach them.
        for note in notes {
            #expect(!note.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) },
                    "\(input.name): a note carries a control character: \(note.prefix(300).debugDescription)")
        }
        let stored = try store.read { db in
            try String.fetchAll(db, sql: "SELECT coalesce(title, '') || ' ' || coalesce(abstract, '') FROM paper")
        }.joined(separator: "\n")
        for forbidden in input.forbidden + [Bait.secret] {
            #expect(!stored.contains(forbidden), "\(input.name): the store holds \"\(forbidden)\"")
        }
        #expect(!bait.wasOpened, "\(input.name): the parser opened a file the input names")
        #expect(!bait.wasContacted, "\(input.name): the parser connected to a URL the input names")
    }
}

/// One row of the table.
struct HostileInput: Sendable, CustomTestStringConvertible {
    enum Expected: Sendable {
        /// The whole file fails; its error names the file and holds these fragments (e.g. a line).
        case fails([String])
        /// The file is read: these titles are stored, in this order, and for each list of fragments
        /// one warning or error names the file and holds them all (e.g. `line 3` and the problem).
        case reads(titles: [String], notes: [[String]])
    }

    var name: String
    var file: String
    var expected: Expected
    /// Text that must not reach the store (what an expanded entity or a read file would bring).
    var forbidden: [String] = []
    /// Ingesting must take less than this.
    var seconds: Double = 10
    /// Writes the input file at the path, knowing where the bait is.
    var write: @Sendable (_ path: String, _ bait: Bait) throws -> Void

    var testDescription: String { name }
}

extension HostileInput {
    /// Long enough (over 200 characters, 30 words) to read as an abstract in listing text.
    static let abstract = "We study a method on a benchmark and report results that improve on earlier work by a wide margin. "
        + "The approach is simple, it needs no tuning, and it scales to large inputs without trouble on a single machine."

    static func text(_ text: String) -> @Sendable (String, Bait) throws -> Void {
        { path, _ in try Data(text.utf8).write(to: URL(fileURLWithPath: path)) }
    }

    static func bytes(_ bytes: [UInt8]) -> @Sendable (String, Bait) throws -> Void {
        { path, _ in try Data(bytes).write(to: URL(fileURLWithPath: path)) }
    }

    /// An Atom feed with a prologue before `<feed>` and one entry per title.
    static func atom(prologue: String = "", titles: [String]) -> String {
        let entries = titles.enumerated().map { i, title in
            "<entry><id>http://arxiv.org/abs/2101.0000\(i + 1)v1</id><title>\(title)</title><summary>\(abstract)</summary></entry>"
        }
        return "<?xml version=\"1.0\"?>\n\(prologue)\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
            + entries.joined(separator: "\n") + "\n</feed>\n"
    }

    static func jsonLine(_ object: [String: String]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// A listing: title, blank line, abstract, blank line; with `middle` (any bytes) between two records
    /// (whose abstracts differ, or they would be merged as one paper).
    static func listing(around middle: [UInt8]) -> [UInt8] {
        Array("First Listed Paper\n\nFirst. \(abstract)\n\n".utf8) + middle + Array("\n\nSecond Listed Paper\n\nSecond. \(abstract)\n".utf8)
    }

    static let nastyTitle = "Quote \" and \"\" back\\\\slash </script> \"]; x [ <b>&amp;</b>\nnext line"
    /// What is stored of it: LaTeX reads `\\` as a line break, and line breaks become spaces.
    static let nastyStored = "Quote \" and \"\" back slash </script> \"]; x [ <b>&amp;</b> next line"

    static let all: [HostileInput] = [
        // XML: entities, DTDs and includes that would read files or fetch URLs.
        HostileInput(name: "XXE: an external entity naming a local file", file: "xxe.xml",
                     expected: .reads(titles: ["Leak &xxe; here"], notes: [])) { path, bait in
            try text(atom(prologue: "<!DOCTYPE feed [ <!ENTITY xxe SYSTEM \"file://\(bait.secretFile)\"> ]>",
                          titles: ["Leak &xxe; here"]))(path, bait)
        },
        HostileInput(name: "XXE: an external parameter entity", file: "param.xml",
                     expected: .reads(titles: ["Parameter entity"], notes: [])) { path, bait in
            try text(atom(prologue: "<!DOCTYPE feed [ <!ENTITY % p SYSTEM \"file://\(bait.dtdFile)\"> %p; ]>",
                          titles: ["Parameter entity"]))(path, bait)
        },
        HostileInput(name: "billion laughs", file: "laughs.xml",
                     expected: .fails(["line 4", "entity reference loop"]), forbidden: ["lollollol"]) { path, bait in
            var entities = "<!ENTITY lol0 \"lol\">"
            for level in 1...9 {
                entities += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">"
            }
            try text(atom(prologue: "<!DOCTYPE feed [ \(entities) ]>", titles: ["Laugh &lol9;"]))(path, bait)
        },
        HostileInput(name: "an external DTD: file:///etc/passwd", file: "passwd.xml",
                     expected: .reads(titles: ["Passwd DTD"], notes: []), forbidden: ["root:"],
                     write: text(atom(prologue: "<!DOCTYPE feed SYSTEM \"file:///etc/passwd\">", titles: ["Passwd DTD"]))),
        HostileInput(name: "an external DTD: a local file", file: "dtd.xml",
                     expected: .fails(["line 4", "Entity 'leak' not defined"])) { path, bait in
            try text(atom(prologue: "<!DOCTYPE feed SYSTEM \"file://\(bait.dtdFile)\">", titles: ["Local DTD &leak;"]))(path, bait)
        },
        HostileInput(name: "an external DTD and entity over http", file: "http.xml",
                     expected: .reads(titles: ["Remote &remote;"], notes: [])) { path, bait in
            let prologue = "<!DOCTYPE feed SYSTEM \"http://127.0.0.1:\(bait.port)/feed.dtd\" "
                + "[ <!ENTITY remote SYSTEM \"http://127.0.0.1:\(bait.port)/entity\"> ]>"
            try text(atom(prologue: prologue, titles: ["Remote &remote;"]))(path, bait)
        },
        HostileInput(name: "XInclude of a local file", file: "xinclude.xml",
                     expected: .reads(titles: ["Include"], notes: [])) { path, bait in
            let feed = atom(titles: ["Include"]).replacingOccurrences(
                of: "</feed>", with: "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file://\(bait.secretFile)\" parse=\"text\"/></feed>")
            try text(feed)(path, bait)
        },

        // Truncated files of every structured format.
        HostileInput(name: "truncated OAI XML", file: "cut-oai.xml", expected: .fails(["line 4"]),
                     write: text("<OAI-PMH><ListRecords>\n<record><header><identifier>oai:arXiv.org:1111.2011</identifier></header>\n"
                                 + "<metadata><title>Whole record</title><description>Text.</description></metadata></record>\n<record><header><ident")),
        HostileInput(name: "truncated JSON lines", file: "cut.jsonl",
                     expected: .reads(titles: ["Whole line one", "Whole line two"], notes: [["line 3", "not valid JSON"]]),
                     write: text(jsonLine(["title": "Whole line one"]) + "\n" + jsonLine(["title": "Whole line two"]) + "\n{\"title\": \"Cut li")),
        HostileInput(name: "truncated JSON document", file: "cut.json", expected: .fails(["document", "not valid JSON"]),
                     write: text("[\n  {\"title\": \"Whole item\"},\n  {\"title\": \"Cut it")),
        HostileInput(name: "truncated BibTeX", file: "cut.bib",
                     expected: .reads(titles: ["Whole Entry", "Cut Entry"], notes: [["entry 2 (line 2)", "not closed before the end of the file"]]),
                     write: text("@article{a, title = {Whole Entry}}\n@article{b,\n  title = {Cut Entry},\n  abstract = {It stops in the mid")),

        // Bytes that are not text.
        HostileInput(name: "invalid UTF-8 in JSON lines", file: "bad-utf8.jsonl",
                     expected: .reads(titles: ["Good line", "Bad \u{FFFD}\u{FFFD} bytes"], notes: [["line 2", "invalid UTF-8"]]),
                     write: bytes(Array((jsonLine(["title": "Good line"]) + "\n{\"title\": \"Bad ").utf8) + [0xFF, 0xC0] + Array(" bytes\"}\n".utf8))),
        HostileInput(name: "invalid UTF-8 in an arXiv .abs file", file: "bad.abs",
                     expected: .reads(titles: ["Bad \u{FFFD} Header"], notes: [["line 3", "invalid UTF-8"]]),
                     write: bytes(Array("\\\\\narXiv:2101.00001\nTitle: Bad ".utf8) + [0xFE] + Array(" Header\n\\\\\n  \(abstract)\n\\\\\n".utf8))),
        HostileInput(name: "invalid UTF-8 in XML", file: "bad-utf8.xml", expected: .fails(["line 3"]),
                     write: bytes(Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry><title>Bad ".utf8)
                                  + [0xFF, 0xFE] + Array("</title></entry></feed>\n".utf8))),
        HostileInput(name: "NUL bytes past the format sniffing window", file: "nul.txt",
                     expected: .reads(titles: ["First Listed Paper", "Second Listed Paper"], notes: [["line 5", "NUL"]]),
                     write: bytes(listing(around: Array(repeating: UInt8(ascii: "z"), count: 9000) + [0, 0, 0] + Array(" tail".utf8)))),
        HostileInput(name: "NUL bytes at the start", file: "nul-head.jsonl", expected: .fails(["binary", "offset 1"]),
                     write: bytes([UInt8(ascii: "{"), 0] + Array("\"title\": \"x\"}\n".utf8))),
        HostileInput(name: "a binary file", file: "image.png", expected: .fails(["binary"])) { path, _ in
            var rng = SplitMix64(seed: 7)
            try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<65_536).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
                .write(to: URL(fileURLWithPath: path))
        },
        HostileInput(name: "a file of whitespace", file: "blank.txt", expected: .fails(["whitespace"]),
                     write: text("  \n\t\n\r\n   \n")),
        HostileInput(name: "terminal escapes in a broken line", file: "escape.jsonl",
                     expected: .reads(titles: ["Fine"], notes: [["line 2", "not valid JSON"]]),
                     write: text(jsonLine(["title": "Fine", "abstract": abstract]) + "\n\u{1B}]0;pwned\u{7}\u{1B}[2J{broken\n")),

        // Sizes.
        HostileInput(name: "a 10 MiB abstract in JSON lines", file: "big-abstract.jsonl",
                     expected: .reads(titles: ["Small before", "Small after"], notes: [["line 2", "abstract of 10485760 bytes", "1 MiB limit"]])) { path, _ in
            try text(jsonLine(["title": "Small before"]) + "\n"
                     + jsonLine(["title": "Huge abstract", "abstract": String(repeating: "word ", count: 2_097_152)]) + "\n"
                     + jsonLine(["title": "Small after"]) + "\n")(path, Bait.none)
        },
        HostileInput(name: "a 10 MiB abstract in Atom XML", file: "big-abstract.xml", expected: .fails(["line 4"]), seconds: 20) { path, bait in
            try text(atom(titles: ["Huge"]).replacingOccurrences(of: abstract, with: String(repeating: "word ", count: 2_097_152)))(path, bait)
        },
        HostileInput(name: "a 100 MiB line", file: "long-line.txt",
                     expected: .reads(titles: ["First Listed Paper", "Second Listed Paper"], notes: [["line 5", "104857600 bytes", "32 MiB limit"]]),
                     seconds: 20) { path, _ in
            // Streamed to disk a chunk at a time; never held in memory whole.
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? out.close() }
            let parts = listing(around: [0x00]).split(separator: 0x00, omittingEmptySubsequences: false)
            try out.write(contentsOf: Data(parts[0]))
            let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
            for _ in 0..<100 { try out.write(contentsOf: chunk) }
            try out.write(contentsOf: Data(parts[1]))
        },

        HostileInput(name: "a 1.9 MiB paragraph of short lines", file: "paragraph.txt",
                     expected: .reads(titles: ["First Listed Paper", "Second Listed Paper"],
                                      notes: [["line 5", "paragraph of 1966080 bytes", "1 MiB limit"]]),
                     write: bytes(listing(around: Array(String(repeating: "A line of text\n", count: 131_072).utf8.dropLast())))),
        HostileInput(name: "a 2 MiB record among Abstract: records with no blank line between", file: "abstracts.txt",
                     expected: .reads(titles: ["First. " + abstract, "Third. " + abstract].map { TextNormalizer.label(fromText: $0) },
                                      notes: [["line 2", "paragraph of 2097169 bytes", "1 MiB limit"]]),
                     write: text("Abstract:First. \(abstract)\nAbstract:" + String(repeating: "Huge line\n", count: 209_716)
                                 + "Abstract:Third. \(abstract)\n")),
        HostileInput(name: "an author name of 100 KiB", file: "long-author.jsonl",
                     expected: .reads(titles: ["Short names"], notes: [["line 2", "author name of 102400 bytes", "8192-byte limit"]]),
                     write: text(jsonLine(["title": "Short names", "authors": "Ann Smith"]) + "\n"
                                 + jsonLine(["title": "Long name", "authors": String(repeating: "N", count: 102_400)]) + "\n")),

        // Nesting.
        HostileInput(name: "BibTeX braces nested 50,000 deep", file: "deep.bib",
                     expected: .reads(titles: ["Deep", "After"], notes: []),
                     write: text("@article{deep, title = {" + String(repeating: "{", count: 50_000) + "Deep" + String(repeating: "}", count: 50_000)
                                 + "}}\n@article{after, title = {After}}\n")),
        HostileInput(name: "BibTeX braces opened 50,000 deep and never closed", file: "open.bib",
                     expected: .reads(titles: ["After"], notes: [["entry 1 (line 1)", "unbalanced braces"]]),
                     write: text("@article{open, title = " + String(repeating: "{", count: 50_000) + "Open\n@article{after, title = {After}}\n")),
        HostileInput(name: "LaTeX commands nested 8,000 deep", file: "latex.bib",
                     expected: .reads(titles: ["Nested", "After"], notes: []),
                     write: text("@article{latex, title = {Nested}, abstract = {" + String(repeating: "\\emph{\\textbf{", count: 4_000) + "x"
                                 + String(repeating: "}}", count: 4_000) + "}}\n@article{after, title = {After}}\n")),

        // Titles made to break whatever they are written into later.
        HostileInput(name: "titles of quotes, backslashes, newlines and markup (JSON)", file: "nasty.jsonl",
                     expected: .reads(titles: [nastyStored], notes: []),
                     write: text(jsonLine(["title": nastyTitle]) + "\n")),
        HostileInput(name: "titles of quotes, backslashes, newlines and markup (BibTeX)", file: "nasty.bib",
                     expected: .reads(titles: [nastyStored], notes: []),
                     write: text("@article{nasty, title = {\(nastyTitle)}}\n")),
    ]
}

/// What a hostile input may name, and watches on it: a secret file and a DTD (Linux: opening
/// either is seen through inotify) and a listening local TCP port (a connection is seen).
final class Bait: @unchecked Sendable {
    static let secret = "TOP-SECRET-BAIT"
    /// For rows that need no bait.
    static let none = Bait()

    let secretFile: String
    let dtdFile: String
    let port: UInt16
    private let listener: Int32
    private var watch: Int32 = -1

    private init() {
        secretFile = "/nonexistent"; dtdFile = "/nonexistent"; port = 9; listener = -1
    }

    init(in scratch: Scratch) throws {
        secretFile = scratch.write("secret.txt", "\(Self.secret)\n")
        dtdFile = scratch.write("evil.dtd", "<!ENTITY leak \"\(Self.secret)\"><!ATTLIST entry leaked CDATA \"\(Self.secret)\">")
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { a in
                bind(fd, a, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, a, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            if fd >= 0 { close(fd) }
            throw ConceptGraphError.invalidArgument("cannot listen on 127.0.0.1")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        if listener >= 0 { close(listener) }
        if watch >= 0 { close(watch) }
    }

    /// Starts watching the bait files (after the test wrote them, so its own writes do not count).
    func startWatching() {
        #if os(Linux)
        watch = inotify_init1(Int32(IN_NONBLOCK))
        for file in [secretFile, dtdFile] { _ = inotify_add_watch(watch, file, UInt32(IN_OPEN | IN_ACCESS)) }
        #endif
    }

    /// Whether anything opened or read a bait file since `startWatching()` (always false where
    /// inotify is missing).
    var wasOpened: Bool {
        guard watch >= 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        return read(watch, &buffer, buffer.count) > 0
    }

    /// Whether anything connected to the bait port.
    var wasContacted: Bool {
        guard listener >= 0 else { return false }
        let connection = accept(listener, nil, nil)
        if connection >= 0 { close(connection); return true }
        return false
    }
}

/// Runs `body` on its own thread; nil when it has not finished after `seconds` (the thread is
/// left behind: a hang is reported instead of hanging the suite).
func runWithDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () throws -> T) -> Result<T, Error>? {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return box.result
}

/// Carries a result from the thread that computes it to the one that waits for it.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, Error>?
}
