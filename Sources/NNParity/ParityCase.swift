import NNEngine
import NNRuns

/// One case of a reference file, with typed access to its fields and a record of mismatches.
public final class ParityCase {
    /// The case's JSON object.
    public let json: JSONValue
    public let id: String
    public let kind: String
    public let name: String
    /// The tolerance that applies to this case (the file's, or the case's own relative one).
    public let tolerance: Tolerance
    /// Values that did not match, in the order checked.
    public private(set) var mismatches: [Mismatch] = []

    /// A value that differs from the reference.
    public struct Mismatch: Sendable, Equatable {
        /// Which value: "output", "grads.x", "loss[3]", ...
        public var what: String
        public var expected: Double
        public var actual: Double
        /// The largest |actual - expected| over the compared values.
        public var largestError: Double
    }

    init(_ json: JSONValue, fileTolerance: Tolerance) throws(ParityError) {
        self.json = json
        guard let id = json["id"]?.stringValue, let kind = json["kind"]?.stringValue,
              let name = json["name"]?.stringValue
        else { throw .malformed("a case needs string fields id, kind and name") }
        self.id = id
        self.kind = kind
        self.name = name
        if let relative = json["tolerance"]?.doubleValue {
            tolerance = Tolerance(rtol: relative, atol: fileTolerance.atol)
        } else {
            tolerance = fileTolerance
        }
    }

    // MARK: Reading fields

    /// The field `key`, nil when absent or null.
    public func field(_ key: String, in object: JSONValue? = nil) -> JSONValue? {
        guard let value = (object ?? json)[key], !value.isNull else { return nil }
        return value
    }

    /// The required field `key`.
    public func require(_ key: String, in object: JSONValue? = nil) throws(ParityError) -> JSONValue {
        guard let value = field(key, in: object) else { throw .malformed("lacks \(key)") }
        return value
    }

    /// The required number `key`.
    public func number(_ key: String, in object: JSONValue? = nil) throws(ParityError) -> Double {
        guard let value = try require(key, in: object).doubleValue else { throw .malformed("\(key) is not a number") }
        return value
    }

    /// The required array of numbers `key`.
    public func numbers(_ key: String, in object: JSONValue? = nil) throws(ParityError) -> [Double] {
        guard let values = try require(key, in: object).doubleArray else {
            throw .malformed("\(key) is not an array of numbers")
        }
        return values
    }

    /// The required array of exactly `count` numbers `key` (a tensor of a fixed shape).
    public func numbers(_ key: String, in object: JSONValue? = nil, count: Int) throws(ParityError) -> [Double] {
        let values = try numbers(key, in: object)
        guard values.count == count else { throw .malformed("\(key) needs \(counted(count, "number")), got \(values.count)") }
        return values
    }

    /// The required integer `key`, which must lie in `range` (a count of steps, a step index).
    public func integer(
        _ key: String, in object: JSONValue? = nil, within range: ClosedRange<Int>
    ) throws(ParityError) -> Int {
        try Self.integer(try require(key, in: object), named: key, within: range)
    }

    /// `value` as an integer in `range`; throws naming `key` and the value otherwise.
    static func integer(_ value: JSONValue, named key: String, within range: ClosedRange<Int>) throws(ParityError) -> Int {
        guard let number = value.doubleValue else { throw .malformed("\(key) is not an integer") }
        guard let integer = ParityLimits.integer(number, in: range) else {
            throw .malformed("\(key) must be an integer from \(range.lowerBound) to \(range.upperBound), got \(value.jsonText)")
        }
        return integer
    }

    /// The shape of a tensor `{"shape": [...], ...}`, checked: non-negative integer sizes of
    /// at most `ParityLimits.maximumElements` elements in all.
    public func shape(_ value: JSONValue?, named what: String = "a tensor") throws(ParityError) -> [Int] {
        guard let sizes = value?.arrayValue else { throw .malformed("\(what) needs an integer shape") }
        var shape: [Int] = []
        for size in sizes {
            guard let number = size.doubleValue, let size = ParityLimits.integer(number, in: 0...ParityLimits.maximumElements)
            else { throw .malformed("\(what) shape \(value?.jsonText ?? "") needs sizes from 0 to \(ParityLimits.maximumElements)") }
            shape.append(size)
        }
        guard ParityLimits.elementCount(shape) != nil else {
            throw .malformed("\(what) shape \(shape) has more than \(ParityLimits.maximumElements) elements")
        }
        return shape
    }

    /// A tensor `{"shape": [...], "data": [...]}` as an engine tensor.
    public func tensor(_ value: JSONValue, requiresGrad: Bool = false) throws(ParityError) -> Tensor {
        let shape = try self.shape(value["shape"])
        guard let data = value["data"]?.doubleArray else { throw .malformed("a tensor needs numeric data") }
        do {
            return try Tensor(validating: data.map { Float($0) }, shape: shape, requiresGrad: requiresGrad)
        } catch {
            throw .malformed("\(error)")
        }
    }

    /// An integer tensor `{"shape": [...], "data": [...], "dtype": "int"}`: class indices,
    /// targets, lengths. Every value must be an integer in `ParityLimits.integers`.
    public func integerTensor(_ value: JSONValue, named key: String) throws(ParityError) -> IntTensor {
        let shape = try self.shape(value["shape"], named: key)
        guard let data = value["data"]?.arrayValue else { throw .malformed("\(key) needs integer data") }
        var values: [Int] = []
        values.reserveCapacity(Swift.min(data.count, ParityLimits.maximumElements))
        for item in data { values.append(try Self.integer(item, named: key, within: ParityLimits.integers)) }
        do {
            return try IntTensor(values, shape: shape)
        } catch {
            throw .malformed("\(key): \(error)")
        }
    }

    // MARK: Comparing

    /// Compares `actual` with the reference numbers, recording the worst element on mismatch.
    /// - Parameter tolerance: one looser than the case's, for values the case says are sensitive to rounding.
    public func compare(_ what: String, expected: [Double], actual: [Double], tolerance: Tolerance? = nil) {
        let tolerance = tolerance ?? self.tolerance
        guard expected.count == actual.count else {
            mismatches.append(Mismatch(what: "\(what) (count \(actual.count), expected \(expected.count))",
                                       expected: Double(expected.count), actual: Double(actual.count),
                                       largestError: .infinity))
            return
        }
        var worst: Int?
        var largest = 0.0
        for i in expected.indices where !tolerance.accepts(expected: expected[i], actual: actual[i]) {
            let error = Swift.abs(actual[i] - expected[i])
            if worst == nil || error > largest || error.isNaN {
                worst = i
                largest = error
            }
        }
        guard let worst else { return }
        let label = expected.count == 1 ? what : "\(what)[\(worst)]"
        mismatches.append(Mismatch(what: label, expected: expected[worst], actual: actual[worst], largestError: largest))
    }

    /// Compares one number.
    public func compare(_ what: String, expected: Double, actual: Double) {
        compare(what, expected: [expected], actual: [actual])
    }

    /// Compares an engine tensor with a reference tensor, shape first.
    public func compare(_ what: String, expected: JSONValue, actual: Tensor) throws(ParityError) {
        let reference = try tensor(expected)
        guard reference.shape == actual.shape else {
            mismatches.append(Mismatch(what: "\(what) shape \(actual.shape), expected \(reference.shape)",
                                       expected: .nan, actual: .nan, largestError: .infinity))
            return
        }
        compare(what, expected: try numbers("data", in: expected), actual: actual.toArray().map(Double.init))
    }

    /// Records a mismatch found by other means (a statistic outside its sampling bounds, ...).
    public func fail(_ what: String, expected: Double, actual: Double, largestError: Double) {
        mismatches.append(Mismatch(what: what, expected: expected, actual: actual, largestError: largestError))
    }
}
