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
    /// The tag found last, and for each tag the one found right after it the last time:
    /// logs repeat their tags in the same order record after record, so the successor of the
    /// last tag is nearly always the next one, found by one comparison (cheaper than a hash).
    private var last = -1
    private var successors: [Int32] = []

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

    /// `index(of:)`, trying first the tag that followed the last one found, then that one.
    mutating func recentIndex(of bytes: UnsafeRawBufferPointer) -> Int? {
        if last >= 0 {
            let next = Int(successors[last])
            if next >= 0, Self.equal(keys[next], bytes) {
                last = next
                return next
            }
            if Self.equal(keys[last], bytes) { return last }
        }
        guard let i = index(of: bytes) else { return nil }
        follow(with: i)
        return i
    }

    /// Records `i` as found after the last tag.
    private mutating func follow(with i: Int) {
        if last >= 0 { successors[last] = Int32(i) }
        last = i
    }

    /// Whether `bytes` is the tag at index `i` (false for an index out of range).
    func holds(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        i >= 0 && i < keys.count && Self.equal(keys[i], bytes)
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
        successors.append(-1)
        let h = Self.hash(bytes)
        if byHash[h] == nil { byHash[h] = i } else { collided.append(i) }
        follow(with: i)
        return i
    }
}
