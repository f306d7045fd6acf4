/// FNV-1a, 64 bits: the stable hash behind content ids, file digests and token hashes. Swift's
/// `Hasher` is seeded per process, so it cannot give ids that are the same on every run.
enum FNV1a {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func mix(_ hash: UInt64, _ value: UInt64) -> UInt64 {
        (hash ^ value) &* prime
    }

    /// Continues `hash` over `bytes`.
    static func hash<S: Sequence>(_ bytes: S, from hash: UInt64 = offset) -> UInt64 where S.Element == UInt8 {
        var h = hash
        for byte in bytes { h = mix(h, UInt64(byte)) }
        return h
    }

    /// Continues `hash` over raw memory: the loop for whole files, which a generic sequence
    /// walks several times slower in unoptimized builds.
    static func hash(_ buffer: UnsafeRawBufferPointer, from hash: UInt64 = offset) -> UInt64 {
        var h = hash
        var i = 0
        let count = buffer.count
        while i < count {
            h = (h ^ UInt64(buffer[i])) &* prime
            i += 1
        }
        return h
    }
}
