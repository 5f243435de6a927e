/// Decodes a `Decodable` type from JSON read by nndash's own parser (`JSONValue`), so that a
/// file's errors name the key and the value: Foundation's `JSONDecoder` reports a count of
/// `1.5` or `1e300` as "not valid JSON" with no key.
///
/// Integers must be whole numbers within range (`2.0` is read as 2, `2.5` is refused);
/// floating-point values also read the strings `Infinity`, `-Infinity` and `NaN`, as
/// `JSONEncoder` writes them with `convertToString`. Of repeated keys the last counts, as in
/// Python. Errors are `DecodingError`s whose `debugDescription` is one line naming the value.
public struct JSONValueDecoder {
    public init() {}

    /// The `T` that `bytes` hold.
    /// - Throws: `JSONParseError` when they are not JSON, `DecodingError` when the JSON is not a `T`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try decode(type, from: JSONValue(parsing: bytes))
    }

    /// The `T` that `value` holds.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoding(value: value, codingPath: []).decode(type)
    }

    /// The JSON text of `value` for an error message, shortened when long.
    static func describe(_ value: JSONValue) -> String {
        let text = value.jsonText
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// A key of an array element in a coding path (`[3]`).
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct JSONValueDecoding: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    /// The path to the container of `value`, and `value`'s key in it: the full path is made
    /// only when asked for (an error), not for each of a million array items.
    let parentPath: [any CodingKey]
    let key: (any CodingKey)?

    init(value: JSONValue, codingPath: [any CodingKey]) {
        (self.value, parentPath, key) = (value, codingPath, nil)
    }

    init(value: JSONValue, parentPath: [any CodingKey], key: any CodingKey) {
        (self.value, self.parentPath, self.key) = (value, parentPath, key)
    }

    var codingPath: [any CodingKey] { key.map { parentPath + [$0] } ?? parentPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch("an object") }
        var byKey: [String: JSONValue] = [:]
        for (name, member) in members { byKey[name] = member }
        return KeyedDecodingContainer(KeyedContainer(members: byKey, order: members.map(\.0), codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch("an array") }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch("true or false") }
            return b as! T
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch("a string") }
            return s as! T
        case is Double.Type: return try floatingPoint() as! T
        case is Float.Type: return Float(try floatingPoint()) as! T
        case let integer as any FixedWidthInteger.Type: return try self.integer(integer) as! T
        default: return try T(from: self)
        }
    }

    /// A number, or a non-finite one written as a string.
    private func floatingPoint() throws -> Double {
        switch value {
        case .number(let d): return d
        case .int(let i): return Double(i)
        case .string("Infinity"): return .infinity
        case .string("-Infinity"): return -.infinity
        case .string("NaN"): return .nan
        default: throw mismatch("a number")
        }
    }

    private func integer<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        switch value {
        case .int(let i):
            if let exact = I(exactly: i) { return exact }
        case .number(let d):
            guard d.rounded() == d else { throw corrupted("is \(JSONValueDecoder.describe(value)), not a whole number") }
            if let exact = I(exactly: d) { return exact }
        default: throw mismatch("a whole number")
        }
        throw corrupted("is \(JSONValueDecoder.describe(value)), out of range")
    }

    private func mismatch(_ expected: String) -> DecodingError {
        .typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "is \(JSONValueDecoder.describe(value)), not \(expected)"))
    }

    private func corrupted(_ description: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: description))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: JSONValue]
    let order: [String]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { order.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func member(_ key: Key) throws -> JSONValueDecoding {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "\(key.stringValue) is missing"))
        }
        return JSONValueDecoding(value: value, parentPath: codingPath, key: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key).decodeNil() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try member(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try member(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try member(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { JSONValueDecoding(value: .object(order.map { ($0, members[$0]!) }), codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try member(key) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> JSONValueDecoding {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(
                codingPath: codingPath + [IndexKey(currentIndex)], debugDescription: "is missing: the array has \(counted(items.count, "item"))"))
        }
        defer { currentIndex += 1 }
        return JSONValueDecoding(value: items[currentIndex], parentPath: codingPath, key: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}
