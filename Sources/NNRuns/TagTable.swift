import Foundation

/// Finds the index of a tag from its UTF-8 bytes without allocating (a hash of the bytes, then
/// a byte comparison), so that readers never build a `String` per point.
///
/// The hash is Swift's `Hasher`, seeded per process: a log cannot be crafted so that its tags
/// collide, which would make every lookup a search of all the tags.
struct TagTable: Sendable {
    private var byHash: [Int: Int] = [:]
    private var keys: [[UInt8]] = []
    /// Indices whose hash collided with an earlier tag: searched one by one.
    private var collided: [Int] = []
    /// The two tags found last: logs repeat a few tags in turn, and comparing bytes costs less
    /// than hashing them.
    private var recent = (-1, -1)

    var count: Int { keys.count }

    static func hash(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    /// The index of `bytes`, or nil if the tag was never inserted.
    func index(of bytes: UnsafeRawBufferPointer) -> Int? {
        if let i = byHash[Self.hash(bytes)], keys[i].elementsEqual(bytes) { return i }
        return collided.first { keys[$0].elementsEqual(bytes) }
    }

    /// `index(of:)`, trying the two tags found last first.
    mutating func recentIndex(of bytes: UnsafeRawBufferPointer) -> Int? {
        if recent.0 >= 0, Self.equal(keys[recent.0], bytes) { return recent.0 }
        if recent.1 >= 0, Self.equal(keys[recent.1], bytes) {
            recent = (recent.1, recent.0)
            return recent.0
        }
        guard let i = index(of: bytes) else { return nil }
        recent = (i, recent.0)
        return i
    }

    private static func equal(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        key.withUnsafeBytes { equal($0, bytes) }
    }

    /// Whether two byte strings are the same: short ones (most tags and keys) compared in
    /// place, longer ones by `memcmp`.
    static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        if a.count <= 16 {
            for i in 0..<a.count where a[i] != b[i] { return false }
            return true
        }
        return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
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
