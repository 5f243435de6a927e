import Foundation

/// Reads JSON-lines training logs incrementally: one object per line, each top-level number a
/// point of the series of its key. The x value is the line's `step`, `iteration` or `epoch`
/// (in that order of preference), or the 0-based line number when it has none of them. A line
/// with a string `series` (as `Recorder` writes) puts its keys under that label: `lr=0.1/loss`.
///
/// Lines are scanned in place: keys without escapes are looked up by their bytes, numbers are
/// parsed from bytes, and nested values are skipped without recursion.
struct JSONLinesParser: TextLogParser {
    /// Lines longer than this are skipped, so that a runaway line cannot exhaust memory.
    static let maximumLineLength = 1 << 20

    /// A numeric member of the line: plain data, so that the line's members are kept without
    /// reference counting.
    private struct Member {
        var key: Range<Int>
        /// The number's bytes.
        var number: Range<Int> = 0..<0
        /// The index in `decodedKeys` of the key's text when it had escapes (then `key` is
        /// unused); -1 when it had none.
        var decoded: Int32 = -1
        /// The key's rank as an x axis (`DecimalText.axisRank`); -1 when it names none.
        var rank: Int8 = -1
        /// Whether the key appears again later in the line (then this value is not kept).
        var repeated = false
        var value: Double
    }

    private var lines = LineSplitter(
        maximumLength: maximumLineLength, tooLong: .init("line longer than 1 MiB skipped", "lines longer than 1 MiB skipped"))
    /// The 0-based number of the line being read.
    private var line: Int { lines.line }
    private var members: [Member] = []
    /// The keys of the line that had escapes, decoded.
    private var decodedKeys: [[UInt8]] = []
    /// The line's `series` label, when it has one.
    private var label: [UInt8]?
    /// Scratch space for `label/key` tags, reused from line to line.
    private var tag: [UInt8] = []
    /// The members of the line by the hash of their key, reused from line to line.
    private var laterByHash: [Int: Int] = [:]
    /// How many times two keys were compared, over all lines: the work of finding repeated
    /// keys, at most one comparison per key (tests check it stays linear).
    private(set) var keyComparisons = 0

    /// What is known of one member of the last line read, by its place in the line.
    private struct Known {
        /// The key's bytes in `knownKeys`.
        var key: Range<Int>
        var rank: Int8
        var repeated: Bool
        /// The index of the key's series in the run when it was last looked up (-1 before):
        /// tried first, so that a log repeating its keys line after line finds each by one
        /// comparison.
        var series: Int
    }

    /// The members of the last line whose keys had no escapes, in order: a line with the
    /// same keys in the same order (nearly every line of a log) takes their axis ranks and
    /// repeats from here, comparing each key once instead of ranking and pairing it again.
    /// Empty after a line with escaped keys or more than `knownMembers` numbers.
    private var known: [Known] = []
    private var knownKeys: [UInt8] = []
    /// Lines of more numbers than this are not remembered (their keys are looked up by hash
    /// anyway, and a parser is kept for every followed file).
    static let knownMembers = 64

    /// The bytes of the last line remembered (`known`) around its numbers: the piece before
    /// each number, then the piece after the last. A line made of the same pieces around
    /// numbers is the same object with other numbers (same keys, same other members, same
    /// label), read by `matchShape` without scanning its keys or looking up its series.
    private var shape: [UInt8] = []
    /// Where each piece of `shape` ends; empty when no shape is remembered.
    private var shapeEnds: [Int] = []
    /// The label under which `known`'s series were found (that of the line `shape` was taken
    /// from).
    private var knownLabel: [UInt8]?
    /// Lines longer than this leave no shape (a parser is kept for every followed file).
    static let maximumShapeLength = 4096

    mutating func read(_ bytes: UnsafeRawBufferPointer, atEnd: Bool, file: String, into run: inout LogRun) -> Int {
        var i = 0
        while let (text, isLast) = lines.next(bytes, from: &i, atEnd: atEnd, file: file, into: &run) {
            readLine(text, isLast: isLast, file: file, into: &run)
        }
        return i
    }

    private mutating func readLine(_ text: UnsafeRawBufferPointer, isLast: Bool, file: String, into run: inout LogRun) {
        var text = text
        if line == 0, text.starts(with: [0xEF, 0xBB, 0xBF]) { text = UnsafeRawBufferPointer(rebasing: text[3...]) }
        if text.allSatisfy(DecimalText.isSpace) { return }
        let shaped = matchShape(text)
        if !shaped {
            guard scanObject(text) else {
                run.problems.add(isLast ? .init("incomplete last line skipped", "incomplete last lines skipped")
                    : .init("line that is not a JSON object skipped", "lines that are not JSON objects skipped"),
                    at: "\(file) line \(line + 1)")
                return
            }
        }
        if !shaped {
            if !takeKnown(text) {
                for k in members.indices where members[k].decoded < 0 {
                    members[k].rank = DecimalText.axisRank(UnsafeRawBufferPointer(rebasing: text[members[k].key])).map(Int8.init) ?? -1
                }
                markRepeated(text)
                remember(text)
            }
            rememberShape(text)
        }
        var axis = -1
        for k in members.indices where members[k].rank >= 0 {
            if axis < 0 || members[k].rank < members[axis].rank { axis = k }
        }
        var step = Int64(line)
        if axis >= 0 {
            let d = members[axis].value
            guard d.rounded() == d, abs(d) < 9.2e18 else {
                run.problems.add(.init("line whose step is not an integer skipped", "lines whose step is not an integer skipped"), at: "\(file) line \(line + 1)")
                return
            }
            step = Int64(d)
        }
        for k in members.indices {
            let member = members[k]
            if member.rank >= 0 || member.repeated { continue }
            let found: Int?
            if shaped {
                // The keys and label of the line `known` holds: its series are those found then.
                let series = known[k].series
                if series >= 0 {
                    run.appendPreempting(series, step: step, value: member.value, wallTime: nil, place: "\(file) line \(line + 1)")
                    continue
                }
                let key = Array(knownKeys[known[k].key])
                found = key.withUnsafeBytes { append(key: $0, hint: -1, step: step, value: member.value, file: file, into: &run) }
            } else if member.decoded >= 0 {
                found = decodedKeys[Int(member.decoded)].withUnsafeBytes { append(key: $0, hint: -1, step: step, value: member.value, file: file, into: &run) }
            } else {
                let hint = k < known.count ? known[k].series : -1
                found = append(key: UnsafeRawBufferPointer(rebasing: text[member.key]), hint: hint, step: step, value: member.value, file: file, into: &run)
            }
            if k < known.count { known[k].series = found ?? -1 }
        }
    }

    /// Adds a point to the series of `key`, under the line's label if it has one, trying the
    /// series at `hint` first; returns the series' index.
    private mutating func append(key: UnsafeRawBufferPointer, hint: Int, step: Int64, value: Double, file: String, into run: inout LogRun) -> Int? {
        let index: Int?
        if let label {
            tag.removeAll(keepingCapacity: true)
            tag += label
            tag.append(UInt8(ascii: "/"))
            tag += key
            index = tag.withUnsafeBytes { run.scalarIndex($0, hint: hint, place: "\(file) line \(line + 1)") }
        } else {
            index = run.scalarIndex(key, hint: hint, place: "\(file) line \(line + 1)")
        }
        guard let index else { return nil }
        run.appendPreempting(index, step: step, value: value, wallTime: nil, place: "\(file) line \(line + 1)")
        return index
    }

    /// Whether the line's keys are those of the last line remembered, in the same order (then
    /// their ranks and repeats are taken from it).
    private mutating func takeKnown(_ text: UnsafeRawBufferPointer) -> Bool {
        let n = members.count
        guard n > 0, n == known.count else { return false }
        // Through buffer pointers: indexing the arrays of `self` in the loop checked their
        // uniqueness at every key.
        var compared = 0
        let same = members.withUnsafeBufferPointer { members in
            known.withUnsafeBufferPointer { known in
                knownKeys.withUnsafeBytes { keys in
                    for k in 0..<n {
                        compared &+= 1
                        let member = members[k]
                        guard member.decoded < 0,
                              TagTable.equal(UnsafeRawBufferPointer(rebasing: text[member.key]), UnsafeRawBufferPointer(rebasing: keys[known[k].key]))
                        else { return false }
                    }
                    return true
                }
            }
        }
        keyComparisons += compared
        guard same else { return false }
        members.withUnsafeMutableBufferPointer { members in
            known.withUnsafeBufferPointer { known in
                for k in 0..<n {
                    members[k].rank = known[k].rank
                    members[k].repeated = known[k].repeated
                }
            }
        }
        return true
    }

    /// Remembers the line's keys, ranks and repeats for `takeKnown`.
    private mutating func remember(_ text: UnsafeRawBufferPointer) {
        known.removeAll(keepingCapacity: true)
        knownKeys.removeAll(keepingCapacity: true)
        guard members.count <= Self.knownMembers, decodedKeys.isEmpty else { return }
        for member in members {
            let start = knownKeys.count
            knownKeys.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[member.key]))
            known.append(Known(key: start..<knownKeys.count, rank: member.rank, repeated: member.repeated, series: -1))
        }
    }

    /// Remembers the shape of a line just scanned for `matchShape`: when `known` holds its keys
    /// (else no shape), the series found for them stay valid unless its label differs.
    private mutating func rememberShape(_ text: UnsafeRawBufferPointer) {
        shape.removeAll(keepingCapacity: true)
        shapeEnds.removeAll(keepingCapacity: true)
        guard !members.isEmpty, members.count == known.count else { return }
        if label != knownLabel {
            for k in known.indices { known[k].series = -1 }
            knownLabel = label
        }
        guard text.count <= Self.maximumShapeLength else { return }
        var start = 0
        for member in members {
            shape.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[start..<member.number.lowerBound]))
            shapeEnds.append(shape.count)
            start = member.number.upperBound
        }
        shape.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[start...]))
        shapeEnds.append(shape.count)
    }

    /// Reads a line made of `shape`'s pieces around numbers into `members` (keys, ranks and
    /// repeats from `known`, the label of the shape's line); false, with `members` to be
    /// scanned again, for any other line. Each number is read where `scanObject` would read
    /// it, by the same scanner, so the values are the same.
    private mutating func matchShape(_ text: UnsafeRawBufferPointer) -> Bool {
        let n = known.count
        guard n > 0, shapeEnds.count == n + 1 else { return false }
        while members.count > n { members.removeLast() }
        while members.count < n { members.append(Member(key: 0..<0, value: 0)) }
        let matched = members.withUnsafeMutableBufferPointer { members in
            known.withUnsafeBufferPointer { known in
                shape.withUnsafeBytes { shape in
                    shapeEnds.withUnsafeBufferPointer { ends in
                        var scanner = JSONScanner(bytes: text)
                        var start = 0
                        for k in 0...n {
                            let piece = UnsafeRawBufferPointer(rebasing: shape[start..<ends[k]])
                            guard Self.holds(piece, in: text, at: scanner.index) else { return false }
                            let next = scanner.index + piece.count
                            scanner.index = next
                            start = ends[k]
                            if k == n { return next == text.count }
                            guard case .number(let d) = scanner.value() else { return false }
                            members[k] = Member(key: known[k].key, rank: known[k].rank, repeated: known[k].repeated, value: d)
                        }
                        return false
                    }
                }
            }
        }
        guard matched else { return false }
        if !decodedKeys.isEmpty { decodedKeys.removeAll(keepingCapacity: true) }
        label = knownLabel
        return true
    }

    /// The bytes of member `k`'s key (decoded when it had escapes).
    private func withKey<R>(_ k: Int, _ text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let decoded = members[k].decoded
        if decoded >= 0 { return decodedKeys[Int(decoded)].withUnsafeBytes(body) }
        return body(UnsafeRawBufferPointer(rebasing: text[members[k].key]))
    }

    private mutating func sameKey(_ a: Int, _ b: Int, _ text: UnsafeRawBufferPointer) -> Bool {
        keyComparisons += 1
        let (x, y) = (members[a], members[b])
        if x.decoded < 0, y.decoded < 0 {
            guard x.key.count == y.key.count else { return false }
            return TagTable.equal(UnsafeRawBufferPointer(rebasing: text[x.key]), UnsafeRawBufferPointer(rebasing: text[y.key]))
        }
        return withKey(a, text) { x in withKey(b, text) { y in TagTable.equal(x, y) } }
    }

    /// Lines of at most this many numbers have their keys compared pairwise (cheaper than
    /// hashing them); longer lines look keys up by hash.
    static let pairwiseKeys = 8

    /// Whether `text` holds `piece` at `offset`, compared eight bytes at a time (pieces are a
    /// key or two with their quotes and separators: mostly over eight bytes, too short for
    /// `memcmp` to pay).
    @inline(__always)
    private static func holds(_ piece: UnsafeRawBufferPointer, in text: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        let n = piece.count
        guard offset + n <= text.count else { return false }
        guard n > 0, let a = text.baseAddress, let b = piece.baseAddress else { return true }
        var i = 0
        while i + 8 <= n {
            guard a.loadUnaligned(fromByteOffset: offset + i, as: UInt64.self) == b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            else { return false }
            i += 8
        }
        while i < n {
            guard a.load(fromByteOffset: offset + i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) else { return false }
            i += 1
        }
        return true
    }

    /// Marks the members whose key appears again later in the line (the last one wins, as in
    /// Python), in time linear in the number of members: keys of a short line are compared
    /// pairwise (at most `pairwiseKeys` - 1 comparisons each); those of a longer one are looked
    /// up by their hash, seeded per process so that a line cannot be crafted to make them
    /// collide.
    private mutating func markRepeated(_ text: UnsafeRawBufferPointer) {
        if members.count <= Self.pairwiseKeys {
            for k in members.indices {
                for later in (k + 1)..<members.count where sameKey(k, later, text) {
                    members[k].repeated = true
                    break
                }
            }
            return
        }
        laterByHash.removeAll(keepingCapacity: true)
        var collided: [Int] = []
        for k in members.indices.reversed() {
            let hash = withKey(k, text) { TagTable.hash($0) }
            guard let later = laterByHash[hash] else {
                laterByHash[hash] = k
                continue
            }
            if sameKey(k, later, text) || collided.contains(where: { sameKey(k, $0, text) }) {
                members[k].repeated = true
            } else {
                collided.append(k)
            }
        }
    }

    /// Scans one JSON object into `members` (its numeric members); false if it is not one.
    private mutating func scanObject(_ text: UnsafeRawBufferPointer) -> Bool {
        // Popped rather than `removeAll(keepingCapacity:)`, which is not specialized for
        // them and costs more than the few members of a line.
        while members.popLast() != nil {}
        if !decodedKeys.isEmpty { decodedKeys.removeAll(keepingCapacity: true) }
        label = nil
        var scanner = JSONScanner(bytes: text)
        scanner.skipSpace()
        guard scanner.take(UInt8(ascii: "{")) else { return false }
        scanner.skipSpace()
        if !scanner.take(UInt8(ascii: "}")) {
            while true {
                scanner.skipSpace()
                guard let (key, escaped) = scanner.string() else { return false }
                scanner.skipSpace()
                guard scanner.take(UInt8(ascii: ":")) else { return false }
                scanner.skipSpace()
                let valueStart = scanner.index
                switch scanner.value() {
                case .invalid: return false
                case .other: break
                case .string(let range, let escapedValue):
                    guard DecimalText.equalsIgnoringCase(text[key], "series"), !escaped else { break }
                    if escapedValue {
                        let quoted = UnsafeRawBufferPointer(rebasing: text[(range.lowerBound - 1)..<(range.upperBound + 1)])
                        guard let decoded = (try? JSONValue(parsing: quoted))?.stringValue else { return false }
                        label = Array(decoded.utf8)
                    } else {
                        label = Array(text[range])
                    }
                case .number(let d):
                    var member = Member(key: key, number: valueStart..<scanner.index, value: d)
                    if escaped {
                        let quoted = UnsafeRawBufferPointer(rebasing: text[(key.lowerBound - 1)..<(key.upperBound + 1)])
                        guard let decoded = (try? JSONValue(parsing: quoted))?.stringValue else { return false }
                        member.decoded = Int32(decodedKeys.count)
                        decodedKeys.append(Array(decoded.utf8))
                        member.rank = DecimalText.axisRank(decodedKeys[decodedKeys.count - 1]).map(Int8.init) ?? -1
                    }
                    members.append(member)
                }
                scanner.skipSpace()
                if scanner.take(UInt8(ascii: ",")) { continue }
                guard scanner.take(UInt8(ascii: "}")) else { return false }
                break
            }
        }
        scanner.skipSpace()
        return scanner.isAtEnd
    }
}
