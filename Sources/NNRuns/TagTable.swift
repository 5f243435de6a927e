/// Finds the index of a tag from its UTF-8 bytes without allocating (FNV-1a hash, then a
/// byte comparison), so that readers never build a `String` per point.
struct TagTable: Sendable {
    private var byHash: [UInt64: Int] = [:]
    private var keys: [[UInt8]] = []
    /// Indices whose hash collided with an earlier tag: searched one by one.
    private var collided: [Int] = []

    var count: Int { keys.count }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }

    /// The index of `bytes`, or nil if the tag was never inserted.
    func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        if let i = byHash[Self.hash(bytes)], keys[i].elementsEqual(bytes) { return i }
        return collided.first { keys[$0].elementsEqual(bytes) }
    }

    /// Adds a tag known to be absent; returns its index.
    mutating func insert(_ bytes: UnsafeRawBufferPointer) -> Int {
        let i = keys.count
        keys.append(Array(bytes))
        let h = Self.hash(bytes)
        if byHash[h] == nil { byHash[h] = i } else { collided.append(i) }
        return i
    }
}
