import NNEngine
import NNRuns

/// A tensor of a reference file: `{"shape": [...], "data": [...]}` (`"dtype": "int"` for integers).
struct GoldenTensor {
    var shape: [Int]
    var data: [Double]
    var isInteger: Bool

    /// Decodes `json`.
    /// - Throws: `GoldenError` when it is not a tensor.
    init(_ json: JSONValue?) throws {
        guard let json, let shape = json["shape"]?.arrayValue?.compactMap(\.intValue), let data = json["data"]?.doubleArray
        else { throw GoldenError("expected a tensor, got \(json?.jsonText.prefix(80) ?? "nothing")") }
        self.shape = shape
        self.data = data
        isInteger = json["dtype"]?.stringValue == "int"
    }

    /// A float tensor of these values.
    func tensor(requiresGrad: Bool = false) -> Tensor {
        Tensor(data.map { Float($0) }, shape: shape, requiresGrad: requiresGrad)
    }

    /// An integer tensor of these values.
    func intTensor() throws -> IntTensor { try IntTensor(data.map { Int($0) }, shape: shape) }
}

/// A reference case that cannot be read.
struct GoldenError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Compares actual values with a case's expected values within its tolerance.
struct ToleranceCheck {
    var rtol: Double
    var atol: Double
    /// One line per mismatch.
    private(set) var failures: [String] = []
    /// The largest `|actual - expected|` seen.
    private(set) var worstError: Double = 0

    /// The file's tolerance, or the case's own relative tolerance when it carries one.
    init(case json: JSONValue, rtol: Double = 1e-4, atol: Double = 1e-5) {
        self.rtol = json["tolerance"]?.doubleValue ?? rtol
        self.atol = atol
    }

    /// Checks `actual` against `expected` element by element; `what` names the value in a failure.
    mutating func compare(_ what: String, _ actual: [Double], _ expected: [Double]) {
        guard actual.count == expected.count else {
            failures.append("\(what): \(actual.count) values, expected \(expected.count)")
            return
        }
        for (i, (a, e)) in zip(actual, expected).enumerated() {
            let error = abs(a - e)
            if a.isNaN && e.isNaN || a == e { continue }
            worstError = max(worstError, error.isNaN ? .infinity : error)
            if !(error <= atol + rtol * abs(e)) {
                failures.append("\(what)[\(i)]: \(a), expected \(e)")
                return
            }
        }
    }

    mutating func compare(_ what: String, _ actual: [Float], _ expected: [Double]) {
        compare(what, actual.map(Double.init), expected)
    }

    /// Records a failure that is not a number mismatch.
    mutating func fail(_ message: String) { failures.append(message) }
}
