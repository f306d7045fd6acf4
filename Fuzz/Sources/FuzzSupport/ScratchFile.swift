import Foundation

/// The file the readers read each input from: one per process, rewritten for every input.
///
/// It lives in `$CGFUZZ_SCRATCH_DIR` when set (scripts/fuzz.sh sets it), else in `/dev/shm` (no
/// disk writes), else in the temporary directory, and is removed when the process exits normally.
enum ScratchFile {
    static let path: String = {
        let environment = ProcessInfo.processInfo.environment["CGFUZZ_SCRATCH_DIR"]
        let directory = environment ?? (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : NSTemporaryDirectory())
        atexit { _ = unlink(ScratchFile.path) }
        return "\(directory)/cgfuzz-\(getpid()).input"
    }()

    /// Replaces the file's content with `bytes` and returns its path.
    static func holding(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        precondition(fd >= 0, "cannot create \(path): \(String(cString: strerror(errno)))")
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            precondition(written > 0, "cannot write \(path): \(String(cString: strerror(errno)))")
            offset += written
        }
        return path
    }
}
