/// A set of 64-bit token hashes with open addressing. The keys are already FNV hashes, so they
/// index the table directly: a lookup is a multiply, a mask and usually one comparison, where
/// `Set<UInt64>` would run SipHash on every probe of the extractor's hot loops.
struct HashSet64: Sendable {
    private var slots: [UInt64]
    private var used: [Bool]
    private let mask: Int

    init<S: Sequence>(_ values: S) where S.Element == UInt64 {
        let list = Array(values)
        var capacity = 16
        while capacity < list.count * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: 0, count: capacity)
        used = [Bool](repeating: false, count: capacity)
        mask = capacity - 1
        for v in list { insert(v) }
    }

    @inline(__always)
    private func slot(_ v: UInt64) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    private mutating func insert(_ v: UInt64) {
        var i = slot(v)
        while used[i] {
            if slots[i] == v { return }
            i = (i + 1) & mask
        }
        used[i] = true
        slots[i] = v
    }

    @inline(__always)
    func contains(_ v: UInt64) -> Bool {
        var i = slot(v)
        while used[i] {
            if slots[i] == v { return true }
            i = (i + 1) & mask
        }
        return false
    }
}

/// A map from 64-bit token hashes to values, built once, with the same probing as `HashSet64`.
struct HashMap64<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private let mask: Int

    init(_ pairs: [(UInt64, Value)]) {
        var capacity = 16
        while capacity < pairs.count * 2 { capacity <<= 1 }
        keys = [UInt64](repeating: 0, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        mask = capacity - 1
        for (k, v) in pairs {
            var i = slot(k)
            while values[i] != nil {
                if keys[i] == k { break }
                i = (i + 1) & mask
            }
            if values[i] == nil { keys[i] = k; values[i] = v }  // the first value for a key wins
        }
    }

    @inline(__always)
    private func slot(_ v: UInt64) -> Int { Int(truncatingIfNeeded: (v &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask }

    @inline(__always)
    subscript(key: UInt64) -> Value? {
        var i = slot(key)
        while let v = values[i] {
            if keys[i] == key { return v }
            i = (i + 1) & mask
        }
        return nil
    }
}
