import ConceptGraph
import Foundation

/// Progress of long work on standard error, for a person watching a terminal: one line per stage
/// (count, rate, estimated time left), redrawn at most ten times a second, left in place with
/// the stage's time when the stage ends. Never used when standard error is not a terminal.
final class TerminalProgress: ProgressObserver, @unchecked Sendable {
    private let lock = NSLock()
    private var stage = ""
    private var unit = ""
    private var total: Int?
    private var count = 0
    private var started = DispatchTime.now()
    private var lastDraw: UInt64 = 0
    private var active = false

    /// A progress line, or nil when `quiet` or standard error is not a terminal.
    static func make(quiet: Bool) -> TerminalProgress? {
        quiet || isatty(STDERR_FILENO) != 1 ? nil : TerminalProgress()
    }

    func begin(_ stage: String, unit: String, total: Int?) {
        lock.withLock {
            if active { draw(final: true) }
            self.stage = stage
            self.unit = unit
            self.total = total
            count = 0
            started = .now()
            active = true
            draw(final: false)
        }
    }

    func advance(_ count: Int) {
        lock.withLock {
            self.count += count
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastDraw >= 100_000_000 { draw(final: false) }
        }
    }

    func finish() {
        lock.withLock {
            guard active else { return }
            draw(final: true)
            active = false
        }
    }

    /// Prints a message (a warning) above the progress line.
    func note(_ text: String) {
        lock.withLock {
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(text)\n".utf8))
            if active { draw(final: false) }
        }
    }

    private func draw(final: Bool) {
        lastDraw = DispatchTime.now().uptimeNanoseconds
        let seconds = Double(lastDraw - started.uptimeNanoseconds) / 1e9
        var line = stage.padding(toLength: 8, withPad: " ", startingAt: 0)
        if count > 0 || total != nil {
            line += " " + Self.grouped(count)
            if let total { line += " / " + Self.grouped(total) }
            line += " \(unit)"
            if seconds > 0.5 && count > 0 { line += "  \(Self.grouped(Int(Double(count) / seconds)))/s" }
        }
        if final {
            line += String(format: "  %.1f s", seconds)
        } else if let total, count > 0, seconds > 1, count < total {
            let left = seconds * Double(total - count) / Double(count)
            line += String(format: "  about %.0f s left", left.rounded(.up))
        } else {
            line += " …"
        }
        FileHandle.standardError.write(Data("\r\u{1B}[2K\(line)\(final ? "\n" : "")".utf8))
    }

    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = String(n)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
    }
}
