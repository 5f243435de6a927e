import NNEngine
import NNRuns

/// The inputs and parameters of an `op` (or `loss`) case, decoded for the engine.
public struct OpArguments {
    /// The case being checked.
    public let testCase: ParityCase
    /// The case's tensors by PyTorch parameter name; float inputs require grad.
    public let inputs: [(String, Tensor)]
    /// The `params` object.
    public let params: JSONValue

    init(_ testCase: ParityCase) throws(ParityError) {
        self.testCase = testCase
        var inputs: [(String, Tensor)] = []
        for (name, value) in testCase.field("inputs")?.objectValue ?? [] where !value.isNull {
            let isInt = value["dtype"]?.stringValue == "int"
            inputs.append((name, try testCase.tensor(value, requiresGrad: !isInt)))
        }
        self.inputs = inputs
        params = testCase.field("params") ?? .object([])
    }

    /// The input named `name`, if given.
    public func input(_ name: String) -> Tensor? { inputs.first { $0.0 == name }?.1 }

    /// The first given input among `names`; throws when none is given.
    public func required(_ names: String...) throws(ParityError) -> Tensor {
        for name in names { if let t = input(name) { return t } }
        throw .malformed("lacks input \(names.joined(separator: " or "))")
    }

    /// The parameter `name`, nil when absent or null.
    public func param(_ name: String) -> JSONValue? { testCase.field(name, in: params) }

    /// A float parameter with PyTorch's default.
    public func float(_ name: String, default value: Float) throws(ParityError) -> Float {
        guard let p = param(name) else { return value }
        guard let d = p.doubleValue else { throw .malformed("\(name) is not a number") }
        return Float(d)
    }

    /// A double parameter with PyTorch's default.
    public func double(_ name: String, default value: Double) throws(ParityError) -> Double {
        guard let p = param(name) else { return value }
        guard let d = p.doubleValue else { throw .malformed("\(name) is not a number") }
        return d
    }

    /// An integer parameter with PyTorch's default, within `ParityLimits.integers`.
    public func int(_ name: String, default value: Int) throws(ParityError) -> Int {
        guard let p = param(name) else { return value }
        return try ParityCase.integer(p, named: name, within: ParityLimits.integers)
    }

    /// A boolean parameter with PyTorch's default.
    public func bool(_ name: String, default value: Bool) throws(ParityError) -> Bool {
        guard let p = param(name) else { return value }
        guard let b = p.boolValue else { throw .malformed("\(name) is not a boolean") }
        return b
    }

    /// A string parameter with PyTorch's default.
    public func string(_ name: String, default value: String) throws(ParityError) -> String {
        guard let p = param(name) else { return value }
        guard let s = p.stringValue else { throw .malformed("\(name) is not a string") }
        return s
    }

    /// A `dim` parameter: nil when absent, one integer, or a list of integers.
    public func dims(_ name: String = "dim") throws(ParityError) -> [Int]? {
        guard let p = param(name) else { return nil }
        if let list = p.arrayValue {
            var ints: [Int] = []
            for item in list { ints.append(try ParityCase.integer(item, named: name, within: ParityLimits.integers)) }
            return ints
        }
        guard p.doubleValue != nil else { throw .malformed("\(name) is not an integer or a list") }
        return [try ParityCase.integer(p, named: name, within: ParityLimits.integers)]
    }
}
