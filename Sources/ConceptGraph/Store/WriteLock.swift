import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The store's write lock: an exclusive `flock` on `<store>.lock`, taken by every command that
/// writes (`build`, `ingest`), so that two writers never interleave their transactions in one
/// store. Readers never take it: WAL gives each query a consistent snapshot while a writer works.
///
/// The kernel drops the lock when its holder exits, however it exits (SIGKILL included), so a
/// crashed build never leaves the store locked; a child forked while the lock is held shares it
/// until its exec closes the descriptor. The file stays behind on purpose (removing it would let
/// two processes lock two different files); it holds the pid of the last holder, for the message
/// another writer prints.
public final class WriteLock {
    /// The lock file.
    public let path: String
    private var fd: Int32

    /// The lock file of the store at `storePath`.
    public static func path(forStore storePath: String) -> String { storePath + ".lock" }

    /// Takes the write lock of the store at `storePath`. When another process holds it, throws
    /// `ConceptGraphError.storeBusy` at once, or with `wait` calls `onWait` with the holder's pid
    /// and blocks until the lock is free.
    public init(store storePath: String, wait: Bool = false, onWait: ((Int32?) -> Void)? = nil) throws {
        path = Self.path(forStore: storePath)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ConceptGraphError.database("\(storePath): cannot create the lock file \(path): \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var code = errno
            if code == EWOULDBLOCK {
                let holder = Self.holder(fd)
                guard wait else {
                    release()
                    throw ConceptGraphError.storeBusy(path: storePath, pid: holder)
                }
                onWait?(holder)
                repeat { code = flock(fd, LOCK_EX) == 0 ? 0 : errno } while code == EINTR
            }
            if code != 0 {
                release()
                throw ConceptGraphError.database("\(storePath): cannot lock \(path): \(String(cString: strerror(code)))")
            }
        }
        // Ours now: leave our pid for whoever finds the store busy.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { release() }

    /// Gives the lock up; the next writer may go on. Releasing twice does nothing.
    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    /// The pid the current holder wrote, if it is there yet.
    private static func holder(_ fd: Int32) -> Int32? {
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: bytes[..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
